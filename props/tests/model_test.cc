// SPDX-License-Identifier: GPL-2.0-only
// The reference model states the contract; these pin its predictions on small cases.
#include <gtest/gtest.h>
#include <model/page_frag_model.h>

using namespace sc::alloc;

namespace {

const uint32_t kZero = gfp_kernel() | gfp_zero();

Frag frag_of(const Obs &o) {
  EXPECT_TRUE(o.frag);
  return o.frag.value_or(Frag{});
}

TEST(Model, CountDownCarvesFromTheTopAndRoundsDown) {
  PageFragModel m(carving_rules(sc::Profile::pre_series), 1);
  Obs a = m.apply(Alloc{0, 100, gfp_kernel(), 1});
  EXPECT_EQ(a.obtained, 1u);
  EXPECT_EQ(frag_of(a), (Frag{1, 32768, 32668}));
  EXPECT_EQ(frag_of(m.apply(Alloc{0, 100, gfp_kernel(), 64})).offset, (32668u - 100) & ~63u);
}

TEST(Model, CountUpCarvesFromTheBottomAndRoundsUp) {
  PageFragModel m(carving_rules(sc::Profile::v6_13), 1);
  EXPECT_EQ(frag_of(m.apply(Alloc{0, 100, gfp_kernel(), 1})).offset, 0u);
  EXPECT_EQ(frag_of(m.apply(Alloc{0, 100, gfp_kernel(), 64})).offset, 128u);
}

TEST(Model, ZeroSizeIsOneByteFromPatch06) {
  PageFragModel m(carving_rules(sc::Profile::series), 1);
  EXPECT_EQ(frag_of(m.apply(Alloc{0, 0, gfp_kernel(), 1})).offset, 32767u);
  PageFragModel pre(carving_rules(sc::Profile::pre_series), 1);
  EXPECT_EQ(frag_of(pre.apply(Alloc{0, 0, gfp_kernel(), 1})).offset, 32768u);
}

TEST(Model, AllFreedPageIsRecycledInPlace) {
  PageFragModel m(carving_rules(sc::Profile::series), 1);
  m.apply(Alloc{0, 32768, kZero, 1});
  m.apply(Free{0});
  Obs again = m.apply(Alloc{0, 1, kZero, 1});
  EXPECT_EQ(again.obtained, 0u);
  EXPECT_EQ(frag_of(again), (Frag{1, 32768, 32767}));
  EXPECT_TRUE(m.page(1)->recycled);
}

TEST(Model, PageWithLiveFragmentsIsAbandonedAndReleasedByItsLastFree) {
  PageFragModel m(carving_rules(sc::Profile::series), 1);
  m.apply(Alloc{0, 32768, gfp_kernel(), 1});
  Obs next = m.apply(Alloc{0, 1, gfp_kernel(), 1});
  EXPECT_EQ(next.obtained, 1u);
  EXPECT_EQ(frag_of(next).page, 2u);
  EXPECT_EQ(m.page(1)->where, PageFragModel::Where::abandoned);
  EXPECT_EQ(m.apply(Free{0}).released, 1u);
  EXPECT_EQ(m.apply(Free{0}).released, 0u);  // page 2 is still cached
  EXPECT_EQ(m.apply(Drain{0}).released, 1u);
  EXPECT_EQ(m.pages_not_released(), 0u);
}

TEST(Model, TooBigForAnyPageIsNullAndKeepsThePage) {
  PageFragModel m(carving_rules(sc::Profile::pre_series), 1);
  Obs big = m.apply(Alloc{0, 40000, gfp_kernel(), 1});
  EXPECT_FALSE(big.frag);
  EXPECT_EQ(big.obtained, 1u);
  EXPECT_EQ(frag_of(m.apply(Alloc{0, 8, gfp_kernel(), 1})).page, 1u);
}

TEST(Model, NullWhenTheSupplyFails) {
  PageFragModel m(carving_rules(sc::Profile::series), 1);
  m.apply(FailPages{SupplyFault::all});
  EXPECT_FALSE(m.apply(Alloc{0, 8, gfp_kernel(), 1}).frag);
  m.apply(FailPages{SupplyFault::high_order});
  EXPECT_EQ(frag_of(m.apply(Alloc{0, 8, gfp_kernel(), 1})).page_size, 4096u);
}

TEST(Model, ReservePagesAreGivenBackNotRecycled) {
  PageFragModel m(carving_rules(sc::Profile::series), 1);
  m.apply(FailPages{SupplyFault::high_order});
  m.apply(Reserve{true});
  m.apply(Alloc{0, 4096, gfp_atomic(), 1});
  m.apply(Free{0});
  Obs next = m.apply(Alloc{0, 8, gfp_atomic(), 1});
  EXPECT_EQ(next.released, 1u);
  EXPECT_EQ(next.obtained, 1u);
  EXPECT_EQ(frag_of(next).page, 2u);
}

TEST(Model, RefillLivelockIsNotAValidOp) {
  PageFragModel m(carving_rules(sc::Profile::pre_series), 1);
  m.apply(FailPages{SupplyFault::high_order});
  m.apply(Reserve{true});
  EXPECT_FALSE(m.valid(Alloc{0, 8192, gfp_atomic(), 1}));
  EXPECT_TRUE(m.valid(Alloc{0, 4096, gfp_atomic(), 1}));
  EXPECT_FALSE(m.valid(Free{0}));
}

}  // namespace
