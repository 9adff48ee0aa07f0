// SPDX-License-Identifier: GPL-2.0-only
// The allocator's properties: each is an op generator (which callers, sizes, faults)
// plus the checks it asserts. One rapidcheck stateful test runs every one of them,
// from the gtest suite and from `splicecheck run` alike.
#pragma once

#include <api/bugs.h>
#include <props/failure_log.h>
#include <props/page_frag_check.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sc::alloc {

// GFP_KERNEL and GFP_ATOMIC, each with and without __GFP_ZERO.
std::vector<uint32_t> every_caller_gfp();

struct GenConfig {
  unsigned cpus = 2;
  std::vector<uint32_t> gfps = every_caller_gfp();  // caller gfp masks to draw from
  bool aligns = false;         // alignments other than 1
  bool large = false;          // sizes above PAGE_SIZE often, beyond 32 KiB sometimes
  bool faults = false;         // FailPages / FailAfter ops
  bool reserve = false;        // Reserve ops (pfmemalloc pages)
  bool drains = true;          // Drain ops among the generated ones
  bool exhaustion = true;      // Allocs may exhaust the cached page
  bool teardown = true;        // free everything, drain, check for leaks at the end
  unsigned free_weight = 5;    // against 10 for Alloc: higher empties pages, so they recycle
  unsigned dirty_weight = 3;   // owners writing their fragments: what stale bytes are made of
  bool pressure = false;       // supply mostly order-0 only and handing out reserve pages
};

using Property = PropertyOf<GenConfig, CheckSet>;

const std::vector<Property> &alloc_properties();
const Property *find_property(std::string_view name);

// One test case: generates an op sequence against the model and runs it through a
// Differential; fails the rapidcheck case (RC_FAIL) at the first asserted finding.
// Also usable directly inside RC_GTEST_PROP.
void alloc_property_case(const Property &prop, Profile profile, std::optional<BugId> bug);
void alloc_property_case(const Property &prop, const Subject &subject, std::optional<BugId> bug);

using PropertyFailure = PropertyFailureOf<Finding, Op>;
using PropertyOutcome = PropertyOutcomeOf<PropertyFailure>;

// Runs a property deterministically from `seed`, shrinking any failure.
PropertyOutcome run_alloc_property(const Property &prop, Profile profile, std::optional<BugId> bug,
                                   uint64_t seed, int cases);
PropertyOutcome run_alloc_property(const Property &prop, const Subject &subject, std::optional<BugId> bug,
                                   uint64_t seed, int cases);

}  // namespace sc::alloc
