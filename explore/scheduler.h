// SPDX-License-Identifier: GPL-2.0-only
// The deterministic scheduler: simulated tasks on simulated cpus, switched only at the
// shim's scheduling points (sc_sched_point, compiled in with SC_EXPLORE). It models what
// per-cpu code relies on:
//  - a task is bound to a cpu; tasks on different cpus interleave at every point;
//  - preemption: another process task of the same cpu runs, unless the running one has
//    preemption, BH or irqs disabled;
//  - softirq: a softirq task interrupts its cpu's task unless that task disabled BH (or
//    irqs), and then runs to its end before anything else runs on that cpu;
//  - migration: a preemptible process task that sleeps (a page allocation, an explicit
//    might_sleep) may resume on any cpu.
// Every choice among more than one runnable (task, cpu) is a decision; the decisions
// are the schedule, and replaying them reproduces the run exactly.
#pragma once

#include <explore/fiber.h>

#include <linux/smp.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace sc::explore {

enum class TaskKind { process, softirq };

struct TaskSpec {
  std::string name;
  unsigned cpu;
  TaskKind kind;
  std::function<void()> body;
};

struct Option {
  unsigned task;
  unsigned cpu;  // differs from the task's cpu only for a sleeper that migrates
};

// Picks among the runnable options (at least two). `current` is the task that ran last,
// or -1; `step` counts scheduling points so far.
class Chooser {
 public:
  virtual ~Chooser() = default;
  virtual size_t choose(const std::vector<Option> &options, int current, uint64_t step) = 0;
};

struct Step {
  unsigned task;
  unsigned cpu;
  const char *what;  // the scheduling point the task stopped at
};

// A spinlock among simulated tasks: a waiter is not runnable until the holder lets go.
struct SimLock {
  int holder = -1;
};

// A one-shot event: a waiter is not runnable until it is set.
struct SimEvent {
  bool set = false;
};

struct RunResult {
  std::vector<Step> steps;
  std::vector<uint32_t> decisions;  // the index chosen at each decision
  unsigned preemptions = 0;         // switches away from a task that could have gone on
  bool deadlock = false;            // tasks left and none runnable
};

class Scheduler {
 public:
  // Runs every task to its end. after_step runs in the scheduler between steps (the
  // invariant checks); it may not switch tasks.
  RunResult run(std::vector<TaskSpec> tasks, Chooser &chooser, const std::function<void()> &after_step);

  // From task code (through sc_sched_point and the scenario helpers).
  void point(const char *what);
  void might_sleep();
  void lock(SimLock &l, bool bh);
  void unlock(SimLock &l, bool bh);
  void wait(SimEvent &e);
  void signal(SimEvent &e);
  int current_task() const { return current_; }
  bool in_task() const { return in_task_; }  // false in the scheduler's own code (the checks)

  static Scheduler *active();  // the scheduler whose run() is in progress, if any

 private:
  struct Task {
    TaskSpec spec;
    std::unique_ptr<Fiber> fiber;
    sc_task_ctx ctx{};
    bool started = false;
    bool sleeping = false;  // stopped at a sleep: may resume on another cpu
    SimLock *waiting = nullptr;
    SimEvent *awaiting = nullptr;
  };
  std::vector<Option> runnable() const;
  bool holds_cpu(const Task &t) const;
  void yield_current(const char *what);

  std::vector<Task> tasks_;
  int current_ = -1;
  bool in_task_ = false;
  const char *last_point_ = "start";
};

}  // namespace sc::explore
