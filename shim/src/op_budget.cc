// SPDX-License-Identifier: GPL-2.0-only
#include <sc/op_budget.h>

#include <linux/smp.h>

namespace sc::shim {
namespace {

struct Budget {
  bool armed = false;
  bool tripped = false;  // thrown once: the unwinding op may call shims again
  uint64_t used = 0;
  uint64_t limit = 0;
};
thread_local Budget t_budget;
thread_local sc_task_ctx t_task_at_arm;

}  // namespace

std::string NoProgress::text() const {
  return "more than " + std::to_string(limit) + " units of work in one op (the last: " + where + ")";
}

OpBudget::OpBudget(uint64_t limit) {
  t_budget = {true, false, 0, limit};
  t_task_at_arm = sc_current_task;
}

OpBudget::~OpBudget() {
  if (t_budget.tripped)
    sc_current_task = t_task_at_arm;
  t_budget = {};
}

void OpBudget::next_op(uint64_t limit) {
  if (t_budget.tripped)
    sc_current_task = t_task_at_arm;
  t_budget = {true, false, 0, limit};
}

}  // namespace sc::shim

extern "C" void sc_op_work(const char *what) {
  auto &b = sc::shim::t_budget;
  if (!b.armed || b.tripped || ++b.used <= b.limit)
    return;
  b.tripped = true;
  throw sc::shim::NoProgress{what, b.limit};
}
