// SPDX-License-Identifier: GPL-2.0-only
// One run of a scenario: the page supply, the code under test, the fragments the tasks
// hold, the history of their calls, and the checks (SPEC §1.12, issue 8):
//  after every step: live fragments never overlap, none lies on a page given back or
//  outside the supply, the supply saw no misuse; when a call returns: every live fragment
//  holds what its owner wrote; when no task
//  is inside the allocator: every page's refcount equals the cache's bias plus its live
//  fragments (cached) or its live fragments (left behind); at the end: the history is
//  linearizable against the sequential model, and after a teardown no page is left.
#pragma once

#include <api/page_frag.h>
#include <explore/subject.h>
#include <sc/page_supply.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sc::explore {

struct Failure {
  std::string check;   // a page_frag check name (api/page_frag_checks.def)
  std::string detail;
  size_t step = 0;     // the scheduling step after which it was seen
};

class World {
 public:
  // same_pages: the linearizability check matches pages too (see Scenario::outside_refs).
  World(Profile p, size_t pages, bool same_pages = true, const ksrc::GlueEntry *src = nullptr);
  ~World();

  Subject &subject() { return *subject_; }
  // Before the tasks start: the supply fails high-order pages, and hands reserve
  // (pfmemalloc) pages to callers that allow them; the model is told the same.
  void supply_high_order_fails_with_reserves();

  // Task-side calls: record the history, write the owner's pattern into a new fragment
  // (checking __GFP_ZERO first), keep the live set. A NULL result is recorded too.
  void *alloc(CacheRef ref, unsigned cache, uint32_t fragsz, gfp_t gfp, uint32_t align = 1);
  void *alloc_on(void *cache, unsigned cache_index, uint32_t fragsz, gfp_t gfp, uint32_t align = 1);
  void free(void *addr);
  // A speculative reference (get_page_unless_zero, then put_page), counted in the
  // refcount check while held.
  bool get_page_unless_zero(struct page *page);
  void put_page(struct page *page);

  // Scheduler-side.
  void check_step(size_t step);
  void finish(size_t step);  // linearizability, then the teardown
  const std::optional<Failure> &failure() const { return failure_; }
  std::string history() const;

 private:
  struct Frag {
    uint8_t *addr;
    uint32_t size;
    uint8_t pattern;
    uint64_t serial;
  };
  struct Call {
    int task;
    bool is_alloc;
    unsigned cache;  // the model's cpu: which cache the call used
    unsigned cache_start;  // 06 default buckets: the cpu the call started on
    uint32_t fragsz;
    gfp_t gfp;
    uint32_t align;
    uint64_t serial;  // alloc: the fragment's serial (0 if NULL); free: the one freed
    size_t called = 0, returned = 0;  // completed scheduling steps before/after
    std::optional<alloc::Frag> result;
    bool dflt = false;  // 06 default buckets
  };
  void fail(const std::string &check, const std::string &detail, size_t step);
  void *record_alloc(void *p, unsigned cache, unsigned cache_start, uint32_t fragsz, gfp_t gfp, uint32_t align,
                     size_t called);
  bool linearizable() const;
  void check_contents();

  Profile profile_;
  bool same_pages_;
  shim::PageSupply &supply_;
  std::unique_ptr<Subject> subject_;
  std::vector<Frag> live_;
  std::vector<Call> calls_;
  std::vector<alloc::Op> setup_;  // supply settings, applied to the model first
  std::map<const struct page *, int> speculative_;
  int inside_ = 0;  // tasks inside an allocator call
  bool dflt_ = false;  // the call being recorded used the default buckets
  size_t steps_ = 0;
  uint64_t next_serial_ = 1;
  std::optional<Failure> failure_;
};

}  // namespace sc::explore
