// SPDX-License-Identifier: GPL-2.0-only
#include <impl/page_frag_impl.h>

#include <impl/mm/page_frag_alloc.h>
#include <impl/mm/page_frag_cache.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace sc::alloc {

namespace howells = sc::impl::howells;
namespace v613 = sc::impl::v613;

namespace {

// Mainline before the series and each patch level of it.
class HowellsCaches final : public PageFragImpl::Caches {
 public:
  HowellsCaches(howells::pf_level level, unsigned nr_cpus)
      : level_(level), private_(level >= howells::PF_P06 ? 0 : nr_cpus) {
    howells::page_frag_level = level;
    if (level >= howells::PF_P06)
      howells::page_frag_default_init();
  }
  ~HowellsCaches() override {
    if (level_ >= howells::PF_P06)
      howells::page_frag_default_exit();
  }

  void *alloc(unsigned cpu, uint32_t fragsz, gfp_t gfp, uint32_t align) override {
    sc_current_task.cpu = static_cast<int>(cpu);
    // 06: callers pass NULL for the per-cpu default; before 03 they pass -align as a mask.
    if (level_ >= howells::PF_P06)
      return howells::page_frag_alloc_align(nullptr, fragsz, gfp, align);
    unsigned long arg = level_ >= howells::PF_P03 ? align : ~(static_cast<unsigned long>(align) - 1);
    return howells::page_frag_alloc_align(&private_[cpu], fragsz, gfp, arg);
  }

  void free(void *addr) override { howells::page_frag_free(addr); }

  void drain(unsigned cpu) override {
    howells::page_frag_cache *nc = bucket(cpu);
    if (level_ >= howells::PF_P06) {
      // DEVIATION: 06 has no teardown for its per-cpu buckets; ours empties the bucket
      // as it was at boot, offset included, so only the code's own paths leave a stale one.
      howells::page_frag_cache_clear(nc);
      nc->offset = 0;
    } else if (level_ >= howells::PF_P02) {
      howells::page_frag_cache_clear(nc);
    } else if (nc->va) {
      // Before 02 every user open-codes the teardown (gve, mtk_wed, nvme).
      howells::__page_frag_cache_drain(virt_to_head_page(nc->va), nc->pagecnt_bias);
      nc->va = nullptr;
    }
  }

  std::optional<PageFragImpl::CachedPage> cached(unsigned cpu) const override {
    const howells::page_frag_cache *nc = const_cast<HowellsCaches *>(this)->bucket(cpu);
    if (level_ >= howells::PF_P04)
      return nc->folio ? std::optional(PageFragImpl::CachedPage{&nc->folio->page, nc->pagecnt_bias}) : std::nullopt;
    return nc->va ? std::optional(PageFragImpl::CachedPage{virt_to_head_page(nc->va), nc->pagecnt_bias})
                  : std::nullopt;
  }

 private:
  howells::page_frag_cache *bucket(unsigned cpu) {
    return level_ >= howells::PF_P06 ? per_cpu_ptr(howells::page_frag_default_allocator, cpu) : &private_[cpu];
  }

  howells::pf_level level_;
  std::vector<howells::page_frag_cache> private_;
};

// The merged refactor.
class V613Caches final : public PageFragImpl::Caches {
 public:
  explicit V613Caches(unsigned nr_cpus) : caches_(nr_cpus) {
    for (auto &nc : caches_)
      v613::page_frag_cache_init(&nc);
  }

  void *alloc(unsigned cpu, uint32_t fragsz, gfp_t gfp, uint32_t align) override {
    sc_current_task.cpu = static_cast<int>(cpu);
    return v613::page_frag_alloc_align(&caches_[cpu], fragsz, gfp, align);
  }

  void free(void *addr) override { v613::page_frag_free(addr); }

  void drain(unsigned cpu) override { v613::page_frag_cache_drain(&caches_[cpu]); }

  std::optional<PageFragImpl::CachedPage> cached(unsigned cpu) const override {
    const struct page *page = v613::page_frag_cache_page(&caches_[cpu]);
    return page ? std::optional(PageFragImpl::CachedPage{page, caches_[cpu].pagecnt_bias}) : std::nullopt;
  }

 private:
  std::vector<v613::page_frag_cache> caches_;
};

// The pre-series code and each patch of the series (series = p06), by profile.
constexpr std::pair<Profile, howells::pf_level> kHowellsLevels[] = {
    {Profile::pre_series, howells::PF_PRE_SERIES}, {Profile::p01, howells::PF_P01}, {Profile::p02, howells::PF_P02},
    {Profile::p03, howells::PF_P03}, {Profile::p04, howells::PF_P04}, {Profile::p05, howells::PF_P05},
    {Profile::p06, howells::PF_P06}, {Profile::series, howells::PF_P06}};

std::unique_ptr<PageFragImpl::Caches> caches_for(Profile p, unsigned nr_cpus) {
  if (p == Profile::v6_13)
    return std::make_unique<V613Caches>(nr_cpus);
  for (auto [profile, level] : kHowellsLevels)
    if (p == profile)
      return std::make_unique<HowellsCaches>(level, nr_cpus);
  return nullptr;  // not an allocator profile: the CLI never passes one here
}

}  // namespace

// The mirrors keep kernel-style globals (patch level, per-cpu default buckets), so two
// live instances would share them: refuse, rather than let one corrupt the other.
std::atomic<int> g_live_impls{0};

PageFragImpl::PageFragImpl(Profile profile, unsigned nr_cpus, shim::PageSupply &supply)
    : nr_cpus_(nr_cpus), supply_(supply), mirror_(true) {
  if (g_live_impls.fetch_add(1) != 0) {
    std::fprintf(stderr, "splicecheck: only one PageFragImpl may be live at a time (the mirrors use globals)\n");
    std::abort();
  }
  caches_ = caches_for(profile, nr_cpus);
}

PageFragImpl::PageFragImpl(std::unique_ptr<Caches> caches, unsigned nr_cpus, shim::PageSupply &supply)
    : nr_cpus_(nr_cpus), supply_(supply), caches_(std::move(caches)) {}

PageFragImpl::~PageFragImpl() {
  caches_.reset();
  if (mirror_)
    g_live_impls--;
}

std::optional<PageFragImpl::CachedPage> PageFragImpl::cached(unsigned cpu) const { return caches_->cached(cpu); }

Frag PageFragImpl::describe(const uint8_t *addr) const {
  const struct page *head = supply_.block_of(addr);
  if (!head)
    return {};
  auto base = static_cast<const uint8_t *>(supply_.address(head));
  return {head->serial, static_cast<uint32_t>(PAGE_SIZE << head->order), static_cast<uint32_t>(addr - base)};
}

Obs PageFragImpl::apply(const Op &op) {
  Obs obs;
  uint64_t allocated = supply_.allocated(), freed = supply_.freed();
  std::visit(
      [&](const auto &o) {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, Alloc>) {
          obs.is_alloc = true;
          auto *p = static_cast<uint8_t *>(caches_->alloc(o.cpu, o.fragsz, o.gfp, o.align));
          if (p) {
            obs.frag = describe(p);
            live_.push_back({p, o.fragsz, next_serial_++});
          }
          if (auto c = caches_->cached(o.cpu))
            obs.cached_page = c->head->serial;
        } else if constexpr (std::is_same_v<T, Free>) {
          caches_->free(live_[o.idx].addr);
          live_.erase(live_.begin() + o.idx);
        } else if constexpr (std::is_same_v<T, Dirty>) {
          std::memset(live_[o.idx].addr, owner_pattern(live_[o.idx].serial), live_[o.idx].size);
        } else if constexpr (std::is_same_v<T, Drain>) {
          caches_->drain(o.cpu);
        } else if constexpr (std::is_same_v<T, FailPages>) {
          supply_.set_fail_mode(o.mode == SupplyFault::all          ? shim::FailMode::all
                                : o.mode == SupplyFault::high_order ? shim::FailMode::high_order
                                                                    : shim::FailMode::none);
        } else if constexpr (std::is_same_v<T, FailAfter>) {
          supply_.fail_after(o.n);
        } else if constexpr (std::is_same_v<T, Reserve>) {
          supply_.set_reserve(o.on);
        }
      },
      op);
  obs.obtained = static_cast<uint32_t>(supply_.allocated() - allocated);
  obs.released = static_cast<uint32_t>(supply_.freed() - freed);
  return obs;
}

}  // namespace sc::alloc
