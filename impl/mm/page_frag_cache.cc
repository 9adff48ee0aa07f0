// SPDX-License-Identifier: GPL-2.0-only
// Mirrors mm/page_frag_cache.c as merged for v6.13 (unchanged in substance through 7.2).
#include <impl/mm/page_frag_cache.h>

#include <api/bugs.h>
#include <linux/bug.h>

#include <cstring>

namespace sc::impl::v613 {

static unsigned long encoded_page_create(struct page *page, unsigned int order, bool pfmemalloc)
{
	return (unsigned long)page_address(page) | (order & PAGE_FRAG_CACHE_ORDER_MASK) |
	       ((unsigned long)pfmemalloc * PAGE_FRAG_CACHE_PFMEMALLOC_BIT);
}

static unsigned long encoded_page_decode_order(unsigned long encoded_page)
{
	return encoded_page & PAGE_FRAG_CACHE_ORDER_MASK;
}

static void *encoded_page_decode_virt(unsigned long encoded_page)
{
	return (void *)(encoded_page & PAGE_MASK);
}

static struct page *encoded_page_decode_page(unsigned long encoded_page)
{
	return virt_to_page(encoded_page_decode_virt(encoded_page));
}

static bool encoded_page_decode_pfmemalloc(unsigned long encoded_page)
{
	return encoded_page & PAGE_FRAG_CACHE_PFMEMALLOC_BIT;
}

struct page *page_frag_cache_page(const struct page_frag_cache *nc)
{
	return nc->encoded_page ? encoded_page_decode_page(nc->encoded_page) : NULL;
}

static struct page *__page_frag_cache_refill(struct page_frag_cache *nc, gfp_t gfp_mask)
{
	unsigned long order = PAGE_FRAG_CACHE_MAX_ORDER;
	struct page *page = NULL;
	gfp_t gfp;

	if (fix_on(BugId::gfp_zero_mixed_caller))
		gfp_mask |= __GFP_ZERO;  /* fix switch: every fresh page is a zeroed one */
	gfp = gfp_mask;
	gfp_mask = (gfp_mask & ~__GFP_DIRECT_RECLAIM) | __GFP_COMP | __GFP_NOWARN | __GFP_NORETRY |
		   __GFP_NOMEMALLOC;
	page = alloc_pages_node(NUMA_NO_NODE, gfp_mask, PAGE_FRAG_CACHE_MAX_ORDER);
	if (unlikely(!page)) {
		page = alloc_pages_node(NUMA_NO_NODE, gfp, 0);
		order = 0;
	}
	nc->encoded_page = page ? encoded_page_create(page, order, page_is_pfmemalloc(page)) : 0;
	return page;
}

void page_frag_cache_drain(struct page_frag_cache *nc)
{
	if (!nc->encoded_page)
		return;
	__page_frag_cache_drain(encoded_page_decode_page(nc->encoded_page), nc->pagecnt_bias);
	nc->encoded_page = 0;
}

void __page_frag_cache_drain(struct page *page, unsigned int count)
{
	VM_BUG_ON_PAGE(page_ref_count(page) == 0, page);
	if (page_ref_sub_and_test(page, count))
		free_unref_page(page, compound_order(page));
}

void *__page_frag_alloc_align(struct page_frag_cache *nc, unsigned int fragsz, gfp_t gfp_mask,
			      unsigned int align_mask)
{
	unsigned long encoded_page = nc->encoded_page;
	unsigned int size, offset;
	struct page *page;

	if (unlikely(!encoded_page)) {
refill:
		page = __page_frag_cache_refill(nc, gfp_mask);
		if (!page)
			return NULL;
		encoded_page = nc->encoded_page;
		/* add, not set: get_page_unless_zero() users may hold the page */
		page_ref_add(page, PAGE_FRAG_CACHE_MAX_SIZE);
		nc->pagecnt_bias = PAGE_FRAG_CACHE_MAX_SIZE + 1;
		nc->offset = 0;
		/* fix switch: too big even for the fresh page, which is kept */
		if (unlikely(fragsz > PAGE_SIZE << encoded_page_decode_order(encoded_page)) &&
		    fix_on(BugId::v613_large_request_no_refill))
			return NULL;
	}

	size = PAGE_SIZE << encoded_page_decode_order(encoded_page);
	/* B2 mutant: round down while carving up */
	if (bug_enabled(BugId::mut_align_wrong_way))
		offset = nc->offset & align_mask;
	else
		offset = __ALIGN_KERNEL_MASK(nc->offset, ~align_mask);
	/* B4 mutant: the room check forgets fragsz */
	if (unlikely(bug_enabled(BugId::mut_room_check_straddle) ? offset >= size : offset + fragsz > size)) {
		/* The early NULL of 8218f62c9c9b: a large request that does not fit the rest
		 * of the page fails before trying to recycle or refill (B7). */
		if (unlikely(fragsz > PAGE_SIZE) && !fix_on(BugId::v613_large_request_no_refill))
			return NULL;

		page = encoded_page_decode_page(encoded_page);
		if (!page_ref_sub_and_test(page, nc->pagecnt_bias))
			goto refill;

		if (unlikely(encoded_page_decode_pfmemalloc(encoded_page)) &&
		    !bug_enabled(BugId::mut_pfmemalloc_recycled)) {
			free_unref_page(page, encoded_page_decode_order(encoded_page));
			goto refill;
		}

		/* OK, page count is 0, we can safely set it */
		set_page_count(page, PAGE_FRAG_CACHE_MAX_SIZE + 1);
		if (!bug_enabled(BugId::mut_bias_not_reset))
			nc->pagecnt_bias = PAGE_FRAG_CACHE_MAX_SIZE + 1;
		if (fix_on(BugId::gfp_zero_reuse))
			memset(encoded_page_decode_virt(encoded_page), 0, size);  /* fix switch: clean as a fresh page */
		offset = 0;
		/* fix switch: too big even for the page now held, which is kept */
		if (unlikely(offset + fragsz > size) && fix_on(BugId::v613_large_request_no_refill)) {
			nc->offset = 0;
			return NULL;
		}
	}

	/* The window between reading the cursor and storing it: a second user of the cache
	 * (no lock, preemption or BH left on) carves the same bytes. */
	sc_sched_point("page_frag: carve");
	nc->pagecnt_bias--;
	nc->offset = offset + fragsz;
	return (char *)encoded_page_decode_virt(encoded_page) + offset;
}

void page_frag_free(void *addr)
{
	struct page *page = virt_to_head_page(addr);

	if (unlikely(put_page_testzero(page)))
		free_unref_page(page, compound_order(page));
}

}  // namespace sc::impl::v613
