// SPDX-License-Identifier: GPL-2.0-only
/*
 * splicecheck glue for trees with mm/page_frag_cache.c (v6.13 and later): the kernel's
 * own include/linux/page_frag_cache.h is used unchanged, so the inline wrappers callers
 * use (page_frag_alloc_align() passing -align) are the ones exercised.
 */
#include <linux/mm.h>
#include <linux/page_frag_cache.h>

#include "sc_glue.h"

size_t sc_glue_cache_size(void) { return sizeof(struct page_frag_cache); }

void sc_glue_cache_init(void *nc) { page_frag_cache_init(nc); }

void *sc_glue_alloc(void *nc, unsigned int fragsz, gfp_t gfp, unsigned int align)
{
	return page_frag_alloc_align(nc, fragsz, gfp, align);
}

void sc_glue_free(void *addr) { page_frag_free(addr); }

void sc_glue_drain(void *nc) { page_frag_cache_drain(nc); }

/*
 * The decoders of encoded_page are static in the .c file; the layout is documented in
 * the header (address | order | pfmemalloc bit), and the address is page aligned.
 */
struct page *sc_glue_cached(void *cache, unsigned int *bias)
{
	struct page_frag_cache *nc = cache;

	*bias = nc->pagecnt_bias;
	return nc->encoded_page ? virt_to_page((void *)(nc->encoded_page & PAGE_MASK)) : NULL;
}
