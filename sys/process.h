// SPDX-License-Identifier: GPL-2.0-only
// Running other programs: always from an argument vector (posix_spawnp), never through a
// shell, so no path or name handed in can become a command. Each child gets its own
// process group, which a timeout (or the caller) kills whole.
#pragma once

#include <optional>
#include <string>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace sc::sys {

struct Command {
  Command(std::vector<std::string> args) : argv(std::move(args)) {}  // NOLINT: a command is its argv
  std::vector<std::string> argv;                          // argv[0] is looked up in PATH
  std::vector<std::pair<std::string, std::string>> env;   // set (over ours) in the child
  std::optional<double> timeout_seconds;                  // then the whole group is killed
  bool stderr_to_stdout = false;                          // one interleaved text, as a terminal shows it
  bool stderr_passthrough = false;                        // the child's messages go to our stderr
};

struct Result {
  int exit_code = -1;     // the exit status; -1 when killed or never started
  int signal = 0;         // the signal that ended it, if one did
  bool timed_out = false;
  std::string error;      // why it could not be started
  std::string out, err;   // what it wrote (err empty when merged or passed through)
  bool ok() const { return exit_code == 0; }
  // "exit 3", "killed by signal 9", "timed out after 5 s", "cannot run x: ..."
  std::string status_text(const Command &c) const;
};

// Runs the command to its end, capturing its output through pipes.
Result run(const Command &c);

// Starts the command in a new process group with stdout and stderr on the given
// descriptors (-1: inherit ours). The pid, or nullopt with *why.
std::optional<pid_t> spawn(const Command &c, int stdout_fd, int stderr_fd, std::string *why);

// Exit status of a waitpid() status word: the exit code, or -signal.
int exit_code_of(int wait_status);

}  // namespace sc::sys
