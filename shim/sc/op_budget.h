// SPDX-License-Identifier: GPL-2.0-only
// A bound on the work one op may do inside the code under test, so a mirror or kernel
// source that loops without progress inside one op is a finding (check no_progress)
// instead of a hang. The shims count work where every loop of the code under test
// passes: page-supply allocations, iov_iter steps, sk_msg building. Code can also count
// a loop iteration of its own with sc_op_work() (usable from C).
//
// Past the budget the count escapes with a C++ exception (NoProgress) that the
// property layer arming the budget catches. An exception rather than siglongjmp: the
// mirrors are C++ with destructors (vectors, lock guards) that a longjmp would skip;
// kernel C built by kernel-src is compiled with -fexceptions so the exception unwinds
// through its frames too. Frees and destructors never count, so no destructor throws.
#pragma once

#ifdef __cplusplus
extern "C" {
#endif
/* One unit of work of the op in progress on this thread; "what" names the shim call. */
void sc_op_work(const char *what);
#ifdef __cplusplus
}

#include <cstdint>
#include <string>

namespace sc::shim {

// An op's budget: kOpWorkPerPiece units for each piece the op may legitimately be cut
// into (an allocator op is one piece; a splice, one per page and segment; a TLS send,
// one per smallest record and iovec), plus one piece. The most a legitimate op does per
// piece in a default `splicecheck run --seed 1` is 6 (a TLS send cut into 64-byte
// records), so no legitimate op comes within 100x of its budget.
inline constexpr uint64_t kOpWorkPerPiece = 1024;
inline constexpr uint64_t op_work_limit(uint64_t pieces) { return kOpWorkPerPiece * (1 + pieces); }

// What escapes the op when its budget is spent.
struct NoProgress {
  const char *where;  // the shim call that went over
  uint64_t limit;
  std::string text() const;  // "more than N units of work in one op (the last: iov_iter_revert)"
};

// Arms the budget for the op about to run on this thread (for `limit` units); disarms
// on destruction and restores the task's preemption state, which an op abandoned
// half-way may have left disabled.
class OpBudget {
 public:
  explicit OpBudget(uint64_t limit);
  ~OpBudget();
  OpBudget(const OpBudget &) = delete;
  OpBudget &operator=(const OpBudget &) = delete;
  // The next op of a sequence under one budget: a fresh count of `limit` units.
  void next_op(uint64_t limit);
};

}  // namespace sc::shim
#endif
