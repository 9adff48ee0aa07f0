// SPDX-License-Identifier: GPL-2.0-only
#include <explore/scheduler.h>

#include <cstdio>
#include <cstdlib>

namespace sc::explore {
namespace {
Scheduler *g_active = nullptr;
}

Scheduler *Scheduler::active() { return g_active; }

// A started process task that cannot be preempted keeps its cpu to itself.
bool Scheduler::holds_cpu(const Task &t) const {
  return t.started && !t.fiber->finished() && t.spec.kind == TaskKind::process &&
         (t.ctx.preempt_count > 0 || t.ctx.bh_count > 0 || t.ctx.irq_count > 0);
}

std::vector<Option> Scheduler::runnable() const {
  std::vector<Option> out;
  for (unsigned i = 0; i < tasks_.size(); i++) {
    const Task &t = tasks_[i];
    if (t.fiber->finished())
      continue;
    if ((t.waiting && t.waiting->holder >= 0) || (t.awaiting && !t.awaiting->set))
      continue;
    // cpus this task could run on now: its own, or any if it sleeps.
    for (unsigned cpu = 0; cpu < nr_cpu_ids; cpu++) {
      if (static_cast<int>(cpu) != t.ctx.cpu && !t.sleeping)
        continue;
      bool blocked = false;
      for (unsigned j = 0; j < tasks_.size() && !blocked; j++) {
        const Task &o = tasks_[j];
        if (j == i || o.fiber->finished() || !o.started || static_cast<unsigned>(o.ctx.cpu) != cpu)
          continue;
        if (o.spec.kind == TaskKind::softirq)
          blocked = true;  // a softirq in progress runs to its end on its cpu
        else if (t.spec.kind == TaskKind::softirq)
          blocked = o.ctx.bh_count > 0 || o.ctx.irq_count > 0;  // BH off keeps softirqs out
        else
          blocked = holds_cpu(o);
      }
      if (!blocked)
        out.push_back({i, cpu});
    }
  }
  return out;
}

RunResult Scheduler::run(std::vector<TaskSpec> specs, Chooser &chooser, const std::function<void()> &after_step) {
  RunResult r;
  tasks_.clear();
  for (auto &s : specs) {
    Task t;
    t.ctx.cpu = static_cast<int>(s.cpu);
    t.spec = std::move(s);
    tasks_.push_back(std::move(t));
  }
  for (unsigned i = 0; i < tasks_.size(); i++) {
    auto body = tasks_[i].spec.body;
    tasks_[i].fiber = std::make_unique<Fiber>(body);
  }
  sc_task_ctx outside = sc_current_task;
  g_active = this;
  current_ = -1;
  uint64_t step = 0;
  for (;;) {
    auto options = runnable();
    if (options.empty()) {
      bool left = false;
      for (auto &t : tasks_)
        left = left || !t.fiber->finished();
      r.deadlock = left;
      break;
    }
    size_t pick = 0;
    if (options.size() > 1) {
      pick = chooser.choose(options, current_, step);
      if (pick >= options.size())
        pick = 0;
      r.decisions.push_back(static_cast<uint32_t>(pick));
      bool current_could_go_on = false;
      for (auto &o : options)
        current_could_go_on = current_could_go_on || static_cast<int>(o.task) == current_;
      if (current_could_go_on && static_cast<int>(options[pick].task) != current_)
        r.preemptions++;
    }
    Task &t = tasks_[options[pick].task];
    t.ctx.cpu = static_cast<int>(options[pick].cpu);
    t.sleeping = false;
    t.started = true;
    current_ = static_cast<int>(options[pick].task);
    sc_current_task = t.ctx;
    in_task_ = true;
    t.fiber->resume();
    in_task_ = false;
    t.ctx = sc_current_task;
    r.steps.push_back({options[pick].task, static_cast<unsigned>(t.ctx.cpu), t.fiber->finished() ? "end" : last_point_});
    step++;
    after_step();
  }
  g_active = nullptr;
  sc_current_task = outside;
  tasks_.clear();
  current_ = -1;
  return r;
}

void Scheduler::yield_current(const char *what) {
  last_point_ = what;
  tasks_[current_].fiber->yield();
}

void Scheduler::point(const char *what) { yield_current(what); }

void Scheduler::might_sleep() {
  Task &t = tasks_[current_];
  if (t.spec.kind == TaskKind::process && sc_current_task.preempt_count == 0 && sc_current_task.bh_count == 0 &&
      sc_current_task.irq_count == 0)
    t.sleeping = true;
  yield_current(t.sleeping ? "may sleep (alloc_pages, might_sleep)" : "alloc_pages");
}

void Scheduler::lock(SimLock &l, bool bh) {
  // spin_lock() disables preemption; spin_lock_bh() BH as well.
  sc_current_task.preempt_count++;
  if (bh)
    sc_current_task.bh_count++;
  yield_current("spin_lock");
  while (l.holder >= 0) {
    tasks_[current_].waiting = &l;
    yield_current("spin_lock (waits)");
    tasks_[current_].waiting = nullptr;
  }
  l.holder = current_;
}

void Scheduler::unlock(SimLock &l, bool bh) {
  l.holder = -1;
  if (bh)
    sc_current_task.bh_count--;
  sc_current_task.preempt_count--;
  yield_current("spin_unlock");
}

void Scheduler::wait(SimEvent &e) {
  while (!e.set) {
    tasks_[current_].awaiting = &e;
    yield_current("wait");
    tasks_[current_].awaiting = nullptr;
  }
}

void Scheduler::signal(SimEvent &e) {
  e.set = true;
  yield_current("signal");
}

}  // namespace sc::explore

// The shim's hook in the explorer build: outside a run (set-up, checks) it does nothing.
extern "C" void sc_sched_point(const char *what) {
  if (auto *s = sc::explore::Scheduler::active(); s && s->in_task())
    s->point(what);
}

extern "C" void sc_sched_might_sleep(const char *) {
  if (auto *s = sc::explore::Scheduler::active(); s && s->in_task())
    s->might_sleep();
}
