// SPDX-License-Identifier: GPL-2.0-only
// The bug table (api/bugs.def) as data, and the run-time switch for mutant rows.
#pragma once

#include <api/profiles.h>

#include <cstdint>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sc {

enum class BugId {
#define BUG(id, component, kind, profiles, checks, detectors, upstream, help) id,
#include <api/bugs.def>
#undef BUG
};

enum class BugKind { profile, mutant, observation, race };

const char *kind_name(BugKind k);

struct BugInfo {
  BugId id;
  const char *name;
  Component component;
  BugKind kind;
  std::vector<Profile> profiles;  // where the row is in effect (profile) or can be switched on (mutant)
  std::vector<std::string> checks;
  std::vector<std::string> detectors;
  const char *upstream;
  const char *help;

  bool covers(Profile p) const;
  bool identified_by(std::string_view check) const;
  // The profile `run --bug ID` uses when none is given: the first of its profiles where
  // no profile row is in effect, else its first.
  Profile default_profile() const;
};

const std::vector<BugInfo> &all_bugs();
const BugInfo &bug_info(BugId id);
std::optional<BugId> parse_bug(std::string_view name);
// Rows in effect for a run: profile rows covering p, plus the switched-on mutant.
std::vector<BugId> bugs_in_effect(Component c, Profile p, std::optional<BugId> switched_on);

// The rule every detector matches failures by: `row` explains a failure of `check` when
// it claims the check and its trigger holds at the failing op. A profile row's trigger
// is its component's (props/*_triggers.cc), listed in `triggered`; a mutant's switch
// changes its rule everywhere, so a switched-on mutant's trigger always holds.
bool row_explains(BugId row, std::string_view check, const std::vector<BugId> &triggered);
// The rows of `in_effect` that explain the failure.
std::vector<BugId> explaining_rows(const std::vector<BugId> &in_effect, std::string_view check,
                                   const std::vector<BugId> &triggered);

// A profile row's fix switch (api/fixes.def): its name, or nullptr when it has none.
const char *fix_name(BugId id);
const char *fix_help(BugId id);
// The rows of `rows` that have a fix switch.
std::vector<BugId> fixable(const std::vector<BugId> &rows);

// Mutant switch read by impl/ hooks (inline: they sit on the allocation fast path).
// One mutant at a time per process.
namespace detail {
inline constexpr int kNoBug = -1;
extern int g_enabled_bug;
extern uint64_t g_fixed_rows;  // bit per BugId: its fix switch is on
}  // namespace detail
inline bool bug_enabled(BugId id) { return detail::g_enabled_bug == static_cast<int>(id); }
// Fix switches read by impl/ hooks: on, the row's defect is gone from the mirror.
inline bool fix_on(BugId id) { return (detail::g_fixed_rows >> static_cast<unsigned>(id)) & 1; }
class ScopedFixes {
 public:
  explicit ScopedFixes(const std::vector<BugId> &rows);
  ~ScopedFixes();
  ScopedFixes(const ScopedFixes &) = delete;
  ScopedFixes &operator=(const ScopedFixes &) = delete;

 private:
  uint64_t previous_;
};
class ScopedBug {
 public:
  explicit ScopedBug(std::optional<BugId> id);
  ~ScopedBug();
  ScopedBug(const ScopedBug &) = delete;
  ScopedBug &operator=(const ScopedBug &) = delete;

 private:
  int previous_;
};

}  // namespace sc
