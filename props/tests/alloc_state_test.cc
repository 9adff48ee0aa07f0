// SPDX-License-Identifier: GPL-2.0-only
// Allocator properties as rapidcheck stateful tests where no bug row applies: every
// property on p05 (no row is in effect there), and on series the properties that do not
// reach the failed-refill path of p06_null_folio_after_failed_refill (no faults). Seed
// and case count come from RC_PARAMS (set by CTest), so a run replays exactly.
#include <gtest/gtest.h>
#include <props/page_frag_props.h>
#include <rapidcheck/gtest.h>

using namespace sc::alloc;

namespace {

void holds(const char *name, sc::Profile p) { alloc_property_case(*find_property(name), p, std::nullopt); }

#define CLEAN_PROFILE_PROPS(Profile, id)                                                                  \
  RC_GTEST_PROP(Profile, matches_model, ()) { holds("matches_model", id); }                               \
  RC_GTEST_PROP(Profile, zero_on_return, ()) { holds("zero_on_return", id); }                             \
  RC_GTEST_PROP(Profile, zero_mixed_callers, ()) { holds("zero_mixed_callers", id); }                     \
  RC_GTEST_PROP(Profile, fragments_well_formed, ()) { holds("fragments_well_formed", id); }               \
  RC_GTEST_PROP(Profile, refcount_balance, ()) { holds("refcount_balance", id); }                         \
  RC_GTEST_PROP(Profile, abandoned_pages_return, ()) { holds("abandoned_pages_return", id); }             \
  RC_GTEST_PROP(Profile, drain_returns_references, ()) { holds("drain_returns_references", id); }         \
  RC_GTEST_PROP(Profile, pfmemalloc_never_recycled, ()) { holds("pfmemalloc_never_recycled", id); }       \
  RC_GTEST_PROP(Profile, null_only_when_supply_fails, ()) { holds("null_only_when_supply_fails", id); }

CLEAN_PROFILE_PROPS(AllocP05, sc::Profile::p05)

RC_GTEST_PROP(AllocSeries, zero_on_return, ()) { holds("zero_on_return", sc::Profile::series); }
RC_GTEST_PROP(AllocSeries, zero_mixed_callers, ()) { holds("zero_mixed_callers", sc::Profile::series); }
RC_GTEST_PROP(AllocSeries, abandoned_pages_return, ()) { holds("abandoned_pages_return", sc::Profile::series); }
RC_GTEST_PROP(AllocSeries, drain_returns_references, ()) { holds("drain_returns_references", sc::Profile::series); }

TEST(AllocProps, TableNamesEveryPropertyOnce) {
  EXPECT_EQ(alloc_properties().size(), 9u);
  for (const auto &p : alloc_properties())
    EXPECT_EQ(find_property(p.name), &p);
}

}  // namespace
