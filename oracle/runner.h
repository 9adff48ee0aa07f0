// SPDX-License-Identifier: GPL-2.0-only
// One boot through an oracle runner script (oracle/run for TLS, oracle/kmod/run for the
// allocator module): the input handed to the guest goes into a scratch file, the script
// runs from an argument vector with its messages on our stderr, and what the guest wrote
// comes back as text. Shared by kernel_run.cc and alloc_run.cc.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sc::oracle {

struct RunnerCall {
  std::string runner;   // the script
  std::string kernel;   // 6.1, 6.12, 7.2 or a bzImage path (handed on absolute)
  std::string program;  // the guest program or the module source
  std::string input;    // the guest's input text
  std::vector<std::pair<std::string, std::string>> path_env;  // variable -> path (absolute), empty ones left out
  std::string what;     // "3 scenario(s)", for the boot line
};

struct RunnerResult {
  int exit_code = -1;
  std::string status;  // "exit 4", "killed by signal 9", ...
  std::string output;  // what the guest wrote (may be partial on failure)
};

// nullopt with *why only when no scratch directory can be made.
std::optional<RunnerResult> run_runner(const RunnerCall &c, std::string *why);

bool is_named_kernel(const std::string &kernel);  // 6.1, 6.12 or 7.2

}  // namespace sc::oracle
