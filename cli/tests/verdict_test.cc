// SPDX-License-Identifier: GPL-2.0-only
// The verdict rule: a failure no bug row in effect explains is UNEXPECTED. Shown with a
// deliberately broken implementation (a mutant switched on in the code while the run is
// told no row is in effect), and the converse with the row declared.
#include <cli/run.h>
#include <gtest/gtest.h>

#include <sstream>

using namespace sc;
using namespace sc::cli;

namespace {

TEST(Verdict, UndeclaredDefectIsUnexpected) {
  std::ostringstream out;
  RunPlan plan;
  plan.cases = 200;
  plan.property = "pfmemalloc_never_recycled";
  auto run = run_profile(Component::alloc, Profile::p05, BugId::mut_pfmemalloc_recycled, {}, plan, out);
  EXPECT_FALSE(run.as_expected()) << out.str();
  ASSERT_EQ(run.unexpected.size(), 1u);
  EXPECT_NE(out.str().find("UNEXPECTED: pfmemalloc_never_recycled"), std::string::npos);
  EXPECT_NE(out.str().find("profile verdict (alloc/p05): UNEXPECTED"), std::string::npos);
}

TEST(Verdict, DeclaredDefectIsExpected) {
  std::ostringstream out;
  RunPlan plan;
  plan.cases = 200;
  plan.property = "pfmemalloc_never_recycled";
  auto run = run_profile(Component::alloc, Profile::p05, BugId::mut_pfmemalloc_recycled,
                         {BugId::mut_pfmemalloc_recycled}, plan, out);
  EXPECT_TRUE(run.as_expected()) << out.str();
  EXPECT_EQ(run.expected, std::vector<BugId>{BugId::mut_pfmemalloc_recycled});
}

TEST(Verdict, CleanProfileWithNothingDeclaredIsExpected) {
  std::ostringstream out;
  RunPlan plan;
  plan.seed = 3;
  plan.cases = 100;
  auto run = run_profile(Component::alloc, Profile::p05, std::nullopt, {}, plan, out);
  EXPECT_TRUE(run.as_expected()) << out.str();
  for (const auto &r : run.results)
    EXPECT_FALSE(r.failure) << r.name;
}

}  // namespace
