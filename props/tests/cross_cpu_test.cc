// SPDX-License-Identifier: GPL-2.0-only
// Allocation on one cpu, free on another: legal for every profile (SPEC §1.12 R2), and
// what the kernel's page_frag_test module does with a push and a pop kthread. Real
// threads, so the ThreadSanitizer build checks the refcount handoff: the last free and
// the producer's subtract-and-test must order the page's bytes between the two cpus.
#include <gtest/gtest.h>
#include <impl/mm/page_frag_alloc.h>
#include <impl/mm/page_frag_cache.h>
#include <sc/page_supply.h>

#include <condition_variable>
#include <cstring>
#include <deque>
#include <functional>
#include <mutex>
#include <random>
#include <thread>

namespace {

namespace howells = sc::impl::howells;
namespace v613 = sc::impl::v613;

struct Fragment {
  uint8_t *p;
  size_t size;
  uint8_t pattern;
};

// A bounded queue: the ptr_ring of the kernel's test module.
class Ring {
 public:
  void push(Fragment f) {
    std::unique_lock l(m_);
    cv_.wait(l, [&] { return q_.size() < 512; });
    q_.push_back(f);
    cv_.notify_all();
  }
  Fragment pop() {
    std::unique_lock l(m_);
    cv_.wait(l, [&] { return !q_.empty(); });
    Fragment f = q_.front();
    q_.pop_front();
    cv_.notify_all();
    return f;
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<Fragment> q_;
};

struct Allocator {
  std::function<void *(size_t)> alloc;
  std::function<void(void *)> free;
  std::function<void()> drain;
};

// Returns the number of fragments whose bytes the consumer found changed, or -1 when the
// producer could not allocate. A fragment with p == nullptr ends the consumer.
int push_pop(const Allocator &a, int n, uint32_t seed) {
  Ring ring;
  int corrupted = 0;
  bool alloc_failed = false;
  std::thread pop([&] {
    sc_current_task.cpu = 1;
    for (;;) {
      Fragment f = ring.pop();
      if (!f.p)
        break;
      for (size_t j = 0; j < f.size; j++)
        if (f.p[j] != f.pattern) {
          corrupted++;
          break;
        }
      a.free(f.p);
    }
  });
  std::thread push([&] {
    sc_current_task.cpu = 0;
    std::mt19937 rng(seed);
    for (int i = 0; i < n; i++) {
      size_t size = 1 + rng() % 2048;
      auto *p = static_cast<uint8_t *>(a.alloc(size));
      if (!p) {
        alloc_failed = true;
        break;
      }
      uint8_t pattern = static_cast<uint8_t>(0x80 | (i & 0x3f));
      std::memset(p, pattern, size);
      ring.push({p, size, pattern});
    }
    ring.push({nullptr, 0, 0});
    a.drain();
  });
  push.join();
  pop.join();
  return alloc_failed ? -1 : corrupted;
}

class CrossCpu : public ::testing::TestWithParam<howells::pf_level> {};

TEST_P(CrossCpu, AllocOnOneCpuFreeOnAnother) {
  sc::shim::PageSupply supply(4096);
  howells::page_frag_level = GetParam();
  bool percpu = GetParam() >= howells::PF_P06;
  if (percpu)
    howells::page_frag_default_init();
  howells::page_frag_cache cache{};
  howells::page_frag_cache *nc = percpu ? nullptr : &cache;
  unsigned long align = GetParam() >= howells::PF_P03 ? 1 : ~0UL;
  Allocator a{[&](size_t n) { return howells::page_frag_alloc_align(nc, n, GFP_ATOMIC, align); },
              howells::page_frag_free,
              [&] {
                auto *bucket = percpu ? this_cpu_ptr(howells::page_frag_default_allocator) : nc;
                if (bucket->va) {
                  if (GetParam() >= howells::PF_P02)
                    howells::page_frag_cache_clear(bucket);
                  else
                    howells::__page_frag_cache_drain(virt_to_head_page(bucket->va), bucket->pagecnt_bias);
                }
              }};
  EXPECT_EQ(push_pop(a, 20000, 1), 0);
  if (percpu)
    howells::page_frag_default_exit();
  EXPECT_TRUE(supply.take_errors().empty());
  EXPECT_EQ(supply.live_blocks(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Levels, CrossCpu,
                         // 01..03 leak by design (p01_abandon_leak): the properties cover them.
                         ::testing::Values(howells::PF_PRE_SERIES, howells::PF_P04, howells::PF_P05,
                                           howells::PF_P06));

TEST(CrossCpuV613, AllocOnOneCpuFreeOnAnother) {
  sc::shim::PageSupply supply(4096);
  v613::page_frag_cache cache{};
  Allocator a{[&](size_t n) { return v613::page_frag_alloc_align(&cache, static_cast<unsigned>(n), GFP_ATOMIC, 1); },
              v613::page_frag_free, [&] { v613::page_frag_cache_drain(&cache); }};
  EXPECT_EQ(push_pop(a, 20000, 2), 0);
  EXPECT_TRUE(supply.take_errors().empty());
  EXPECT_EQ(supply.live_blocks(), 0u);
}

}  // namespace
