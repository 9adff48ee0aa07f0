// SPDX-License-Identifier: GPL-2.0-only
// The splice component's pieces on directed cases: the shim's iterator, slab and
// checksum, the text form, and the mixed slab + page send on both profiles.
#include <api/splice_trace.h>
#include <gtest/gtest.h>
#include <impl/lib/iov_iter.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/uio.h>
#include <net/checksum.h>
#include <props/splice_check.h>

#include <cerrno>

using namespace sc;
using namespace sc::splice;

namespace {

CheckSet all() { return CheckSet{}.set(); }

std::vector<Op> ops(const char *text) {
  std::string why;
  auto t = parse_trace(std::string("# splicecheck splice series\n") + text, &why);
  EXPECT_TRUE(t) << why;
  return t ? t->ops : std::vector<Op>{};
}

// Steps every op with every check on, none failing; the last op's (model, impl).
const std::pair<Obs, Obs> &step_clean(Differential &diff, const std::vector<Op> &trace) {
  for (const auto &op : trace)
    EXPECT_FALSE(diff.step(op, all()));
  return diff.observed().back();
}

// One call's return and how far it moved the iterator, both sides agreeing.
void expect_call(const std::pair<Obs, Obs> &sides, long ret, size_t frags) {
  const auto &[model, impl] = sides;
  EXPECT_EQ(impl.ret, ret);
  EXPECT_EQ(impl.consumed, static_cast<size_t>(ret));
  EXPECT_EQ(impl.frags.size(), frags);
  EXPECT_EQ(model, impl);
}

TEST(SpliceShim, AdvanceAndRevertCrossSegments) {
  shim::PageSupply supply;
  std::vector<uint8_t> a(10), b(20), c(5);
  struct kvec kv[3] = {{a.data(), a.size()}, {b.data(), b.size()}, {c.data(), c.size()}};
  struct iov_iter it;
  iov_iter_kvec(&it, ITER_SOURCE, kv, 3, 35);
  iov_iter_advance(&it, 12);
  EXPECT_EQ(iov_iter_count(&it), 23u);
  EXPECT_EQ(it.kvec, &kv[1]);
  EXPECT_EQ(it.iov_offset, 2u);
  iov_iter_advance(&it, 18);
  EXPECT_EQ(it.kvec, &kv[2]);
  EXPECT_EQ(it.iov_offset, 0u);
  iov_iter_revert(&it, 25);
  EXPECT_EQ(it.kvec, &kv[0]);
  EXPECT_EQ(it.iov_offset, 5u);
  EXPECT_EQ(iov_iter_count(&it), 30u);
}

TEST(SpliceShim, BvecExtractionStaysInItsSegmentAndTakesNoReference) {
  shim::PageSupply supply;
  struct page *block = alloc_pages(GFP_KERNEL | __GFP_COMP, 2);
  struct bio_vec bv[2] = {{block, 6000, 3000}, {block, 100, 0}};
  struct iov_iter it;
  iov_iter_bvec(&it, ITER_SOURCE, bv, 2, 6100);
  struct page *pages[8], **pp = pages;
  size_t off = 0;
  EXPECT_EQ(iov_iter_extract_pages(&it, &pp, 65536, 8, 0, &off), 6000);
  EXPECT_EQ(off, 3000u);
  EXPECT_EQ(pages[0], block);
  EXPECT_EQ(pages[1], block + 1);
  EXPECT_EQ(pages[2], block + 2);
  EXPECT_EQ(page_ref_count(block), 1);
  EXPECT_EQ(iov_iter_extract_pages(&it, &pp, 65536, 8, 0, &off), 100);
  EXPECT_EQ(off, 0u);
  EXPECT_EQ(iov_iter_count(&it), 0u);
  __free_pages(block, 2);
  EXPECT_EQ(supply.live_blocks(), 0u);
}

// 7.2.13's lib/iov_iter.c (the v7.2 profile), as the running kernel showed it: pages
// counted from the offset into the segment, pieces across page-aligned segments.
TEST(SpliceShim, V72BvecExtractionEndsAtAPageAndCrossesAlignedSegments) {
  shim::PageSupply supply;
  struct page *block = alloc_pages(GFP_KERNEL | __GFP_COMP, 3);
  struct page *pages[8], **pp = pages;
  size_t off = 0;
  struct iov_iter it;
  struct bio_vec one = {block, 4898, 23066};
  iov_iter_bvec(&it, ITER_SOURCE, &one, 1, 4898);
  EXPECT_EQ(iov_iter_extract_pages(&it, &pp, 2978, 8, 0, &off), 2978);  // 6.12: both pages
  sc_iov_extract_bvec_with(sc::impl::lib::iov_iter_extract_bvec_pages_v7_2);
  iov_iter_bvec(&it, ITER_SOURCE, &one, 1, 4898);
  EXPECT_EQ(iov_iter_extract_pages(&it, &pp, 2978, 8, 0, &off), 1510);  // one page: to its end
  EXPECT_EQ(off, 2586u);
  EXPECT_EQ(pages[0], block + 5);
  struct bio_vec two[2] = {{block, 96, 4000}, {block + 1, 5000, 0}};
  iov_iter_bvec(&it, ITER_SOURCE, two, 2, 5096);
  EXPECT_EQ(iov_iter_extract_pages(&it, &pp, 65536, 8, 0, &off), 4192);  // 96 + the next page
  EXPECT_EQ(off, 4000u);
  EXPECT_EQ(pages[0], block);
  EXPECT_EQ(pages[1], block + 1);
  EXPECT_EQ(iov_iter_extract_pages(&it, &pp, 65536, 8, 0, &off), 904);
  EXPECT_EQ(pages[0], block + 2);
  EXPECT_EQ(iov_iter_count(&it), 0u);
  sc_iov_extract_bvec_with(nullptr);
  __free_pages(block, 3);
}

TEST(SpliceShim, OnlyUserMemoryFaults) {
  shim::PageSupply supply;
  struct page *page = alloc_pages(GFP_KERNEL, 0);
  struct iov_iter it;
  struct page *pages[8], **pp = pages;
  size_t off = 0;
  sc_iov_extract_fault(SC_EXTRACT_EFAULT);
  iov_iter_ubuf(&it, ITER_SOURCE, page_address(page), 100);
  EXPECT_EQ(iov_iter_extract_pages(&it, &pp, 100, 8, 0, &off), -EFAULT);
  EXPECT_EQ(iov_iter_count(&it), 100u);
  struct kvec kv = {page_address(page), 100};
  iov_iter_kvec(&it, ITER_SOURCE, &kv, 1, 100);
  EXPECT_EQ(iov_iter_extract_pages(&it, &pp, 100, 8, 0, &off), 100);
  sc_iov_extract_fault(SC_EXTRACT_SHORT);
  iov_iter_ubuf(&it, ITER_SOURCE, page_address(page), 100);
  EXPECT_EQ(iov_iter_extract_pages(&it, &pp, 100, 8, 0, &off), 50);
  sc_iov_extract_fault(SC_EXTRACT_OK);
  put_page(page);
}

TEST(SpliceShim, SlabPagesAreNotSendable) {
  shim::PageSupply supply;
  void *obj = sc_kmalloc_at(4000, 200, GFP_KERNEL);
  ASSERT_NE(obj, nullptr);
  EXPECT_TRUE(PageSlab(virt_to_page(obj)));
  EXPECT_TRUE(PageSlab(virt_to_page(static_cast<char *>(obj) + 150)));  // the next page of the slab
  EXPECT_FALSE(sendpage_ok(virt_to_page(obj)));
  struct page *raw = alloc_pages(GFP_KERNEL, 1);  // no __GFP_COMP: the tail has refcount 0
  EXPECT_TRUE(sendpage_ok(raw));
  EXPECT_FALSE(sendpage_ok(raw + 1));
  kfree(obj);
  __free_pages(raw, 1);
  EXPECT_EQ(supply.live_blocks(), 0u);
}

TEST(SpliceShim, ChecksumOfPartsEqualsChecksumOfTheWhole) {
  uint8_t buf[301];
  for (size_t i = 0; i < sizeof buf; i++)
    buf[i] = static_cast<uint8_t>(i * 37 + 11);
  __wsum whole = csum_partial(buf, sizeof buf, 0);
  __wsum parts = csum_block_add(csum_partial(buf, 101, 0), csum_partial(buf + 101, 200, 0), 101);
  EXPECT_EQ(csum_fold(whole), csum_fold(parts));
  __wsum wrong = csum_block_add(csum_partial(buf, 101, 0), csum_partial(buf + 101, 200, 0), 0);
  EXPECT_NE(csum_fold(whole), csum_fold(wrong));
}

TEST(SpliceText, RoundTrip) {
  Trace t{Profile::splice_v6_5, BugId::mut_coalesce_offsets_only,
          {Iter{IterKind::iovec}, Seg{Backing::user, 7, 9000}, Limit{3}, Csum{true}, Extract{Fault::short_count},
           CopyFail{true}, Prefill{2}, Splice{65536}, FreeSkb{}}};
  std::string why;
  auto back = parse_trace(format_trace(t), &why);
  ASSERT_TRUE(back) << why;
  EXPECT_EQ(*back, t);
}

TEST(SpliceText, MalformedLinesAreRefused) {
  const std::pair<const char *, const char *> bad[] = {
      {"# splicecheck alloc series\n", "component 'alloc' is not splice"},
      {"# splicecheck splice p05\n", "unknown splice profile 'p05'"},
      {"# splicecheck splice series\nSeg backing=tape offset=0 len=1\n", "line 2, column 13: backing: 'tape' is not one of"},
      {"# splicecheck splice series\nSeg backing=page offset=40000 len=1\n", "line 2, column 25: offset: '40000' is not a whole"},
      {"# splicecheck splice series\nSeg backing=page offset=0\n", "line 2, column 1: missing field len="},
      {"# splicecheck splice series\nSplice maxsize=1 extra=2\n", "line 2, column 1: unknown or repeated field"},
      {"# splicecheck splice series\nLimit frags=0\n", "line 2, column 13: frags: '0' is not a whole number from 1 to 17"},
      {"# splicecheck splice series\nSplash maxsize=1\n", "line 2, column 1: unknown op 'Splash'"},
  };
  for (auto [text, want] : bad) {
    std::string why;
    EXPECT_FALSE(parse_trace(text, &why));
    EXPECT_NE(why.find(want), std::string::npos) << why;
  }
}

// SPEC §2.7: one call mixing a kmalloc'd header and page data.
TEST(SpliceMixed, SeriesCopiesTheSlabBytesIntoAllocatorFragments) {
  auto trace = ops("Iter kind=bvec\nSeg backing=slab offset=100 len=300\nSeg backing=page offset=0 len=5000\n"
                   "Splice maxsize=65536\n");
  Differential diff(Profile::splice_series, std::nullopt, trace.size() + 1);
  const auto &sides = step_clean(diff, trace);
  expect_call(sides, 5300, 3);
  const auto &impl = sides.second;
  ASSERT_EQ(impl.frags.size(), 3u);
  EXPECT_TRUE(impl.frags[0].copy);  // the header, copied
  EXPECT_EQ(impl.frags[0].len, 300u);
  EXPECT_FALSE(impl.frags[1].copy);  // the data, referenced in place
  EXPECT_EQ(impl.frags[1].len, 4096u);
  EXPECT_EQ(impl.frags[2].len, 904u);
  EXPECT_FALSE(diff.teardown(all()));
}

// A failure at a chosen position (issue 19): the second copy of the call fails, so the
// call returns the first, the iterator stands right after it, and the copies after the
// failed one succeed in the next call.
TEST(SpliceMixed, SeriesSecondCopyFailsTheFirstStandsAndLaterCopiesSucceed) {
  auto trace = ops("Iter kind=kvec\nSeg backing=slab offset=100 len=300\nSeg backing=slab offset=0 len=200\n"
                   "Seg backing=slab offset=8 len=50\nCopyFailAt nth=2\nSplice maxsize=65536\n");
  Differential diff(Profile::splice_series, std::nullopt, trace.size() + 2);
  const auto &first = step_clean(diff, trace);
  expect_call(first, 300, 1);
  ASSERT_EQ(first.second.frags.size(), 1u);
  EXPECT_TRUE(first.second.frags[0].copy);
  expect_call(step_clean(diff, {Splice{65536}}), 250, 3);  // the skb keeps the first copy
  EXPECT_FALSE(diff.teardown(all()));
}

TEST(SpliceMixed, V65RefusesTheSlabHeaderWithEioAndLeavesTheIteratorPastIt) {
  auto trace = ops("Iter kind=bvec\nSeg backing=slab offset=100 len=300\nSeg backing=page offset=0 len=5000\n"
                   "Splice maxsize=65536\n");
  Differential diff(Profile::splice_v6_5, std::nullopt, trace.size() + 1);
  std::optional<Finding> f;
  for (const auto &op : trace)
    if ((f = diff.step(op, all())))
      break;
  ASSERT_TRUE(f);
  const auto &[model, impl] = diff.observed().back();
  EXPECT_EQ(model.ret, -EIO);
  EXPECT_EQ(impl.ret, -EIO);
  EXPECT_EQ(model.consumed, 0u);    // the contract: nothing consumed on error
  EXPECT_EQ(impl.consumed, 300u);   // SPEC §2.5: the whole batch stays consumed
  EXPECT_EQ(f->check, Check::iter_position);
  EXPECT_TRUE(impl.frags.empty());
}

}  // namespace
