// SPDX-License-Identifier: GPL-2.0-only
#include <cli/killmatrix/jobs.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
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

struct Running {
  size_t index;
  std::string log;
  Clock::time_point start;
};

pid_t start(const Job &job, const std::string &log) {
  pid_t pid = fork();
  if (pid != 0)
    return pid;
  // The child: its own process group, so a timeout kills what it started too.
  setpgid(0, 0);
  int fd = open(log.c_str(), O_WRONLY | O_TRUNC);
  if (fd < 0)
    _exit(127);
  dup2(fd, 1);
  dup2(fd, 2);
  close(fd);
  for (const auto &[k, v] : job.env)
    setenv(k.c_str(), v.c_str(), 1);
  std::vector<char *> argv;
  for (const auto &a : job.argv)
    argv.push_back(const_cast<char *>(a.c_str()));
  argv.push_back(nullptr);
  execvp(argv[0], argv.data());
  dprintf(2, "cannot run %s\n", argv[0]);
  _exit(127);
}

std::string slurp(const std::string &path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::vector<Finished> run_jobs(const std::vector<Job> &jobs, int parallel,
                               const std::function<void(size_t, const Finished &)> &on_done) {
  std::vector<Finished> out(jobs.size());
  std::map<pid_t, Running> running;
  size_t next = 0;
  while (next < jobs.size() || !running.empty()) {
    while (next < jobs.size() && static_cast<int>(running.size()) < parallel) {
      char name[] = "/tmp/splicecheck-km-XXXXXX";
      int fd = mkstemp(name);
      if (fd >= 0)
        close(fd);
      pid_t pid = start(jobs[next], name);
      running[pid] = {next++, name, Clock::now()};
    }
    int status = 0;
    pid_t pid = waitpid(-1, &status, WNOHANG);
    if (pid <= 0) {
      for (auto &[p, r] : running)
        if (std::chrono::duration<double>(Clock::now() - r.start).count() > jobs[r.index].timeout_seconds &&
            !out[r.index].timed_out) {
          out[r.index].timed_out = true;
          kill(-p, SIGKILL);
          kill(p, SIGKILL);
        }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    auto it = running.find(pid);
    if (it == running.end())
      continue;
    Finished &f = out[it->second.index];
    f.seconds = std::chrono::duration<double>(Clock::now() - it->second.start).count();
    f.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    f.output = slurp(it->second.log);
    unlink(it->second.log.c_str());
    size_t index = it->second.index;
    running.erase(it);
    on_done(index, f);
  }
  return out;
}

}  // namespace sc::km
