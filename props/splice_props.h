// SPDX-License-Identifier: GPL-2.0-only
// skb_splice_from_iter()'s properties: each an op generator (which iterators, backings,
// limits, faults) plus the checks it asserts. One rapidcheck stateful test runs each,
// from the gtest suite and from `splicecheck run` alike.
#pragma once

#include <api/bugs.h>
#include <props/failure_log.h>
#include <props/splice_check.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sc::splice {

struct GenConfig {
  unsigned slab = 2;          // weights of the backings a kernel iterator's segment gets
  unsigned raw = 1;
  unsigned page = 6;
  bool user_iters = true;     // UBUF/IOVEC iterators (user backing)
  bool kernel_iters = true;   // BVEC/KVEC iterators (page, raw, slab backing)
  bool faults = false;        // Extract and CopyFail ops
  bool limits = true;         // Limit and Prefill ops: reach the frag limit
  bool software_csum = false; // Csum ops, mostly software
  bool odd = false;           // odd offsets and lengths often
  unsigned splices = 3;       // weight of Splice ops
  bool teardown = true;       // free everything and check for leaks at the end
};

using Property = PropertyOf<GenConfig, CheckSet>;

const std::vector<Property> &splice_properties();
// The memory the harness makes for op, by shape only (no address; serials counted in
// *blocks): what the model needs to judge and apply ops while generating or validating.
std::vector<Memory> shape_of(const Op &op, uint64_t *blocks);
const Property *find_property(std::string_view name);

// One test case, usable inside RC_GTEST_PROP: generates ops against the model, runs
// them through a Differential, RC_FAILs at the first asserted finding.
void splice_property_case(const Property &prop, Profile profile, std::optional<BugId> bug);
void splice_property_case(const Property &prop, const Subject &subject, std::optional<BugId> bug);

using PropertyFailure = PropertyFailureOf<Finding, Op>;
using PropertyOutcome = PropertyOutcomeOf<PropertyFailure>;

PropertyOutcome run_splice_property(const Property &prop, Profile profile, std::optional<BugId> bug, uint64_t seed,
                                    int cases);
// On any subject: the mirror, kernel code, or both (three-way).
PropertyOutcome run_splice_property(const Property &prop, const Subject &subject, std::optional<BugId> bug,
                                    uint64_t seed, int cases);

}  // namespace sc::splice
