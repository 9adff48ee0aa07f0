// SPDX-License-Identifier: GPL-2.0-only
// Mirrors mm/page_alloc.c (v6.4) and the series' mm/page_frag_alloc.c after each patch.
#include <impl/mm/page_frag_alloc.h>

#include <linux/fault-inject.h>

#include <api/bugs.h>
#include <impl/test_defects.h>
#include <linux/bug.h>
#include <linux/log2.h>

#include <cstring>

namespace sc::impl::howells {

enum pf_level page_frag_level = PF_PRE_SERIES;
struct pf_race_fixes race_fixes;
struct page_frag_cache *page_frag_default_allocator;

static bool cache_has_page(const struct page_frag_cache *nc)
{
	return page_frag_level >= PF_P04 ? nc->folio != NULL : nc->va != NULL;
}

static struct page *cache_page(const struct page_frag_cache *nc)
{
	return page_frag_level >= PF_P04 ? &nc->folio->page : virt_to_page(nc->va);
}

static char *cache_va(const struct page_frag_cache *nc)
{
	return static_cast<char *>(page_frag_level >= PF_P04 ? folio_address(nc->folio) : nc->va);
}

static unsigned int cache_size(const struct page_frag_cache *nc)
{
	return page_frag_level >= PF_P04 ? folio_size(nc->folio) : nc->size;
}

/* B2 mutant: round the way opposite to the carving direction. */
static long align_offset(long offset, unsigned long align_mask)
{
	if (bug_enabled(BugId::mut_align_wrong_way))
		return (offset + ~align_mask) & align_mask;
	return offset & align_mask;
}

static struct page *__page_frag_cache_refill(struct page_frag_cache *nc, gfp_t gfp_mask)
{
	struct page *page = NULL;
	gfp_t gfp;

	if (page_frag_level >= PF_P05)
		gfp_mask &= ~__GFP_ZERO;  /* 05: the allocator clears what it hands out */
	else if (fix_on(BugId::gfp_zero_mixed_caller))
		gfp_mask |= __GFP_ZERO;  /* fix switch: every fresh page is a zeroed one */
	gfp = gfp_mask;

	if (page_frag_level >= PF_P04) {
		struct folio *folio;

		folio = folio_alloc(gfp_mask | __GFP_NOWARN | __GFP_NORETRY | __GFP_NOMEMALLOC,
				    PAGE_FRAG_CACHE_MAX_ORDER);
		if (unlikely(!folio))
			folio = folio_alloc(gfp, 0);
		if (folio)
			nc->folio = folio;
		return folio ? &folio->page : NULL;
	}

	gfp_mask |= __GFP_COMP | __GFP_NOWARN | __GFP_NORETRY | __GFP_NOMEMALLOC;
	page = alloc_pages_node(NUMA_NO_NODE, gfp_mask, PAGE_FRAG_CACHE_MAX_ORDER);
	nc->size = page ? PAGE_FRAG_CACHE_MAX_SIZE : PAGE_SIZE;
	if (unlikely(!page))
		page = alloc_pages_node(NUMA_NO_NODE, gfp, 0);
	nc->va = page ? page_address(page) : NULL;
	return page;
}

void __page_frag_cache_drain(struct page *page, unsigned int count)
{
	if (page_frag_level >= PF_P04) {
		folio_put_refs(page_folio(page), count);  /* 04: drops exactly count */
		return;
	}
	VM_BUG_ON_PAGE(page_ref_count(page) == 0, page);
	if (page_frag_level >= PF_P01) {
		/* 01: one short, expecting __free_pages() to drop the last; it is never reached. */
		if (fix_on(BugId::p01_drain_leak)) {
			if (page_ref_sub_and_test(page, count))
				free_the_page(page, compound_order(page));
			return;
		}
		if (page_ref_sub_and_test(page, count - 1))
			__free_pages(page, compound_order(page));
		return;
	}
	if (page_ref_sub_and_test(page, count))
		free_the_page(page, compound_order(page));
}

void page_frag_cache_clear(struct page_frag_cache *nc)
{
	if (!cache_has_page(nc))
		return;
	if (page_frag_level >= PF_P04) {
		VM_BUG_ON_FOLIO(folio_ref_count(nc->folio) == 0, nc->folio);
		folio_put_refs(nc->folio, nc->pagecnt_bias);
		nc->folio = NULL;
		return;
	}
	__page_frag_cache_drain(virt_to_head_page(nc->va), nc->pagecnt_bias);
	nc->va = NULL;
}

/* Levels before 06: one cache, serialised by its user. */
static void *page_frag_alloc_cache(struct page_frag_cache *nc, size_t fragsz, gfp_t gfp_mask,
				   unsigned long align)
{
	unsigned long align_mask = align;
	unsigned int size = PAGE_SIZE;
	struct page *page;
	long offset;
	char *p;

	if (page_frag_level >= PF_P03) {
		/* 03: a power-of-2 alignment instead of a caller-built mask */
		WARN_ON_ONCE(!is_power_of_2(align));
		align_mask = ~(align - 1);
	}

	if (unlikely(!cache_has_page(nc))) {
refill:
		page = __page_frag_cache_refill(nc, gfp_mask);
		if (!page)
			return NULL;
		size = cache_size(nc);
		/* Even if we own the page, add rather than set: a set would clobber
		 * get_page_unless_zero() users. */
		page_ref_add(page, PAGE_FRAG_CACHE_MAX_SIZE);
		nc->pfmemalloc = page_is_pfmemalloc(page);
		nc->pagecnt_bias = PAGE_FRAG_CACHE_MAX_SIZE + 1;
		nc->offset = size;
	}

	offset = (long)nc->offset - (long)fragsz;
	/* B4 mutant: only a fully used page counts as exhausted */
	if (unlikely(bug_enabled(BugId::mut_room_check_straddle) ? nc->offset == 0 : offset < 0)) {
		page = cache_page(nc);

		if (page_frag_level >= PF_P01 && page_frag_level < PF_P04 && !race_fixes.recycle_sub_and_test) {
			/* 01: a plain read instead of subtract-and-test; an abandoned page
			 * keeps the cache's bias references. */
			if (page_ref_count(page) != (int)nc->pagecnt_bias) {
				if (fix_on(BugId::p01_abandon_leak))
					page_ref_sub(page, nc->pagecnt_bias);
				goto refill;
			}
			if (unlikely(nc->pfmemalloc) && !bug_enabled(BugId::mut_pfmemalloc_recycled)) {
				page_ref_sub(page, nc->pagecnt_bias - 1);
				__free_pages(page, compound_order(page));
				goto refill;
			}
		} else {
			if (!page_ref_sub_and_test(page, nc->pagecnt_bias)) {
				if (page_frag_level >= PF_P04)
					nc->folio = NULL;
				goto refill;
			}
			if (unlikely(nc->pfmemalloc) && !bug_enabled(BugId::mut_pfmemalloc_recycled)) {
				free_the_page(page, compound_order(page));  /* 04: __folio_put() */
				if (page_frag_level >= PF_P04)
					nc->folio = NULL;
				goto refill;
			}
		}

		size = cache_size(nc);
		/* OK, page count is 0, we can safely set it */
		set_page_count(page, PAGE_FRAG_CACHE_MAX_SIZE + 1);
		if (!bug_enabled(BugId::mut_bias_not_reset))
			nc->pagecnt_bias = PAGE_FRAG_CACHE_MAX_SIZE + 1;
		if (fix_on(BugId::gfp_zero_reuse))
			memset(cache_va(nc), 0, size);  /* fix switch: a recycled page is as clean as a fresh one */
		offset = (long)size - (long)fragsz;
		if (unlikely(offset < 0)) {
			/* Too big even for a whole page. Keep it: releasing it could make
			 * memory pressure worse. 04 also stores the reset offset. */
			if (page_frag_level >= PF_P04)
				nc->offset = size;
			return NULL;
		}
	}

	/* The window between reading the cursor and storing it (see the v6.13 mirror). */
	sc_sched_point("page_frag: carve");
	nc->pagecnt_bias--;
	offset = align_offset(offset, align_mask);
	nc->offset = offset;
	p = cache_va(nc) + offset;
	if (page_frag_level >= PF_P05 && (gfp_mask & __GFP_ZERO))
		memset(p, 0, fragsz);  /* 05 */
	return p;
}

static struct folio *page_frag_cache_refill(gfp_t gfp)
{
	struct folio *folio;

	gfp &= ~__GFP_ZERO;
	folio = folio_alloc(gfp | __GFP_NOWARN | __GFP_NORETRY | __GFP_NOMEMALLOC, PAGE_FRAG_CACHE_MAX_ORDER);
	if (unlikely(!folio))
		folio = folio_alloc(gfp, 0);
	return folio;
}

/*
 * 06: per-cpu buckets. Preemption is off while the bucket is used and back on while a
 * refill sleeps, so the task may come back on another cpu and find its bucket refilled.
 */
static void *page_frag_alloc_percpu(struct page_frag_cache *frag_cache, size_t fragsz, gfp_t gfp,
				    unsigned long align)
{
	struct page_frag_cache *nc;
	struct folio *folio, *spare = NULL;
	size_t offset;
	char *p;

	WARN_ON_ONCE(!is_power_of_2(align));
	if (!frag_cache)
		frag_cache = page_frag_default_allocator;
	if (fragsz == 0 && !bug_enabled(BugId::mut_zero_size_fragment)) {
		WARN_ON_ONCE(1);
		fragsz = 1;
	}

	nc = get_cpu_ptr(frag_cache);
reload:
	folio = nc->folio;
	offset = nc->offset;
try_again:
	if (fragsz <= offset) {
		sc_sched_point("page_frag: carve");
		nc->pagecnt_bias--;
		offset = align_offset(offset - fragsz, ~(align - 1));
		nc->offset = offset;
		p = static_cast<char *>(folio_address(folio)) + offset;
		put_cpu_ptr(frag_cache);
		if (spare)
			folio_put(spare);
		if (gfp & __GFP_ZERO)
			memset(p, 0, fragsz);
		return p;
	}

	if (folio) {
		if (!folio_ref_sub_and_test(folio, nc->pagecnt_bias))
			goto refill;
		if (unlikely(nc->pfmemalloc) && !bug_enabled(BugId::mut_pfmemalloc_recycled)) {
			__folio_put(folio);
			goto refill;
		}
		folio_set_count(folio, PAGE_FRAG_CACHE_MAX_SIZE + 1);
		if (!bug_enabled(BugId::mut_bias_not_reset))
			nc->pagecnt_bias = PAGE_FRAG_CACHE_MAX_SIZE + 1;
		offset = folio_size(folio);
		if (unlikely(fragsz > offset)) {
			if (test_defect_on(TestDefect::refill_loops)) {
				/* test defect: give the too-small page back and refill */
				folio_put_refs(folio, nc->pagecnt_bias);
				nc->folio = NULL;
				goto refill;
			}
			goto frag_too_big;
		}
		goto try_again;
	}

refill:
	if (!spare) {
		nc->folio = NULL;
		if (race_fixes.refill_clears_offset || fix_on(BugId::p06_null_folio_after_failed_refill))
			nc->offset = 0;
		put_cpu_ptr(frag_cache);
		spare = page_frag_cache_refill(gfp);
		if (!spare)
			return NULL;
		nc = get_cpu_ptr(frag_cache);
		if (!race_fixes.pfmemalloc_with_folio)
			nc->pfmemalloc = folio_is_pfmemalloc(spare);
		if (nc->folio)
			goto reload;
	}
	if (race_fixes.pfmemalloc_with_folio)
		nc->pfmemalloc = folio_is_pfmemalloc(spare);
	nc->folio = spare;
	folio_ref_add(spare, PAGE_FRAG_CACHE_MAX_SIZE);
	nc->pagecnt_bias = PAGE_FRAG_CACHE_MAX_SIZE + 1;
	offset = folio_size(spare);
	folio = spare;
	spare = NULL;
	goto try_again;

frag_too_big:
	nc->offset = offset;
	put_cpu_ptr(frag_cache);
	if (spare)
		folio_put(spare);
	return NULL;
}

void *page_frag_alloc_align(struct page_frag_cache *nc, size_t fragsz, gfp_t gfp_mask, unsigned long align)
{
	if (page_frag_level >= PF_P06)
		return page_frag_alloc_percpu(nc, fragsz, gfp_mask, align);
	return page_frag_alloc_cache(nc, fragsz, gfp_mask, align);
}

void *page_frag_memdup(struct page_frag_cache *frag_cache, const void *p, size_t fragsz, gfp_t gfp,
		       unsigned long align)
{
	void *q;

	if (sc_should_fail(SC_FAIL_PAGE_FRAG_MEMDUP))  /* fault injection, not kernel code */
		return NULL;
	q = page_frag_alloc_align(frag_cache, fragsz, gfp, align);

	if (!q)
		return NULL;
	return memcpy(q, p, fragsz);
}

void page_frag_free(void *addr)
{
	struct page *page;

	if (page_frag_level >= PF_P04) {
		folio_put(virt_to_folio(addr));  /* 04 */
		return;
	}
	page = virt_to_head_page(addr);
	if (page_frag_level >= PF_P01) {
		__free_pages(page, compound_order(page));  /* 01: the generic free */
		return;
	}
	if (unlikely(put_page_testzero(page)))
		free_the_page(page, compound_order(page));
}

void page_frag_default_init(void)
{
	page_frag_default_allocator = alloc_percpu(struct page_frag_cache);
}

void page_frag_default_exit(void)
{
	free_percpu(page_frag_default_allocator);
	page_frag_default_allocator = NULL;
}

}  // namespace sc::impl::howells
