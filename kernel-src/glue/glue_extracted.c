// SPDX-License-Identifier: GPL-2.0-only
/*
 * splicecheck glue for trees whose page_frag functions splicecheck extracts: those in
 * mm/page_alloc.c (before v6.13) and in the series' mm/page_frag_alloc.c. The functions
 * are copied unchanged into page_frag_extracted.c; page_frag_extracted.h holds the struct
 * and constants (copied, with a reference to where they came from), the prototypes, and
 * what this tree's API looks like, since it moved over the years:
 *   SC_HAVE_<function>             the tree defines it;
 *   SC_ALLOC_TAKES_MASK_<function> its last argument is an alignment mask (-align);
 *   SC_CACHE_HAS_<field>           struct page_frag_cache has that field.
 */
#include <linux/mm.h>
#include <linux/string.h>

#include "page_frag_extracted.h"
#include "sc_glue.h"

#if !defined(SC_CACHE_HAS_va)
#error "struct page_frag_cache has no 'va' field (a folio or encoded page): that state of the series is not driven yet"
#endif

size_t sc_glue_cache_size(void) { return sizeof(struct page_frag_cache); }

void sc_glue_cache_init(void *nc) { memset(nc, 0, sizeof(struct page_frag_cache)); }

void *sc_glue_alloc(void *nc, unsigned int fragsz, gfp_t gfp, unsigned int align)
{
#if defined(SC_HAVE___page_frag_alloc_align)
	return __page_frag_alloc_align(nc, fragsz, gfp, -align);
#elif defined(SC_ALLOC_TAKES_MASK_page_frag_alloc_align)
	return page_frag_alloc_align(nc, fragsz, gfp, -align);
#elif defined(SC_HAVE_page_frag_alloc_align)
	return page_frag_alloc_align(nc, fragsz, gfp, align);
#else
#error "the extracted source has neither page_frag_alloc_align nor __page_frag_alloc_align"
#endif
}

void sc_glue_free(void *addr) { page_frag_free(addr); }

void sc_glue_drain(void *cache)
{
#if defined(SC_HAVE_page_frag_cache_drain)
	page_frag_cache_drain(cache);
#elif defined(SC_HAVE_page_frag_cache_clear)
	page_frag_cache_clear(cache);
#else
	/* Before the drain helpers every user open-coded this (gve, mtk_wed, nvme). */
	struct page_frag_cache *nc = cache;

	if (nc->va) {
		__page_frag_cache_drain(virt_to_head_page(nc->va), nc->pagecnt_bias);
		nc->va = NULL;
	}
#endif
}

struct page *sc_glue_cached(void *cache, unsigned int *bias)
{
	struct page_frag_cache *nc = cache;

	*bias = nc->pagecnt_bias;
	return nc->va ? virt_to_head_page(nc->va) : NULL;
}
