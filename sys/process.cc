// SPDX-License-Identifier: GPL-2.0-only
#include <sys/process.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace sc::sys {
namespace {

using Clock = std::chrono::steady_clock;

// Our environment with the command's settings over it.
std::vector<std::string> environment(const Command &c) {
  std::vector<std::string> env;
  for (char **e = environ; *e; e++) {
    std::string kv = *e;
    bool overridden = false;
    for (const auto &[k, v] : c.env)
      overridden |= kv.compare(0, k.size() + 1, k + "=") == 0;
    if (!overridden)
      env.push_back(std::move(kv));
  }
  for (const auto &[k, v] : c.env)
    env.push_back(k + "=" + v);
  return env;
}

std::vector<char *> pointers(std::vector<std::string> &strings) {
  std::vector<char *> p;
  for (auto &s : strings)
    p.push_back(s.data());
  p.push_back(nullptr);
  return p;
}

// True once the child has ended, without reaping it (its group id stays reserved).
bool ended(pid_t pid) {
  siginfo_t info{};
  return waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid;
}

}  // namespace

int exit_code_of(int wait_status) {
  return WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : WIFSIGNALED(wait_status) ? -WTERMSIG(wait_status) : -1;
}

std::optional<pid_t> spawn(const Command &c, int stdout_fd, int stderr_fd, std::string *why) {
  if (c.argv.empty() || c.argv[0].empty()) {
    *why = "no program to run";
    return std::nullopt;
  }
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attr);
  if (stdout_fd >= 0)
    posix_spawn_file_actions_adddup2(&actions, stdout_fd, 1);
  if (stderr_fd >= 0)
    posix_spawn_file_actions_adddup2(&actions, stderr_fd, 2);
  // Its own group, so a timeout or an interrupted caller can stop what it starts too;
  // signals we ignore or block stay ours, not the child's.
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  for (int s : {SIGINT, SIGTERM, SIGPIPE, SIGHUP, SIGQUIT})
    sigaddset(&defaults, s);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  std::vector<std::string> args = c.argv, env = environment(c);
  auto argv = pointers(args), envp = pointers(env);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    *why = "cannot run " + c.argv[0] + ": " + std::strerror(rc);
    return std::nullopt;
  }
  return pid;
}

Result run(const Command &c) {
  Result r;
  int out[2] = {-1, -1}, err[2] = {-1, -1};
  bool capture_err = !c.stderr_to_stdout && !c.stderr_passthrough;
  if (pipe2(out, O_CLOEXEC) != 0 || (capture_err && pipe2(err, O_CLOEXEC) != 0)) {
    r.error = std::string("cannot make a pipe: ") + std::strerror(errno);
    for (int fd : {out[0], out[1]})
      if (fd >= 0)
        close(fd);
    return r;
  }
  auto pid = spawn(c, out[1], c.stderr_to_stdout ? out[1] : capture_err ? err[1] : -1, &r.error);
  close(out[1]);
  if (capture_err)
    close(err[1]);
  std::vector<pollfd> fds = {{out[0], POLLIN, 0}};
  std::vector<std::string *> sinks = {&r.out};
  if (capture_err) {
    fds.push_back({err[0], POLLIN, 0});
    sinks.push_back(&r.err);
  }
  if (!pid) {
    for (auto &p : fds)
      close(p.fd);
    return r;
  }
  auto deadline = Clock::now() + std::chrono::duration<double>(c.timeout_seconds.value_or(0));
  bool done = false;
  for (size_t open = fds.size(); !done || open > 0;) {
    if (!done && ended(*pid)) {
      done = true;
      kill(-*pid, SIGKILL);  // what it left running would hold our pipes open
    }
    if (!done && c.timeout_seconds && !r.timed_out && Clock::now() >= deadline) {
      r.timed_out = true;
      kill(-*pid, SIGKILL);
    }
    // Short waits once the pipes are closed: only the child's end is left to see.
    if (poll(fds.data(), fds.size(), open > 0 ? 50 : 5) <= 0)
      continue;
    for (size_t i = 0; i < fds.size(); i++) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
        continue;
      char buf[4096];
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        close(fds[i].fd);
        fds[i].fd = -1;  // poll skips negative descriptors
        open--;
      }
    }
  }
  int status = 0;
  while (waitpid(*pid, &status, 0) < 0 && errno == EINTR) {
  }
  int code = exit_code_of(status);
  r.exit_code = code >= 0 ? code : -1;
  r.signal = code < 0 ? -code : 0;
  return r;
}

std::string Result::status_text(const Command &c) const {
  std::string name = c.argv.empty() ? "?" : c.argv[0];
  if (!error.empty())
    return error;
  if (timed_out)
    return name + " timed out after " + std::to_string(static_cast<long>(*c.timeout_seconds)) + " s";
  if (signal)
    return name + " killed by signal " + std::to_string(signal) + " (" + strsignal(signal) + ")";
  return name + " exited " + std::to_string(exit_code);
}

}  // namespace sc::sys
