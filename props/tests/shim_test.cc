// SPDX-License-Identifier: GPL-2.0-only
// The tracking page supply and per-cpu emulation: page history must be observable.
#include <gtest/gtest.h>
#include <linux/local_lock.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/skmsg.h>
#include <sc/bounds.h>
#include <sc/page_supply.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

extern "C" int sc_c_shim_round_trip(void);

using sc::shim::FailMode;
using sc::shim::PageSupply;

namespace {

bool all_bytes(const void *p, size_t n, uint8_t b) {
  auto *c = static_cast<const uint8_t *>(p);
  for (size_t i = 0; i < n; i++)
    if (c[i] != b)
      return false;
  return true;
}

TEST(PageSupply, FreshPagesHoldStaleBytesUnlessZeroed) {
  PageSupply supply(64);
  struct page *stale = alloc_pages(GFP_KERNEL | __GFP_COMP, 3);
  struct page *zeroed = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);
  ASSERT_TRUE(stale && zeroed);
  EXPECT_TRUE(all_bytes(page_address(stale), 8 * PAGE_SIZE, sc::shim::kStaleByte));
  EXPECT_TRUE(all_bytes(page_address(zeroed), PAGE_SIZE, 0));
  EXPECT_EQ(page_ref_count(stale), 1);
  put_page(stale);
  put_page(zeroed);
  EXPECT_EQ(supply.live_blocks(), 0u);
  EXPECT_TRUE(supply.take_errors().empty());
}

TEST(PageSupply, FreedPagesArePoisonedAndQuarantined) {
  PageSupply supply(64, 4);
  struct page *p = alloc_pages(GFP_KERNEL, 0);
  void *addr = page_address(p);
  put_page(p);
  EXPECT_TRUE(all_bytes(addr, PAGE_SIZE, sc::shim::kPoisonByte));
  // While quarantined the block is not handed out again.
  for (int i = 0; i < 4; i++) {
    struct page *q = alloc_pages(GFP_KERNEL, 0);
    EXPECT_NE(page_address(q), addr);
    put_page(q);
  }
}

TEST(PageSupply, CompoundTailsMapToTheirHeadOnlyWithGfpComp) {
  PageSupply supply(64);
  struct page *comp = alloc_pages(GFP_KERNEL | __GFP_COMP, 3);
  struct page *plain = alloc_pages(GFP_KERNEL, 3);
  char *tail = static_cast<char *>(page_address(comp)) + 5 * PAGE_SIZE + 7;
  EXPECT_EQ(virt_to_head_page(tail), comp);
  EXPECT_EQ(compound_order(comp), 3u);
  char *plain_tail = static_cast<char *>(page_address(plain)) + PAGE_SIZE;
  EXPECT_NE(virt_to_head_page(plain_tail), plain);
  EXPECT_EQ(compound_order(plain), 0u);
  put_page(comp);
  __free_pages(plain, 3);
  EXPECT_EQ(supply.live_blocks(), 0u);
}

TEST(PageSupply, MisuseIsRecordedNotIgnored) {
  PageSupply supply(64);
  struct page *p = alloc_pages(GFP_KERNEL, 0);
  page_ref_add(p, 1);
  free_the_page(p, 0);  // refcount 2
  free_the_page(p, 0);  // double free
  auto errors = supply.take_errors();
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[0].find("refcount 2"), std::string::npos);
  EXPECT_NE(errors[1].find("double free"), std::string::npos);
  struct page *q = alloc_pages(GFP_KERNEL, 0);
  page_ref_sub(q, 2);
  EXPECT_EQ(supply.take_errors().size(), 1u);
}

TEST(PageSupply, FailuresAreSteerable) {
  PageSupply supply(64);
  supply.set_fail_mode(FailMode::high_order);
  EXPECT_EQ(alloc_pages(GFP_KERNEL, 3), nullptr);
  struct page *small = alloc_pages(GFP_KERNEL, 0);
  ASSERT_NE(small, nullptr);
  put_page(small);
  supply.set_fail_mode(FailMode::all);
  EXPECT_EQ(alloc_pages(GFP_KERNEL, 0), nullptr);
  supply.set_fail_mode(FailMode::none);
  supply.fail_after(1);
  struct page *last = alloc_pages(GFP_KERNEL, 0);
  EXPECT_NE(last, nullptr);
  EXPECT_EQ(alloc_pages(GFP_KERNEL, 0), nullptr);
  put_page(last);
}

TEST(PageSupply, ReservePagesOnlyForCallersThatAllowThem) {
  PageSupply supply(64);
  supply.set_reserve(true);
  struct page *reserve = alloc_pages(GFP_ATOMIC, 0);
  struct page *refused = alloc_pages(GFP_ATOMIC | __GFP_NOMEMALLOC, 0);
  EXPECT_TRUE(page_is_pfmemalloc(reserve));
  EXPECT_FALSE(page_is_pfmemalloc(refused));
  put_page(reserve);
  put_page(refused);
}

// Writes past a fixed-size kernel array are refused (checked accessors) or land in a
// guard slot past it, and each is reported: a finding, never memory the array lacks.
TEST(Bounds, SkbFragsPastTheArrayAreReportedNotPerformed) {
  PageSupply supply(16);
  struct sk_buff *skb = sc_alloc_skb();
  struct page *page = alloc_pages(GFP_KERNEL, 0);
  const std::string past = "skb frags: entry " + std::to_string(MAX_SKB_FRAGS) + " of " + std::to_string(MAX_SKB_FRAGS);
  skb_fill_page_desc_noacc(skb, MAX_SKB_FRAGS, page, 0, 1);
  EXPECT_EQ(skb_shinfo(skb)->nr_frags, 0);
  EXPECT_TRUE(sc_skb_frags_guarded(skb));
  EXPECT_EQ(sc::shim::take_overruns(), std::vector<std::string>{past});
  bvec_set_page(&skb_shinfo(skb)->frags[MAX_SKB_FRAGS], page, 1, 0);  // as raw kernel code would
  EXPECT_FALSE(sc_skb_frags_guarded(skb));
  EXPECT_EQ(sc::shim::take_overruns(), std::vector<std::string>{past});
  free(skb);
  put_page(page);
  EXPECT_TRUE(supply.take_errors().empty());
}

TEST(Bounds, SkMsgIndexPastTheRingIsTheGuard) {
  struct sk_msg msg;
  sk_msg_init(&msg);
  EXPECT_EQ(sk_msg_elem(&msg, NR_MSG_FRAG_IDS - 1), &msg.sg.data[NR_MSG_FRAG_IDS - 1]);
  EXPECT_TRUE(sc::shim::take_overruns().empty());
  EXPECT_EQ(sk_msg_elem(&msg, NR_MSG_FRAG_IDS), &msg.sg.data[NR_MSG_FRAG_IDS]);
  EXPECT_EQ(sk_msg_elem(&msg, -1), &msg.sg.data[NR_MSG_FRAG_IDS]);
  EXPECT_EQ(sc::shim::take_overruns().size(), 2u);
}

// sndbuf: exactly the nth check finds no room, and only the wait right after it fails.
TEST(SocketMemory, TheArmedCheckAndItsWaitFail) {
  struct sock sk = {};
  long timeo = 0;
  EXPECT_TRUE(sk_stream_memory_free(&sk));
  sc_sk_memory_short(3, -EINTR);
  EXPECT_TRUE(sk_stream_memory_free(&sk));
  EXPECT_TRUE(sk_stream_memory_free(&sk));
  EXPECT_FALSE(sk_stream_memory_free(&sk));
  EXPECT_EQ(sk_stream_wait_memory(&sk, &timeo), -EINTR);
  EXPECT_EQ(sk_stream_wait_memory(&sk, &timeo), 0);
  EXPECT_TRUE(sk_stream_memory_free(&sk));
  sc_sk_memory_short(1, -EAGAIN);
  sc_sk_memory_short(0, 0);  // disarmed
  EXPECT_TRUE(sk_stream_memory_free(&sk));
}

TEST(CShim, HeadersWorkFromACTranslationUnit) {
  PageSupply supply(64);
  EXPECT_EQ(sc_c_shim_round_trip(), 0);
  EXPECT_EQ(supply.live_blocks(), 0u);
  EXPECT_TRUE(supply.take_errors().empty());
}

TEST(Percpu, EachCpuHasItsOwnCopyAtAFixedStride) {
  struct bucket {
    int a;
    local_lock_t lock;
  };
  bucket *b = alloc_percpu(bucket);
  per_cpu_ptr(b, 1)->a = 7;
  EXPECT_EQ(per_cpu_ptr(b, 0)->a, 0);
  EXPECT_EQ(per_cpu_ptr(&b->lock, 1), &per_cpu_ptr(b, 1)->lock);
  sc_current_task.cpu = 1;
  EXPECT_EQ(this_cpu_ptr(b)->a, 7);
  local_lock(&b->lock);
  EXPECT_FALSE(preemptible());
  EXPECT_TRUE(per_cpu_ptr(b, 1)->lock.held);
  local_unlock(&b->lock);
  EXPECT_TRUE(preemptible());
  sc_current_task.cpu = 0;
  free_percpu(b);
}

}  // namespace
