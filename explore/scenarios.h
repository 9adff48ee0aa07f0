// SPDX-License-Identifier: GPL-2.0-only
// The named cross-cpu scenarios (SPEC §1.12 R1-R5 and the series' patch-06 refill
// window). Each builds its tasks over a World; `fixed` turns on its named fix switch,
// the correct counterpart of its race row.
#pragma once

#include <api/bugs.h>
#include <explore/scheduler.h>
#include <explore/world.h>

#include <optional>
#include <string>
#include <vector>

namespace sc::explore {

struct Scenario {
  const char *name;
  const char *title;
  std::optional<BugId> row;  // the race row it shows where that row is in effect
  const char *fix;           // the fix switch's name ("" for a scenario that must pass)
  bool (*applies)(Profile p);
  std::vector<TaskSpec> (*build)(World &w, bool fixed);
  size_t pages;  // page supply size
  // References from outside the allocator (R4's walker) may legally turn a recycle into a
  // refill, which the sequential model cannot foresee: compare offsets, not page identity.
  bool outside_refs = false;
};

const std::vector<Scenario> &all_scenarios();
const Scenario *find_scenario(const std::string &name);

// Turns the scenario's code-level fix on for the lifetime of the object (R4, W6).
class ScopedFix {
 public:
  ScopedFix(const Scenario &s, bool fixed);
  ~ScopedFix();
  ScopedFix(const ScopedFix &) = delete;
  ScopedFix &operator=(const ScopedFix &) = delete;
};

}  // namespace sc::explore
