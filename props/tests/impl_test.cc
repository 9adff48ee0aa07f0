// SPDX-License-Identifier: GPL-2.0-only
// The kernel mirrors on the vectors SPEC §1.11 and KERNEL-SRC-SHIM.md recorded from real
// code, read byte by byte from the returned memory, plus the differential on each.
#include <gtest/gtest.h>
#include <impl/mm/page_frag_alloc.h>
#include <impl/page_frag_impl.h>
#include <props/page_frag_check.h>

#include <cstring>

using namespace sc::alloc;
using sc::Profile;

namespace {

const uint32_t kZero = gfp_kernel() | gfp_zero();

size_t first_nonzero(const uint8_t *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (p[i])
      return i;
  return n;
}

// SPEC §1.11: two 16 KiB zeroed fragments, dirtied and freed; the third comes from the
// recycled page.
const uint8_t *spec_1_11(PageFragImpl &impl) {
  impl.apply(Alloc{0, 16384, kZero, 1});
  impl.apply(Alloc{0, 16384, kZero, 1});
  impl.apply(Dirty{0});
  impl.apply(Dirty{1});
  impl.apply(Free{0});
  impl.apply(Free{0});
  Obs d = impl.apply(Alloc{0, 16384, kZero, 1});
  return d.frag ? impl.fragments().back().addr : nullptr;
}

TEST(Impl, PreSeriesHandsStaleBytesToGfpZeroAfterRecycle) {
  sc::shim::PageSupply supply(256);
  PageFragImpl impl(Profile::pre_series, 1, supply);
  const uint8_t *d = spec_1_11(impl);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(first_nonzero(d, 16384), 0u);
  EXPECT_EQ(d[0], owner_pattern(1));  // fragment a's bytes, as in the SPEC's table
}

TEST(Impl, SeriesZeroesEveryGfpZeroFragment) {
  for (Profile p : {Profile::p05, Profile::series}) {
    sc::shim::PageSupply supply(256);
    PageFragImpl impl(p, 1, supply);
    const uint8_t *d = spec_1_11(impl);
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(first_nonzero(d, 16384), 16384u) << sc::profile_info(p).name;
  }
}

TEST(Impl, V613ReturnsNullForTheSpecSequenceAndStaleBytesForSmallRecycles) {
  sc::shim::PageSupply supply(256);
  PageFragImpl impl(Profile::v6_13, 1, supply);
  EXPECT_EQ(spec_1_11(impl), nullptr);  // 16 KiB > PAGE_SIZE: the early NULL comes first
  for (int i = 0; i < 8; i++)
    impl.apply(Alloc{0, 4096, kZero, 1});
  for (int i = 0; i < 8; i++)
    impl.apply(Dirty{static_cast<uint32_t>(i)});
  while (impl.live_count())
    impl.apply(Free{0});
  Obs again = impl.apply(Alloc{0, 4096, kZero, 1});
  ASSERT_TRUE(again.frag);
  EXPECT_EQ(again.frag->offset, 0u);
  EXPECT_EQ(first_nonzero(impl.fragments().back().addr, 4096), 0u);
}

TEST(Impl, V613FifthLargeRequestIsNull) {
  sc::shim::PageSupply supply(256);
  PageFragImpl impl(Profile::v6_13, 1, supply);
  for (int i = 0; i < 4; i++)
    EXPECT_TRUE(impl.apply(Alloc{0, 8192, gfp_kernel(), 1}).frag);
  EXPECT_FALSE(impl.apply(Alloc{0, 8192, gfp_kernel(), 1}).frag);
  while (impl.live_count())
    impl.apply(Free{0});
  EXPECT_FALSE(impl.apply(Alloc{0, 8192, gfp_kernel(), 1}).frag);  // stays NULL...
  EXPECT_TRUE(impl.apply(Alloc{0, 4096, gfp_kernel(), 1}).frag);   // ...until a small one recycles
}

TEST(Impl, BiasInvariantHoldsWhileCached) {
  sc::shim::PageSupply supply(256);
  PageFragImpl impl(Profile::pre_series, 1, supply);
  impl.apply(Alloc{0, 100, gfp_kernel(), 1});
  impl.apply(Alloc{0, 100, gfp_kernel(), 1});
  auto c = impl.cached(0);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->bias, 32768u - 1);
  EXPECT_EQ(page_ref_count(c->head), static_cast<int>(c->bias) + 2);
  impl.apply(Free{0});
  impl.apply(Free{0});
  impl.apply(Drain{0});
  EXPECT_EQ(supply.live_blocks(), 0u);
}

TEST(Impl, P01DrainLeavesOneReference) {
  sc::shim::PageSupply supply(256);
  PageFragImpl impl(Profile::p01, 1, supply);
  impl.apply(Alloc{0, 100, gfp_kernel(), 1});
  impl.apply(Free{0});
  impl.apply(Drain{0});
  EXPECT_EQ(supply.live_blocks(), 1u);
}

TEST(Impl, P06MemdupCopiesIntoAFragmentOfTheCurrentCpu) {
  sc::shim::PageSupply supply(256);
  PageFragImpl impl(Profile::series, 2, supply);  // sets up the per-cpu default buckets
  namespace howells = sc::impl::howells;
  sc_current_task.cpu = 1;
  const char text[] = "slab data";
  auto *copy = static_cast<char *>(howells::page_frag_memdup(nullptr, text, sizeof text, gfp_atomic(), 8));
  ASSERT_NE(copy, nullptr);
  EXPECT_STREQ(copy, text);
  auto *bucket = per_cpu_ptr(howells::page_frag_default_allocator, 1);
  EXPECT_EQ(virt_to_folio(copy), bucket->folio);
  howells::page_frag_free(copy);
  howells::page_frag_cache_clear(bucket);
  sc_current_task.cpu = 0;
  EXPECT_EQ(supply.live_blocks(), 0u);
}

TEST(Impl, WarnsWhereThePatchesWarn) {
  sc::shim::PageSupply supply(256);
  PageFragImpl impl(Profile::series, 1, supply);
  uint64_t before = sc::shim::warn_count();
  impl.apply(Alloc{0, 0, gfp_kernel(), 1});  // 06: fragsz 0 warns and is taken as 1
  EXPECT_EQ(sc::shim::warn_count(), before + 1);
  namespace howells = sc::impl::howells;
  void *p = howells::page_frag_alloc_align(nullptr, 8, gfp_kernel(), 3);  // 03: align must be a power of 2
  EXPECT_EQ(sc::shim::warn_count(), before + 2);
  howells::page_frag_free(p);
  impl.apply(Free{0});
  impl.apply(Drain{0});
  EXPECT_EQ(supply.live_blocks(), 0u);
}

std::optional<Finding> run_ops(Profile p, std::optional<sc::BugId> bug, const std::vector<Op> &ops) {
  Differential d(p, bug, 1, ops.size() + 8);
  CheckSet all;
  all.set();
  for (const auto &op : ops)
    if (auto f = d.step(op, all))
      return f;
  return d.teardown(all);
}

TEST(Differential, NamesTheCheckEachKnownDefectBreaks) {
  std::vector<Op> reuse = {Alloc{0, 32768, kZero, 1}, Dirty{0}, Free{0}, Alloc{0, 1, kZero, 1}};
  EXPECT_FALSE(run_ops(Profile::series, {}, reuse));
  auto f = run_ops(Profile::pre_series, {}, reuse);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->check, Check::zero_after_recycle);
  EXPECT_EQ(f->op_index, 4u);

  auto mixed = run_ops(Profile::v6_13, {}, {Alloc{0, 64, gfp_kernel(), 1}, Alloc{0, 64, kZero, 1}});
  ASSERT_TRUE(mixed);
  EXPECT_EQ(mixed->check, Check::zero_on_unzeroed_page);

  auto abandon = run_ops(Profile::p01, {}, {Alloc{0, 32768, gfp_kernel(), 1}, Alloc{0, 1, gfp_kernel(), 1}});
  ASSERT_TRUE(abandon);
  EXPECT_EQ(abandon->check, Check::refcount_abandoned);

  auto drain = run_ops(Profile::p02, {}, {Alloc{0, 8, gfp_kernel(), 1}, Drain{0}});
  ASSERT_TRUE(drain);
  EXPECT_EQ(drain->check, Check::refcount_drained);

  std::vector<Op> b7;
  for (int i = 0; i < 5; i++)
    b7.push_back(Alloc{0, 8192, gfp_kernel(), 1});
  auto large = run_ops(Profile::v6_13, {}, b7);
  ASSERT_TRUE(large);
  EXPECT_EQ(large->check, Check::null_only_when_supply_fails);
  EXPECT_EQ(large->op_index, 5u);
  EXPECT_FALSE(run_ops(Profile::series, {}, b7));
}

}  // namespace
