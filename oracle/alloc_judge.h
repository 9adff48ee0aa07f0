// SPDX-License-Identifier: GPL-2.0-only
// Holds the allocator model (at the kernel's profile) and our mirror of that profile to
// what a running kernel did with a trace, op by op; generates random traces a running
// kernel can replay; and gives the smaller traces a shrink round boots.
#pragma once

#include <api/bugs.h>
#include <oracle/alloc_run.h>
#include <props/page_frag_check.h>

#include <optional>
#include <string>
#include <vector>

namespace sc::oracle {

struct AllocFinding {
  alloc::Check check;
  size_t op = 0;  // 1-based
  std::string detail;
  bool operator==(const AllocFinding &o) const { return check == o.check && op == o.op; }
};

struct AllocVerdict {
  // The first op where the side's observation differs from the kernel's (0: none), and how.
  size_t model_diff = 0, impl_diff = 0;
  std::string model_detail, impl_detail;
  std::optional<AllocFinding> kernel, impl;  // the first check each breaks
  std::vector<BugId> kernel_rows;            // rows in effect that the kernel's finding names
  std::string impl_explained;                // why a difference of the mirror's is expected
  bool model_agrees() const { return model_diff == 0; }
  bool impl_agrees() const { return impl_diff == 0; }
};

// REQUIRES: t is replayable (oracle::replayable) and valid for the model at `profile`.
AllocVerdict judge_alloc(const alloc::Trace &t, const std::vector<KernelAllocOp> &kernel, Profile profile);

// Whether every op is valid in turn for the model at `profile` (live indexes, fragsz).
bool valid_for_model(const alloc::Trace &t, Profile profile, std::string *why);

// Deterministic per seed; only ops a running kernel replays; every trace valid.
std::vector<alloc::Trace> random_alloc_traces(uint64_t seed, int count, Profile profile);

// Smaller valid traces: blocks and single ops dropped, sizes halved, alignments dropped.
std::vector<alloc::Trace> alloc_shrink_candidates(const alloc::Trace &t, Profile profile);

std::string trace_line(const alloc::Trace &t);  // "Alloc cpu=0 ... ; Dirty idx=0 ; ..."

}  // namespace sc::oracle
