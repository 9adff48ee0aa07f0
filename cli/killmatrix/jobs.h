// SPDX-License-Identifier: GPL-2.0-only
// Runs detector processes side by side (one per core), each bounded in time as a guard:
// the detectors bound their work themselves, the guard only stops a process that hangs.
// Each job runs in its own process group (sys/process.h); an interrupted matrix stops
// them all.
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

// While one is alive, SIGINT, SIGTERM and SIGHUP are caught instead of ending the process
// at once: run_jobs then stops its jobs and returns, and the owner removes its scratch
// files and ends as the signal would have ended it (raise_caught()).
class StopOnSignal {
 public:
  StopOnSignal();
  ~StopOnSignal();
  StopOnSignal(const StopOnSignal &) = delete;
  StopOnSignal &operator=(const StopOnSignal &) = delete;
  static int caught();  // the signal, or 0
  // Restores the default action and sends the caught signal to ourselves.
  static void raise_caught();
};

// Runs every job, `parallel` at a time, each one's output kept in a file under `scratch`
// (removed as it is read); on_done is called as each ends (in end order). On a caught
// signal (StopOnSignal) it kills every running job's process group, removes their files
// and returns early: the jobs not reported are not run.
std::vector<Finished> run_jobs(const std::vector<Job> &jobs, int parallel, const std::string &scratch,
                               const std::function<void(size_t index, const Finished &)> &on_done);

}  // namespace sc::km
