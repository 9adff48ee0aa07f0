// SPDX-License-Identifier: GPL-2.0-only
// What the judges of op traces (oracle/alloc_judge.cc, oracle/splice_judge.cc) share: the
// rows a kernel finding names, a trace's one-line form, the walk that says whether every
// op is defined for the model, and the shrink candidates that only drop ops.
#pragma once

#include <api/bugs.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

namespace sc::oracle {

// The random traces' dice: below(n) is uniform in [0, n), the same sequence per seed.
class Below {
public:
  explicit Below(uint64_t seed) : rng_(seed) {}
  uint64_t operator()(uint64_t n) { return std::uniform_int_distribution<uint64_t>(0, n - 1)(rng_); }

private:
  std::mt19937_64 rng_;
};

// Every check of a component's CheckSet (a std::bitset) on.
template <typename CheckSet> CheckSet every_check_of() {
  CheckSet all;
  all.set();
  return all;
}

// The profile rows of `component` in effect at `profile` that `check` identifies.
inline std::vector<BugId> profile_rows_naming(Component component, const char *check, Profile profile) {
  std::vector<BugId> out;
  for (const auto &b : all_bugs())
    if (b.component == component && b.kind == BugKind::profile && b.covers(profile) && b.identified_by(check))
      out.push_back(b.id);
  return out;
}

// "op ; op ; ...".
template <typename Trace, typename FormatOp> std::string ops_line(const Trace &t, FormatOp format_op) {
  std::string out;
  for (const auto &op : t.ops)
    out += (out.empty() ? "" : " ; ") + format_op(op);
  return out;
}

// Walks t's ops through `step` (false: the op is not defined in the model's state, else
// applied); false with *why naming the first undefined op and `rule`, what defines one.
template <typename Trace, typename Step, typename FormatOp>
bool every_op_defined(const Trace &t, Step step, FormatOp format_op, const char *rule, std::string *why) {
  for (size_t i = 0; i < t.ops.size(); i++)
    if (!step(t.ops[i])) {
      *why = "op " + std::to_string(i + 1) + " '" + format_op(t.ops[i]) + "' is not defined there (" + rule + ")";
      return false;
    }
  return true;
}

// Candidates with halves, quarters, ... of the ops dropped, then each single op, handed
// to keep (which holds the valid ones).
template <typename Trace, typename Keep> void drop_ops(const Trace &t, Keep keep) {
  size_t n = t.ops.size();
  for (size_t block = n / 2; block >= 2; block /= 2)
    for (size_t at = 0; at + block <= n; at += block) {
      Trace c = t;
      c.ops.erase(c.ops.begin() + static_cast<long>(at), c.ops.begin() + static_cast<long>(at + block));
      keep(c);
    }
  for (size_t i = 0; i < n; i++) {
    Trace c = t;
    c.ops.erase(c.ops.begin() + static_cast<long>(i));
    keep(c);
  }
}

}  // namespace sc::oracle
