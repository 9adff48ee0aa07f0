// SPDX-License-Identifier: GPL-2.0-only
// One text form for op traces: every op kind prints and parses back; bad text is refused
// with the line that is wrong.
#include <api/op_text.h>
#include <api/page_frag_trace.h>
#include <gtest/gtest.h>
#include <props/tests/crlf.h>

using namespace sc::alloc;

namespace {

TEST(Trace, EveryOpKindRoundTrips) {
  Trace t;
  t.profile = sc::Profile::pre_series;
  t.bug = sc::BugId::mut_bias_not_reset;
  t.ops = {Alloc{1, 16384, gfp_kernel() | gfp_zero(), 64}, Dirty{0}, Free{0}, Drain{1},
           FailPages{SupplyFault::high_order}, FailAfter{3}, Reserve{true}};
  ASSERT_EQ(t.ops.size(), kOpKinds);
  std::string text = format_trace(t);
  EXPECT_EQ(text.substr(0, text.find('\n')), "# splicecheck alloc pre-series mut_bias_not_reset");
  std::string why;
  auto back = parse_trace(text, &why);
  ASSERT_TRUE(back) << why;
  EXPECT_EQ(*back, t);
  EXPECT_EQ(format_trace(*back), text);
}

TEST(Trace, CommentsAndBlankLinesAreSkipped) {
  std::string why;
  auto t = parse_trace("# splicecheck alloc v6.13\n\n# the B7 vector\nAlloc cpu=0 fragsz=8192 gfp=GFP_KERNEL align=1\n", &why);
  ASSERT_TRUE(t) << why;
  EXPECT_EQ(t->profile, sc::Profile::v6_13);
  EXPECT_EQ(t->ops.size(), 1u);
}

struct Bad {
  const char *text;
  const char *expect;
};

class BadTrace : public ::testing::TestWithParam<Bad> {};

TEST_P(BadTrace, IsRefusedWithTheLineThatIsWrong) {
  std::string why;
  EXPECT_FALSE(parse_trace(GetParam().text, &why));
  EXPECT_NE(why.find(GetParam().expect), std::string::npos) << why;
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, BadTrace,
    ::testing::Values(Bad{"", "line 1, column 1: empty trace"}, Bad{"Alloc cpu=0\n", "line 1, column 1: expected header"},
                      Bad{"# splicecheck tls series\n", "component 'tls' is not alloc"},
                      Bad{"# splicecheck alloc p07\n", "unknown alloc profile 'p07'"},
                      Bad{"# splicecheck alloc series no_such_bug\n", "unknown alloc bug"},
                      Bad{"# splicecheck alloc series\nAlloc cpu=0 fragsz=1 gfp=GFP_KERNEL\n", "line 2, column 1: missing field align="},
                      Bad{"# splicecheck alloc series\nAlloc cpu=0 fragsz=1 gfp=GFP_KERNEL align=3\n", "power of two"},
                      Bad{"# splicecheck alloc series\nAlloc cpu=9 fragsz=1 gfp=GFP_KERNEL align=1\n", "line 2, column 11: cpu: '9' is not a whole number from 0 to 7"},
                      Bad{"# splicecheck alloc series\nAlloc cpu=0 fragsz=99999999 gfp=GFP_KERNEL align=1\n", "fragsz: '99999999' is not a whole number from 0 to 65536"},
                      Bad{"# splicecheck alloc series\nAlloc cpu=0 fragsz=1 gfp=GFP_BOGUS align=1\n", "unknown gfp"},
                      Bad{"# splicecheck alloc series\nFree idx=x\n", "idx: 'x' is not a whole number from 0 to 4095"},
                      Bad{"# splicecheck alloc series\nFree idx=1 idx=2\n", "unknown or repeated field"},
                      Bad{"# splicecheck alloc series\nFree\n", "missing field idx="},
                      Bad{"# splicecheck alloc series\nShrink idx=1\n", "line 2, column 1: unknown op 'Shrink'"},
                      Bad{"# splicecheck alloc series\nAlloc cpu=0 fragsz=1 gfp= align=1\n", "line 2, column 26: gfp: gfp= needs flags"},
                      Bad{"# splicecheck alloc series\nAlloc cpu=0 fragsz=1 gfp=GFP_KERNEL| align=1\n", "unknown gfp flags 'GFP_KERNEL|'"},
                      Bad{"# splicecheck alloc pre-series r1_shared_cache_unlocked\n", "line 1, column 32: 'r1_shared_cache_unlocked' is a race row"},
                      Bad{"# splicecheck alloc series mut_slab_spliced\n", "line 1, column 28: unknown alloc bug 'mut_slab_spliced'"},
                      Bad{"# splicecheck alloc series gfp_zero_reuse\n", "row 'gfp_zero_reuse' does not apply to profile series"},
                      Bad{"# splicecheck alloc series\nFree 3\n", "expected key=value"}),
    // Named by position: the default name prints the pointers, which change every build.
    [](const ::testing::TestParamInfo<Bad> &info) { return "case" + std::to_string(info.index); });

TEST(TraceText, OpsPastTheCapAreRefused) {
  std::string text = "# splicecheck alloc series\n";
  for (size_t i = 0; i <= sc::kMaxTraceOps; i++)
    text += "Drain cpu=0\n";
  std::string why;
  EXPECT_FALSE(parse_trace(text, &why));
  EXPECT_NE(why.find("line 4098, column 1: more than 4096 ops"), std::string::npos) << why;
}

TEST(TraceText, CrlfAndAMissingLastNewlineReadAsLf) {
  auto parse = [](const std::string &text, std::string *why) { return parse_trace(text, why); };
  expect_crlf_reads_as_lf(parse, "# splicecheck alloc series\nAlloc cpu=0 fragsz=100 gfp=GFP_KERNEL align=1\nFree idx=0\n");
}

TEST(Gfp, PrintsCompositesByName) {
  EXPECT_EQ(format_gfp(gfp_kernel() | gfp_zero()), "GFP_KERNEL|__GFP_ZERO");
  EXPECT_EQ(parse_gfp("GFP_ATOMIC|__GFP_ZERO"), gfp_atomic() | gfp_zero());
  EXPECT_EQ(format_gfp(0), "0");
}

}  // namespace
