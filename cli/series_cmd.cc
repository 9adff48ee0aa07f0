// SPDX-License-Identifier: GPL-2.0-only
#include <cli/series_cmd.h>

#include <cli/level_table.h>
#include <cli/run.h>

#include <sstream>

namespace sc::cli {

int series_command(const Options &o, std::ostream &out, std::ostream &err) {
  auto parsed = alloc_plan(o, err);
  if (!parsed)
    return 2;
  RunPlan plan = *parsed;
  out << "splicecheck series: the allocator at each level, seed " << plan.seed << ", " << plan.cases
      << " cases per property\n\n";
  std::vector<ProfileRun> runs;
  bool as_expected = true;
  for (Profile p : profiles_of(Component::alloc)) {
    if (is_alias(p))
      continue;
    // Each level's own report is long; the table is the point here. A level that is
    // not as expected is printed whole.
    std::ostringstream report;
    runs.push_back(run_profile(Component::alloc, p, std::nullopt, bugs_in_effect(Component::alloc, p, std::nullopt),
                               plan, report));
    const ProfileRun &r = runs.back();
    out << "  " << profile_info(p).name << ": " << (r.as_expected() ? "as expected" : "UNEXPECTED");
    for (BugId id : r.expected)
      out << (id == r.expected.front() ? "; rows found: " : ", ") << bug_info(id).name;
    out << "\n";
    if (!r.as_expected())
      out << report.str();
    as_expected &= r.as_expected();
  }
  out << "\n";
  std::vector<LevelColumn> columns;
  for (const auto &r : runs)
    columns.push_back({profile_info(r.profile).name, profile_info(r.profile).help, &r});
  print_level_table(columns, out);
  out << "verdict: " << (as_expected ? "as expected" : "UNEXPECTED") << "\n";
  return as_expected ? 0 : 1;
}

}  // namespace sc::cli
