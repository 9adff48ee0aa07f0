// SPDX-License-Identifier: GPL-2.0-only
// Splice properties as rapidcheck stateful tests where no bug row can show: both
// profiles carry rows (the -EIO without revert, the stale checksum offset, the series'
// ULONG_MAX copies), so these are the properties whose checks none of them breaks. That
// they pass on both is the "no false alarm" half; the rows' CTest runs are the other.
#include <gtest/gtest.h>
#include <props/splice_props.h>
#include <rapidcheck/gtest.h>

using namespace sc::splice;

namespace {

void holds(const char *name, sc::Profile p) { splice_property_case(*find_property(name), p, std::nullopt); }

#define ROW_FREE_PROPS(Suite, id)                                                              \
  RC_GTEST_PROP(Suite, frags_by_the_rules, ()) { holds("frags_by_the_rules", id); }            \
  RC_GTEST_PROP(Suite, slab_never_a_frag, ()) { holds("slab_never_a_frag", id); }              \
  RC_GTEST_PROP(Suite, references_balance, ()) { holds("references_balance", id); }            \
  RC_GTEST_PROP(Suite, extraction_errors, ()) { holds("extraction_errors", id); }              \
  RC_GTEST_PROP(Suite, fill_until_full, ()) { holds("fill_until_full", id); }

ROW_FREE_PROPS(SpliceV65, sc::Profile::splice_v6_5)
ROW_FREE_PROPS(SpliceSeries, sc::Profile::splice_series)
ROW_FREE_PROPS(SpliceV72, sc::Profile::splice_v7_2)

TEST(SpliceProps, TableNamesEveryPropertyOnce) {
  EXPECT_EQ(splice_properties().size(), 9u);
  for (const auto &p : splice_properties())
    EXPECT_EQ(find_property(p.name), &p);
}

}  // namespace
