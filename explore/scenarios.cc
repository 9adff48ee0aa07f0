// SPDX-License-Identifier: GPL-2.0-only
#include <explore/scenarios.h>

#include <impl/mm/page_frag_alloc.h>
#include <linux/bottom_half.h>
#include <linux/mm.h>

#include <memory>

namespace sc::explore {
namespace {

namespace howells = sc::impl::howells;

Scheduler &sched() { return *Scheduler::active(); }

bool private_caches(Profile p) {
  return p == Profile::pre_series || p == Profile::p01 || p == Profile::p02 || p == Profile::p03 ||
         p == Profile::p04 || p == Profile::p05 || p == Profile::v6_13;
}
bool percpu_default(Profile p) { return p == Profile::p06 || p == Profile::series; }
bool any_allocator(Profile p) { return private_caches(p) || percpu_default(p); }

// The cache a scenario's own-cpu user reaches: its private cache, or the 06 default.
CacheRef own(World &w) { return w.subject().has_default() ? CacheRef::dflt : CacheRef::cpu0; }

// R1: one private cache reached from two cpus (a driver cache shared by two queues)
// without the lock its users owe it.
std::vector<TaskSpec> r1(World &w, bool fixed) {
  auto lock = std::make_shared<SimLock>();
  auto user = [&w, lock, fixed] {
    for (int i = 0; i < 2; i++) {
      if (fixed)
        sched().lock(*lock, true);
      w.alloc(CacheRef::cpu0, 0, 256, GFP_ATOMIC);
      if (fixed)
        sched().unlock(*lock, true);
    }
  };
  return {{"queue0", 0, TaskKind::process, user}, {"queue1", 1, TaskKind::process, user}};
}

// R2: a fragment allocated on cpu 0 and freed on cpu 1 while cpu 0 reaches the end of
// the page: legal, whichever of the two drops the count to zero decides.
std::vector<TaskSpec> r2(World &w, bool) {
  auto handed = std::make_shared<void *>(nullptr);
  auto ready = std::make_shared<SimEvent>();
  CacheRef ref = own(w);
  // Sizes keep to PAGE_SIZE or what fits, clear of v6.13's large-request row.
  auto owner = [&w, handed, ready, ref] {
    *handed = w.alloc(ref, 0, 4096, GFP_ATOMIC);
    void *mine = w.alloc(ref, 0, 28672, GFP_ATOMIC);  // the rest of the 32 KiB page
    sched().signal(*ready);
    w.free(mine);
    if (void *next = w.alloc(ref, 0, 4096, GFP_ATOMIC))  // the page is used up
      w.free(next);
  };
  auto remote = [&w, handed, ready] {
    sched().wait(*ready);
    if (*handed)
      w.free(*handed);
  };
  return {{"owner", 0, TaskKind::process, owner}, {"remote", 1, TaskKind::process, remote}};
}

// R3: this_cpu_ptr() of the private per-cpu caches read with preemption on, kept across
// a sleep (the task may come back on another cpu), then used while that cpu's own user
// runs. Fix: get_cpu_ptr() after the sleep, put_cpu_ptr() after the use.
std::vector<TaskSpec> r3(World &w, bool fixed) {
  auto worker = [&w, fixed] {
    if (fixed) {
      sched().might_sleep();
      preempt_disable();
    }
    void *nc = w.subject().this_cpu_cache();
    unsigned cache = static_cast<unsigned>(smp_processor_id());
    if (!fixed)
      sched().might_sleep();
    w.alloc_on(nc, cache, 256, GFP_ATOMIC);
    if (fixed)
      preempt_enable();
  };
  auto local_user = [&w] {
    preempt_disable();
    w.alloc_on(w.subject().this_cpu_cache(), 0, 256, GFP_ATOMIC);
    preempt_enable();
  };
  return {{"work item", 0, TaskKind::process, worker}, {"cpu0 user", 0, TaskKind::process, local_user}};
}

// R4: 01's recycle reads the refcount, compares it with the bias, then sets it; a
// speculative reference (a page-cache or GUP walker's get_page_unless_zero) taken in
// between is overwritten and its put then drops the cache's own reference.
std::vector<TaskSpec> r4(World &w, bool) {
  auto page = std::make_shared<struct page *>(nullptr);
  auto ready = std::make_shared<SimEvent>();
  auto owner = [&w, page, ready] {
    void *f = w.alloc(CacheRef::cpu0, 0, 4096, GFP_ATOMIC);
    void *rest = w.alloc(CacheRef::cpu0, 0, 28672, GFP_ATOMIC);
    *page = f ? virt_to_head_page(f) : nullptr;
    w.free(f);
    w.free(rest);
    sched().signal(*ready);
    if (void *g = w.alloc(CacheRef::cpu0, 0, 4096, GFP_ATOMIC))  // used up, all free: recycle
      w.free(g);
  };
  auto walker = [&w, page, ready] {
    sched().wait(*ready);
    if (*page && w.get_page_unless_zero(*page))
      w.put_page(*page);
  };
  return {{"owner", 0, TaskKind::process, owner}, {"walker", 1, TaskKind::process, walker}};
}

// R5: 06's allocator with only preemption off, used from process context and from a
// softirq on the same cpu (NAPI, gve once 07 drops local_bh_disable). Fix: the process
// user disables BH around the call.
std::vector<TaskSpec> r5(World &w, bool fixed) {
  auto process = [&w, fixed] {
    for (int i = 0; i < 2; i++) {
      if (fixed)
        local_bh_disable();
      w.alloc(CacheRef::dflt, 0, 256, GFP_ATOMIC);
      if (fixed)
        local_bh_enable();
    }
  };
  auto napi = [&w] { w.alloc(CacheRef::dflt, 0, 256, GFP_ATOMIC); };
  return {{"process", 0, TaskKind::process, process}, {"napi softirq", 0, TaskKind::softirq, napi}};
}

// W6: 06's refill empties the bucket (folio = NULL) but leaves its offset, then turns
// preemption back on to allocate; a second task on that cpu finds room at a NULL folio.
std::vector<TaskSpec> w6(World &w, bool) {
  auto filled = std::make_shared<SimEvent>();
  auto first = [&w, filled] {
    void *big = w.alloc(CacheRef::dflt, 0, 30000, GFP_KERNEL);
    sched().signal(*filled);
    void *more = w.alloc(CacheRef::dflt, 0, 4096, GFP_KERNEL);  // does not fit: refill
    if (more)
      w.free(more);
    if (big)
      w.free(big);
  };
  auto second = [&w, filled] {
    sched().wait(*filled);
    void *p = w.alloc(CacheRef::dflt, 0, 64, GFP_KERNEL);
    if (p)
      w.free(p);
  };
  return {{"first", 0, TaskKind::process, first}, {"second", 0, TaskKind::process, second}};
}

// W7: the same window, two refills: the second task installs a reserve (pfmemalloc)
// page; the first, back from its own refill, stores its spare's flag over it, then finds
// the bucket refilled and carves from the reserve page, which the cache now believes is a
// normal page (it would be recycled at exhaustion instead of going back).
std::vector<TaskSpec> w7(World &w, bool) {
  w.supply_high_order_fails_with_reserves();  // every refill takes one page, some reserve
  auto normal = [&w] {
    if (void *p = w.alloc(CacheRef::dflt, 0, 64, GFP_KERNEL | __GFP_NOMEMALLOC))
      w.free(p);
  };
  auto reserve = [&w] {
    if (void *p = w.alloc(CacheRef::dflt, 0, 64, GFP_ATOMIC))
      w.free(p);
  };
  return {{"no reserves", 0, TaskKind::process, normal}, {"reserves", 0, TaskKind::process, reserve}};
}

bool r1_profiles(Profile p) { return private_caches(p); }
bool r5_profiles(Profile p) { return percpu_default(p); }

}  // namespace

const std::vector<Scenario> &all_scenarios() {
  static const std::vector<Scenario> s = {
      {"R1", "one private cache used from two cpus without a lock", BugId::r1_shared_cache_unlocked, "lock",
       r1_profiles, r1, 64},
      {"R2", "alloc on cpu 0, free on cpu 1 while cpu 0 reaches the end of the page (legal)", std::nullopt, "",
       any_allocator, r2, 64},
      {"R3", "this_cpu_ptr() kept across a sleep, used beside that cpu's own user", BugId::r3_cpu_ptr_across_sleep,
       "get_cpu_ptr", r1_profiles, r3, 64},
      {"R4", "recycle by read-then-set against a speculative reference (get_page_unless_zero)",
       BugId::p01_recycle_read_then_set, "sub_and_test", r1_profiles, r4, 64, true},
      {"R5", "06 allocator with preemption off only, interrupted by a softirq user on the same cpu",
       BugId::p06_softirq_preempt_only, "bh_disable", r5_profiles, r5, 64},
      {"W6", "06 refill window: emptied bucket keeps its offset while the refill sleeps",
       BugId::p06_refill_stale_offset, "refill_clears_offset", r5_profiles, w6, 64},
      {"W7", "06 refill window: a refill's pfmemalloc flag stored over the other refill's page",
       BugId::p06_refill_pfmemalloc_overwrite, "pfmemalloc_with_folio", r5_profiles, w7, 64},
  };
  return s;
}

const Scenario *find_scenario(const std::string &name) {
  for (const auto &s : all_scenarios())
    if (name == s.name)
      return &s;
  return nullptr;
}

ScopedFix::ScopedFix(const Scenario &s, bool fixed) {
  howells::race_fixes = {};
  if (!fixed)
    return;
  std::string fix = s.fix;
  howells::race_fixes.recycle_sub_and_test = fix == "sub_and_test";
  howells::race_fixes.refill_clears_offset = fix == "refill_clears_offset";
  howells::race_fixes.pfmemalloc_with_folio = fix == "pfmemalloc_with_folio";
}

ScopedFix::~ScopedFix() { howells::race_fixes = {}; }

}  // namespace sc::explore
