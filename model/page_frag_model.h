// SPDX-License-Identifier: GPL-2.0-only
// The allocator's reference model: the contract of api/page_frag.h stated directly.
// It knows pages, their owners and live fragments by name, with no refcount bias, no
// per-cpu tricks and no shared code with impl/ or shim/, so it cannot share their bugs.
#pragma once

#include <api/page_frag.h>
#include <api/profiles.h>

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace sc::alloc {

enum class Carving { down, up };

// What a profile promises beyond the contract: which way it carves a page, whether
// fragsz 0 is taken as 1, and where the cursor stays when a just-recycled page is still
// too small (before series 04 the kernel returned NULL without storing the new offset).
struct CarvingRules {
  Carving carving = Carving::down;
  bool zero_size_as_one = false;
  bool cursor_kept_when_recycled_page_too_small = false;
};
CarvingRules carving_rules(Profile p);

inline constexpr uint32_t kPageSize = 4096;
inline constexpr uint32_t kCachePageSize = 32768;  // PAGE_FRAG_CACHE_MAX_SIZE on 4 KiB pages

class PageFragModel final : public PageFragCache {
 public:
  enum class Content : uint8_t { unknown, zero, pattern };
  enum class Where : uint8_t { cached, abandoned, drained, released };

  struct Page {
    uint64_t id = 0;  // allocation serial in the supply
    uint32_t size = 0;
    bool pfmemalloc = false;
    bool zeroed_at_refill = false;  // the caller that caused the refill asked for __GFP_ZERO
    bool recycled = false;          // reused in place at least once
    bool drained = false;           // left by a drain (then released, or drained with live fragments)
    uint32_t live = 0;
    Where where = Where::cached;
  };

  struct Fragment {
    uint64_t page = 0;
    uint32_t offset = 0;
    uint32_t size = 0;
    uint64_t serial = 0;  // the n-th fragment handed out; its owner's pattern comes from it
    Content content = Content::unknown;
  };

  PageFragModel(CarvingRules rules, unsigned nr_cpus);

  Obs apply(const Op &op) override;
  size_t live_count() const override { return live_.size(); }

  // Whether op may be applied now: Free/Dirty name a live fragment, cpu exists, and the
  // Alloc is not the refill livelock (see valid()).
  bool valid(const Op &op) const;
  // Whether an Alloc would leave the cached page (abandon, recycle or give it back).
  bool exhausts(const Alloc &a) const;

  const Fragment &fragment(size_t idx) const { return live_[idx]; }
  const Page *page(uint64_t id) const;
  unsigned nr_cpus() const { return static_cast<unsigned>(caches_.size()); }
  std::optional<uint64_t> cached_page(unsigned cpu) const { return caches_[cpu].page; }
  uint64_t pages_not_released() const;
  // For the boundary table: what an `align`-aligned fragment can still take from the cpu's
  // cached page (0 when none is cached), and how far past an `align` boundary the carve
  // point of a `size` request lies before it is rounded (nullopt: it does not fit).
  uint32_t room(unsigned cpu, uint32_t align) const;
  std::optional<uint32_t> misalignment(unsigned cpu, uint32_t size, uint32_t align) const;

 private:
  struct Cache {
    std::optional<uint64_t> page;
    uint32_t cursor = 0;  // next free byte: top end when carving down, bottom when up
  };

  Obs alloc(const Alloc &a);
  std::optional<uint32_t> fit(const Cache &c, uint32_t size, uint32_t align) const;
  void carve(Cache &c, uint32_t off, uint32_t size, uint32_t gfp, Obs &obs);
  std::optional<uint64_t> refill(uint32_t gfp, Obs &obs);
  void release(Page &p, Obs &obs);
  uint32_t start_cursor(const Page &p) const { return rules_.carving == Carving::down ? p.size : 0; }

  CarvingRules rules_;
  std::vector<Cache> caches_;
  std::map<uint64_t, Page> pages_;
  std::vector<Fragment> live_;
  uint64_t next_page_ = 1;
  uint64_t next_fragment_ = 1;
  // The page supply's steering, as the contract sees it.
  SupplyFault fault_ = SupplyFault::none;
  std::optional<uint32_t> successes_left_;
  bool reserve_ = false;
};

}  // namespace sc::alloc
