// SPDX-License-Identifier: GPL-2.0-only
// Allocation + free throughput of the allocator profiles against the reference model,
// glibc malloc/free and a bump-pointer floor. Each iteration allocates a batch of
// fragments and frees them (oldest first), so pages exhaust and recycle as in a driver's
// rx ring. Reported per fragment (alloc + free). Threads: one per virtual cpu, each on
// its own cpu's cache (frees stay local; the cross-cpu case is in the tests).
#include <bench/bench_supply.h>
#include <benchmark/benchmark.h>
#include <impl/mm/page_frag_alloc.h>
#include <impl/mm/page_frag_cache.h>
#include <model/page_frag_model.h>

#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

namespace howells = sc::impl::howells;
namespace v613 = sc::impl::v613;

constexpr int kBatch = 32;

void set_items(benchmark::State &state) {
  state.SetItemsProcessed(state.iterations() * kBatch);
  state.SetBytesProcessed(state.iterations() * kBatch * state.range(0));
}

template <typename Alloc, typename Free> void run_batches(benchmark::State &state, Alloc alloc, Free free) {
  const auto size = static_cast<size_t>(state.range(0));
  void *frags[kBatch];
  for (auto _ : state) {
    for (auto &f : frags)
      f = alloc(size);
    benchmark::DoNotOptimize(frags);
    for (auto *f : frags)
      free(f);
  }
  set_items(state);
}

// The patch level is process state: set before the benchmark's threads start.
template <howells::pf_level Level> void setup_series(const benchmark::State &) {
  supply();
  howells::page_frag_level = Level;
  if (Level >= howells::PF_P06)
    howells::page_frag_default_init();
}

template <howells::pf_level Level> void teardown_series(const benchmark::State &) {
  if (Level < howells::PF_P06)
    return;
  for (int cpu = 0; cpu < NR_CPUS; cpu++)
    howells::page_frag_cache_clear(per_cpu_ptr(howells::page_frag_default_allocator, cpu));
  howells::page_frag_default_exit();
}

// The series' code at a patch level; before 06 each cpu has a private cache (like
// netdev_alloc_cache), from 06 the per-cpu default buckets.
void BM_series(benchmark::State &state, howells::pf_level level) {
  sc_current_task.cpu = state.thread_index();
  howells::page_frag_cache cache{};
  howells::page_frag_cache *nc = level >= howells::PF_P06 ? nullptr : &cache;
  unsigned long align = level >= howells::PF_P03 ? 1 : ~0UL;
  run_batches(state, [&](size_t n) { return howells::page_frag_alloc_align(nc, n, GFP_ATOMIC, align); },
              howells::page_frag_free);
  if (nc)
    howells::page_frag_cache_clear(nc);
}

void BM_v613(benchmark::State &state) {
  supply();
  v613::page_frag_cache cache{};
  run_batches(state, [&](size_t n) { return v613::page_frag_alloc_align(&cache, n, GFP_ATOMIC, 1); },
              v613::page_frag_free);
  v613::page_frag_cache_drain(&cache);
}

void BM_model(benchmark::State &state) {
  using namespace sc::alloc;
  PageFragModel m(carving_rules(sc::Profile::series), 1);
  const auto size = static_cast<uint32_t>(state.range(0));
  for (auto _ : state) {
    for (int i = 0; i < kBatch; i++)
      benchmark::DoNotOptimize(m.apply(Alloc{0, size, gfp_atomic(), 1}));
    for (int i = 0; i < kBatch; i++)
      benchmark::DoNotOptimize(m.apply(Free{0}));
  }
  set_items(state);
}

void BM_malloc(benchmark::State &state) { run_batches(state, [](size_t n) { return std::malloc(n); }, std::free); }

// Carving from a private 32 KiB buffer, restarting at the top when it runs out.
struct BumpPage {
  alignas(64) char bytes[32768];
  size_t offset = sizeof bytes;
  void *carve(size_t n) {
    if (n > offset)
      offset = sizeof bytes;
    offset -= n;
    return bytes + offset;
  }
};

// The floor: no reference counting at all.
void BM_bump_floor(benchmark::State &state) {
  static thread_local BumpPage page;
  run_batches(state, [&](size_t n) { return page.carve(n); }, [](void *) {});
}

// What a refcounted fragment pays at least: the bump plus the one atomic decrement a
// free must make (pagecnt_bias spares the allocation side its atomic).
void BM_bump_atomic_floor(benchmark::State &state) {
  static thread_local BumpPage page;
  static thread_local int refcount;
  run_batches(state, [&](size_t n) { return page.carve(n); },
              [](void *) { __atomic_sub_fetch(&refcount, 1, __ATOMIC_SEQ_CST); });
}

void sizes(benchmark::internal::Benchmark *b) { b->Arg(64)->Arg(256)->Arg(2048)->ThreadRange(1, 2)->UseRealTime(); }

#define SERIES_AT(name, level) \
  BENCHMARK_CAPTURE(BM_series, name, level)->Setup(setup_series<level>)->Teardown(teardown_series<level>)->Apply(sizes)
SERIES_AT(pre_series, howells::PF_PRE_SERIES);
SERIES_AT(p05, howells::PF_P05);
SERIES_AT(series, howells::PF_P06);
BENCHMARK(BM_v613)->Apply(sizes);
BENCHMARK(BM_model)->Arg(64)->Arg(256)->Arg(2048);
BENCHMARK(BM_malloc)->Apply(sizes);
BENCHMARK(BM_bump_floor)->Apply(sizes);
BENCHMARK(BM_bump_atomic_floor)->Apply(sizes);

}  // namespace

BENCHMARK_MAIN();
