// SPDX-License-Identifier: GPL-2.0-only
// Runs detector processes side by side (one per core), each bounded in time as a guard:
// the detectors bound their work themselves, the guard only stops a process that hangs.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace sc::km {

struct Job {
  Job() = default;
  Job(std::vector<std::string> args) : argv(std::move(args)) {}  // NOLINT: a command line is a job
  std::vector<std::string> argv;
  std::vector<std::pair<std::string, std::string>> env;  // set in the child
  double timeout_seconds = 1800;
};

struct Finished {
  int exit_code = -1;  // -N: killed by signal N
  bool timed_out = false;
  double seconds = 0;
  std::string output;  // stdout and stderr, interleaved
};

// Runs every job, `parallel` at a time; on_done is called as each ends (in end order).
std::vector<Finished> run_jobs(const std::vector<Job> &jobs, int parallel,
                               const std::function<void(size_t index, const Finished &)> &on_done);

}  // namespace sc::km
