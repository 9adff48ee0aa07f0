// SPDX-License-Identifier: GPL-2.0-only
// Holds the splice model (the contract, at the kernel's profile) and our mirror of that
// profile to what a running kernel's skb_splice_from_iter() did, op by op; generates
// random traces the replayer module can run; gives the smaller traces a shrink round boots.
#pragma once

#include <api/bugs.h>
#include <oracle/splice_run.h>
#include <props/splice_check.h>

#include <optional>
#include <string>
#include <vector>

namespace sc::oracle {

struct SpliceVerdict {
  // The first op where the side's observation differs from the kernel's (0: none), and how.
  size_t model_diff = 0, impl_diff = 0;
  std::string model_detail, impl_detail;
  // Where the kernel breaks the model's contract in a way a row of the profile names (the
  // model then stops being compared: its state is no longer the kernel's).
  std::optional<splice::Check> kernel;
  size_t kernel_op = 0;
  std::string kernel_detail;
  std::vector<BugId> kernel_rows;
  bool model_agrees() const { return model_diff == 0; }
  bool impl_agrees() const { return impl_diff == 0; }
};

// REQUIRES: splice_replayable(t) and splice_valid_for_model(t, profile). `mutant`, if
// any, is switched on in the mirror.
SpliceVerdict judge_splice(const splice::Trace &t, const std::vector<KernelSpliceOp> &kernel, Profile profile,
                           std::optional<BugId> mutant);

// Whether every op is valid in turn for the model (a Seg after an Iter and before its
// first Splice, at most 16 segments, a block of at most 32 KiB, room for a Prefill).
bool splice_valid_for_model(const splice::Trace &t, Profile profile, std::string *why);

// Deterministic per seed; kernel memory only (bvec and kvec over page, raw and slab
// segments); every trace valid.
std::vector<splice::Trace> random_splice_traces(uint64_t seed, int count, Profile profile);

// Smaller valid traces: blocks and single ops dropped, lengths and maxsizes halved,
// offsets to 0, backings to page.
std::vector<splice::Trace> splice_shrink_candidates(const splice::Trace &t, Profile profile);

// Of two traces with as many ops, the one a reader takes in faster: bytes, offsets,
// maxsizes, unusual backings and prefill pages summed.
uint64_t splice_trace_weight(const splice::Trace &t);

std::string splice_trace_line(const splice::Trace &t);  // "Iter kind=bvec ; Seg ... ; Splice ..."

}  // namespace sc::oracle
