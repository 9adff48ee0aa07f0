// SPDX-License-Identifier: GPL-2.0-only
#include <explore/subject.h>

#include <impl/mm/page_frag_alloc.h>
#include <impl/mm/page_frag_cache.h>
#include <linux/percpu.h>

namespace sc::explore {
namespace {

namespace howells = sc::impl::howells;
namespace v613 = sc::impl::v613;

bool is_v613(Profile p) { return p == Profile::v6_13; }

howells::pf_level level_of(Profile p) {
  switch (p) {
  case Profile::p01:
    return howells::PF_P01;
  case Profile::p02:
    return howells::PF_P02;
  case Profile::p03:
    return howells::PF_P03;
  case Profile::p04:
    return howells::PF_P04;
  case Profile::p05:
    return howells::PF_P05;
  case Profile::p06:
  case Profile::series:
    return howells::PF_P06;
  default:
    return howells::PF_PRE_SERIES;
  }
}

}  // namespace

Subject::Subject(Profile p, const ksrc::GlueEntry *src) : profile_(p), src_(src) {
  if (src_) {
    private_ = sc_alloc_percpu(src_->cache_size(), 64);
    for (unsigned cpu = 0; cpu < nr_cpu_ids; cpu++)
      src_->cache_init(per_cpu_ptr(private_, cpu));
    return;
  }
  if (is_v613(p)) {
    private_ = alloc_percpu(v613::page_frag_cache);
    return;
  }
  howells::page_frag_level = level_of(p);
  if (has_default())
    howells::page_frag_default_init();
  else
    private_ = alloc_percpu(howells::page_frag_cache);
}

Subject::~Subject() {
  if (!src_ && !is_v613(profile_) && has_default())
    howells::page_frag_default_exit();
  free_percpu(private_);
}

bool Subject::has_default() const {
  return !src_ && !is_v613(profile_) && level_of(profile_) >= howells::PF_P06;
}
bool Subject::has_private() const { return !has_default(); }

void *Subject::this_cpu_cache() const {
  if (src_) {
    void *base = private_;  // per_cpu_ptr keeps the pointer's type: not the const member's
    return this_cpu_ptr(base);
  }
  if (is_v613(profile_))
    return this_cpu_ptr(static_cast<v613::page_frag_cache *>(private_));
  return this_cpu_ptr(static_cast<howells::page_frag_cache *>(private_));
}

void *Subject::alloc_on(void *cache, uint32_t fragsz, gfp_t gfp, uint32_t align) {
  if (src_)
    return src_->alloc(cache, fragsz, gfp, align);  // the glue takes a power of two
  if (is_v613(profile_))
    return v613::page_frag_alloc_align(static_cast<v613::page_frag_cache *>(cache), fragsz, gfp, align);
  // Before 03 callers pass -align as a mask.
  unsigned long arg = level_of(profile_) >= howells::PF_P03 ? align : ~(static_cast<unsigned long>(align) - 1);
  return howells::page_frag_alloc_align(static_cast<howells::page_frag_cache *>(cache), fragsz, gfp, arg);
}

void *Subject::alloc(CacheRef ref, uint32_t fragsz, gfp_t gfp, uint32_t align) {
  switch (ref) {
  case CacheRef::dflt:
    return howells::page_frag_alloc_align(nullptr, fragsz, gfp, align);
  case CacheRef::this_cpu:
    return alloc_on(this_cpu_cache(), fragsz, gfp, align);
  case CacheRef::cpu0:
    break;
  }
  if (src_)
    return alloc_on(per_cpu_ptr(private_, 0), fragsz, gfp, align);
  if (is_v613(profile_))
    return alloc_on(per_cpu_ptr(static_cast<v613::page_frag_cache *>(private_), 0), fragsz, gfp, align);
  return alloc_on(per_cpu_ptr(static_cast<howells::page_frag_cache *>(private_), 0), fragsz, gfp, align);
}

void Subject::free(void *addr) {
  if (src_)
    src_->free(addr);
  else if (is_v613(profile_))
    v613::page_frag_free(addr);
  else
    howells::page_frag_free(addr);
}

void Subject::drain_all() {
  for (unsigned cpu = 0; cpu < nr_cpu_ids; cpu++) {
    if (src_) {
      src_->drain(per_cpu_ptr(private_, cpu));
      continue;
    }
    if (is_v613(profile_)) {
      v613::page_frag_cache_drain(per_cpu_ptr(static_cast<v613::page_frag_cache *>(private_), cpu));
      continue;
    }
    auto *nc = has_default() ? per_cpu_ptr(howells::page_frag_default_allocator, cpu)
                             : per_cpu_ptr(static_cast<howells::page_frag_cache *>(private_), cpu);
    if (level_of(profile_) >= howells::PF_P02) {
      howells::page_frag_cache_clear(nc);
    } else if (nc->va) {
      howells::__page_frag_cache_drain(virt_to_head_page(nc->va), nc->pagecnt_bias);
      nc->va = nullptr;
    }
    nc->offset = 0;
  }
}

std::vector<Subject::Cached> Subject::cached() const {
  std::vector<Cached> out;
  for (unsigned cpu = 0; cpu < nr_cpu_ids; cpu++) {
    if (src_) {
      void *base = private_;
      unsigned bias = 0;
      if (const struct page *p = src_->cached(per_cpu_ptr(base, cpu), &bias))
        out.push_back({p, bias, std::nullopt});
      continue;
    }
    if (is_v613(profile_)) {
      auto *nc = per_cpu_ptr(static_cast<v613::page_frag_cache *>(private_), cpu);
      if (const struct page *p = v613::page_frag_cache_page(nc))
        out.push_back({p, nc->pagecnt_bias, (nc->encoded_page & PAGE_FRAG_CACHE_PFMEMALLOC_BIT) != 0});
      continue;
    }
    auto *nc = has_default() ? per_cpu_ptr(howells::page_frag_default_allocator, cpu)
                             : per_cpu_ptr(static_cast<howells::page_frag_cache *>(private_), cpu);
    bool folio = level_of(profile_) >= howells::PF_P04;
    if (folio ? nc->folio != nullptr : nc->va != nullptr)
      out.push_back({folio ? &nc->folio->page : virt_to_head_page(nc->va), nc->pagecnt_bias, nc->pfmemalloc});
  }
  return out;
}

}  // namespace sc::explore
