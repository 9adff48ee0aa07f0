// SPDX-License-Identifier: GPL-2.0-only
// `splicecheck run`: every property on every chosen profile, one verdict rule for all
// components. Failures are matched against the bug rows in effect:
//   EXPECTED: <row>  a row in effect that a failure matched
//   MISSED: <row>    a row in effect that no failure matched
//   UNEXPECTED       a failure that no row in effect explains
// and the run is "as expected" only with no MISSED and no UNEXPECTED. A row explains a
// failure when it claims the failed check and its trigger holds at the failing op
// (api/bugs.h row_explains). Each profile runs in two passes: as it is, and with its
// rows' fix switches on (api/fixes.def), where no row is in effect.
#pragma once

#include <api/bugs.h>
#include <api/profiles.h>
#include <cli/options.h>
#include <props/page_frag_check.h>
#include <props/splice_check.h>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace sc::cli {

// One property's run, as every component reports it.
struct PropertyResult {
  std::string name, help;
  std::vector<std::string> asserted;  // the checks it asserts
  int cases = 0;                      // passing cases before the failure (or all of them)
  int cut_short = 0;                  // cases that ended at a divergence another check owns
  std::string error;                  // rapidcheck gave up or failed for another reason
  struct Failure {
    std::string check, check_help;
    size_t op_index = 0;
    std::string divergence;
    std::string trace;  // the shrunk trace in its text form
    size_t trace_ops = 0;
    std::vector<BugId> triggered;  // profile rows whose trigger holds at the failing op
  };
  std::optional<Failure> failure;
  std::vector<BugId> explained_by;  // rows in effect that claim the failed check, their trigger holding
};

struct ProfileRun {
  Component component;
  Profile profile;   // the mirror profile: carving rules, rows in effect
  std::string name;  // what ran, as printed: alloc/pre-series, alloc/src:6.1 + pre-series
  std::optional<BugId> switched_on;
  std::vector<BugId> fixes;  // rows whose fix switches were on: the fix pass
  std::vector<PropertyResult> results;
  std::vector<BugId> expected, missed;
  std::vector<BugId> gone;  // with RunPlan::rows_may_go: rows in effect that no longer show
  std::vector<size_t> unexpected;  // indices into results
  bool as_expected() const { return missed.empty() && unexpected.empty(); }
  const char *pass() const { return fixes.empty() ? "as-is" : "fixed"; }
};

struct RunPlan {
  uint64_t seed = 1;
  int cases = 500;
  std::optional<std::string> property;  // only this one
  // The command that replays a failure, before " --property P --seed S --cases N";
  // empty: the `run` command for the profile.
  std::string replay_prefix;
  // Code that may fix rows (a patch level): a row that no longer shows is GONE, not MISSED.
  bool rows_may_go = false;
  // The fix pass: these rows' fix switches on (the caller leaves them out of in_effect).
  std::vector<BugId> fixes;
};

// Whether any component has a property of this name.
bool property_exists(Component c, std::string_view name);
// The names `run` runs for a component, in its order (TLS: name/sw, name/device).
std::vector<std::string> property_names(Component c);
// The plan of a command that runs the allocator properties (series, kernel-src): --seed,
// --cases, --property; nullopt after telling err when the property is unknown.
std::optional<RunPlan> alloc_plan(const Options &o, std::ostream &err);
// The same for the properties of component c (kernel-src --component splice).
std::optional<RunPlan> property_plan(Component c, const Options &o, std::ostream &err);

// Runs the properties of `profile` with `code_bug` switched on in the implementation and
// judges the failures against `in_effect`. The CLI passes the rows bugs_in_effect() names;
// tests pass a deliberately wrong list to show an unexplained failure is UNEXPECTED.
ProfileRun run_profile(Component c, Profile profile, std::optional<BugId> code_bug,
                       const std::vector<BugId> &in_effect, const RunPlan &plan, std::ostream &out);
// The allocator's properties on any subject: the mirror, external code, or both.
ProfileRun run_subject(const alloc::Subject &subject, std::optional<BugId> code_bug,
                       const std::vector<BugId> &in_effect, const RunPlan &plan, std::ostream &out);

// The splice properties on any subject: the mirror, kernel code, or both.
ProfileRun run_splice_subject(const splice::Subject &subject, std::optional<BugId> code_bug,
                              const std::vector<BugId> &in_effect, const RunPlan &plan, std::ostream &out);

// The replay command line of one failing property.
std::string replay_line(const ProfileRun &run, const PropertyResult &r, const RunPlan &plan);

}  // namespace sc::cli
