// SPDX-License-Identifier: GPL-2.0-only
// skb_splice_from_iter() throughput per profile: 64 KiB per call from a bvec of 2, 8 or
// 16 segments that are page data, slab data or both alternating, against a plain
// memcpy of the same bytes. Each iteration builds the iterator, splices into a fresh
// skb and frees it (page references dropped, series copies given back).
#include <bench/bench_supply.h>
#include <benchmark/benchmark.h>
#include <impl/mm/page_frag_alloc.h>
#include <impl/net/skbuff.h>
#include <linux/slab.h>

#include <bit>
#include <cstring>
#include <vector>

namespace {

namespace howells = sc::impl::howells;
namespace knet = sc::impl::net;

constexpr size_t kTotal = 65536;

enum class Data { page, slab, mixed };

struct Sources {
  std::vector<struct bio_vec> bv;
  std::vector<void *> slabs;
  std::vector<std::pair<struct page *, unsigned>> blocks;

  Sources(Data data, unsigned nsegs) {
    size_t seg = kTotal / nsegs;
    unsigned order = std::bit_width(std::bit_ceil(seg / PAGE_SIZE)) - 1;
    for (unsigned i = 0; i < nsegs; i++) {
      bool slab = data == Data::slab || (data == Data::mixed && i % 2 == 0);
      void *addr;
      if (slab) {
        addr = kmalloc(seg, GFP_KERNEL);
        slabs.push_back(addr);
      } else {
        struct page *p = alloc_pages(GFP_KERNEL | __GFP_COMP, order);
        blocks.emplace_back(p, order);
        addr = page_address(p);
      }
      std::memset(addr, 0x42 + i, seg);
      bv.push_back({virt_to_page(addr), static_cast<unsigned>(seg), 0});
    }
  }
  ~Sources() {
    for (void *s : slabs)
      kfree(s);
    for (auto [p, order] : blocks)
      __free_pages(p, order);
  }
};

void BM_splice(benchmark::State &state, enum knet::splice_level level, Data data) {
  supply();
  knet::splice_level = level;
  if (level >= knet::SPLICE_SERIES) {
    howells::page_frag_level = howells::PF_P06;
    howells::page_frag_default_init();
  }
  sysctl_max_skb_frags = MAX_SKB_FRAGS;
  {
    Sources src(data, static_cast<unsigned>(state.range(0)));
    for (auto _ : state) {
      struct iov_iter it;
      iov_iter_bvec(&it, ITER_SOURCE, src.bv.data(), src.bv.size(), kTotal);
      struct sk_buff *skb = sc_alloc_skb();
      skb->ip_summed = CHECKSUM_PARTIAL;
      ssize_t ret = knet::skb_splice_from_iter(skb, &it, kTotal, GFP_KERNEL);
      benchmark::DoNotOptimize(ret);
      kfree_skb(skb);
      if (ret != static_cast<ssize_t>(kTotal)) {
        state.SkipWithError(("returned " + std::to_string(ret) + " (this profile refuses slab data)").c_str());
        break;
      }
    }
    state.SetBytesProcessed(state.iterations() * kTotal);
  }
  if (level >= knet::SPLICE_SERIES) {
    for (unsigned cpu = 0; cpu < nr_cpu_ids; cpu++)
      howells::page_frag_cache_clear(per_cpu_ptr(howells::page_frag_default_allocator, cpu));
    howells::page_frag_default_exit();
  }
}

void BM_memcpy(benchmark::State &state) {
  std::vector<char> from(kTotal, 1), to(kTotal);
  for (auto _ : state) {
    std::memcpy(to.data(), from.data(), kTotal);
    benchmark::DoNotOptimize(to.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * kTotal);
}

void segments(benchmark::internal::Benchmark *b) { b->Arg(2)->Arg(8)->Arg(16); }

BENCHMARK_CAPTURE(BM_splice, v6_5_page, knet::SPLICE_V6_5, Data::page)->Apply(segments);
BENCHMARK_CAPTURE(BM_splice, v6_5_slab, knet::SPLICE_V6_5, Data::slab)->Arg(16);
BENCHMARK_CAPTURE(BM_splice, series_page, knet::SPLICE_SERIES, Data::page)->Apply(segments);
BENCHMARK_CAPTURE(BM_splice, series_slab, knet::SPLICE_SERIES, Data::slab)->Apply(segments);
BENCHMARK_CAPTURE(BM_splice, series_mixed, knet::SPLICE_SERIES, Data::mixed)->Apply(segments);
BENCHMARK(BM_memcpy);

}  // namespace

BENCHMARK_MAIN();
