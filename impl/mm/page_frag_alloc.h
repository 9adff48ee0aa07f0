// SPDX-License-Identifier: GPL-2.0-only
// The page fragment allocator as David Howells' series leaves it after each patch:
// mainline before the series (mm/page_alloc.c, v6.4), then patches 01..06
// ("mm/page_frag_alloc.c", 2023-05-24). One code path; `page_frag_level` says which
// patches are applied, and each level check reads like the patch that added it.
#pragma once

#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/percpu.h>

namespace sc::impl::howells {

enum pf_level { PF_PRE_SERIES, PF_P01, PF_P02, PF_P03, PF_P04, PF_P05, PF_P06 };
extern enum pf_level page_frag_level;

/* The correct counterparts of the race rows (explore/): off is the code as posted. */
struct pf_race_fixes {
	bool recycle_sub_and_test;  /* 01-03: subtract-and-test, as before 01 and from 04 */
	bool refill_clears_offset;  /* 06: an emptied bucket has no room left to carve */
	bool pfmemalloc_with_folio; /* 06: the flag is set with the folio it describes */
};
extern struct pf_race_fixes race_fixes;

#define PAGE_FRAG_CACHE_MAX_SIZE 32768UL  /* __ALIGN_MASK(32768, ~PAGE_MASK) on 4 KiB pages */
#define PAGE_FRAG_CACHE_MAX_ORDER 3       /* get_order(PAGE_FRAG_CACHE_MAX_SIZE) */

struct page_frag_cache {
	union {
		void *va;             /* before 04: address of the cached page */
		struct folio *folio;  /* from 04 */
	};
	/* Count-down: free bytes lie below it. __u16 before 04 when PAGE_SIZE < MAX_SIZE;
	 * unsigned int here so one struct serves every level. */
	unsigned int offset;
	unsigned int size;        /* before 04 only; folio_size() from 04 */
	unsigned int pagecnt_bias;
	bool pfmemalloc;
};

/*
 * Before 03 `align` is the mask callers built as -align; from 03 it is the power-of-2
 * alignment itself. From 06 `nc` is a per-cpu pointer and NULL selects the per-cpu
 * default allocator.
 */
void *page_frag_alloc_align(struct page_frag_cache *nc, size_t fragsz, gfp_t gfp_mask, unsigned long align);
void page_frag_free(void *addr);
void __page_frag_cache_drain(struct page *page, unsigned int count);
void page_frag_cache_clear(struct page_frag_cache *nc);  /* 02; 06 removed it, kept for teardown */
void *page_frag_memdup(struct page_frag_cache *frag_cache, const void *p, size_t fragsz, gfp_t gfp,
		       unsigned long align);  /* 06 */

/* 06's per-cpu default bucket set. DEVIATION: static DEFINE_PER_CPU in the kernel; here
 * created and destroyed per run so every run starts empty. */
extern struct page_frag_cache *page_frag_default_allocator;
void page_frag_default_init(void);
void page_frag_default_exit(void);

}  // namespace sc::impl::howells
