// SPDX-License-Identifier: GPL-2.0-only
#include <cli/killmatrix/jobs.h>

#include <sys/process.h>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace sc::km {
namespace {

using Clock = std::chrono::steady_clock;

volatile sig_atomic_t g_caught = 0;
constexpr int kStopSignals[] = {SIGINT, SIGTERM, SIGHUP};
struct sigaction g_previous[3];

extern "C" void note_signal(int sig) { g_caught = sig; }

struct Running {
  size_t index;
  std::string log;
  Clock::time_point start;
};

std::string slurp(const std::string &path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

StopOnSignal::StopOnSignal() {
  g_caught = 0;
  struct sigaction sa {};
  sa.sa_handler = note_signal;
  sigemptyset(&sa.sa_mask);
  for (int i = 0; i < 3; i++)
    sigaction(kStopSignals[i], &sa, &g_previous[i]);
}

StopOnSignal::~StopOnSignal() {
  for (int i = 0; i < 3; i++)
    sigaction(kStopSignals[i], &g_previous[i], nullptr);
}

int StopOnSignal::caught() { return g_caught; }

void StopOnSignal::raise_caught() {
  int sig = g_caught;
  if (!sig)
    return;
  signal(sig, SIG_DFL);
  raise(sig);
}

std::vector<Finished> run_jobs(const std::vector<Job> &jobs, int parallel, const std::string &scratch,
                               const std::function<void(size_t, const Finished &)> &on_done) {
  std::vector<Finished> out(jobs.size());
  std::map<pid_t, Running> running;
  size_t next = 0;
  auto stop_all = [&] {
    for (auto &[pid, r] : running) {
      kill(-pid, SIGKILL);
      waitpid(pid, nullptr, 0);
      unlink(r.log.c_str());
    }
    running.clear();
  };
  while (next < jobs.size() || !running.empty()) {
    if (StopOnSignal::caught()) {
      stop_all();
      return out;
    }
    while (next < jobs.size() && static_cast<int>(running.size()) < parallel) {
      std::string log = scratch + "/job-" + std::to_string(next) + ".log";
      int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
      sys::Command c{jobs[next].argv};
      c.env = jobs[next].env;
      std::string why;
      auto pid = fd >= 0 ? sys::spawn(c, fd, fd, &why) : std::nullopt;
      if (fd >= 0)
        close(fd);
      if (!pid) {
        // Reported like a program that could not be run: the judge names it.
        Finished &f = out[next];
        f.exit_code = 127;
        f.output = fd < 0 ? "cannot write " + log : why;
        unlink(log.c_str());
        on_done(next++, f);
        continue;
      }
      running[*pid] = {next++, log, Clock::now()};
    }
    int status = 0;
    pid_t pid = waitpid(-1, &status, WNOHANG);
    if (pid <= 0) {
      for (auto &[p, r] : running)
        if (std::chrono::duration<double>(Clock::now() - r.start).count() > jobs[r.index].timeout_seconds &&
            !out[r.index].timed_out) {
          out[r.index].timed_out = true;
          kill(-p, SIGKILL);
        }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    auto it = running.find(pid);
    if (it == running.end())
      continue;
    // Whatever the job left behind in its group goes with it.
    kill(-pid, SIGKILL);
    Finished &f = out[it->second.index];
    f.seconds = std::chrono::duration<double>(Clock::now() - it->second.start).count();
    f.exit_code = sys::exit_code_of(status);
    f.output = slurp(it->second.log);
    unlink(it->second.log.c_str());
    size_t index = it->second.index;
    running.erase(it);
    on_done(index, f);
  }
  return out;
}

}  // namespace sc::km
