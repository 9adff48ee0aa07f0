// SPDX-License-Identifier: GPL-2.0-only
// The page fragment allocator as merged for v6.13 (Yunsheng Lin's refactor) and still
// shipped by mainline through 7.2: mm/page_frag_cache.c, count-up, encoded_page.
#pragma once

#include <linux/align.h>
#include <linux/bits.h>
#include <linux/bug.h>
#include <linux/log2.h>
#include <linux/gfp.h>
#include <linux/mm.h>

namespace sc::impl::v613 {

#define PAGE_FRAG_CACHE_MAX_SIZE 32768UL
#define PAGE_FRAG_CACHE_MAX_ORDER 3
#define PAGE_FRAG_CACHE_ORDER_MASK GENMASK(7, 0)
#define PAGE_FRAG_CACHE_PFMEMALLOC_BIT (PAGE_FRAG_CACHE_ORDER_MASK + 1)

struct page_frag_cache {
	/* page address | order | pfmemalloc bit; 0 means empty */
	unsigned long encoded_page;
	/* 16-bit only when PAGE_SIZE < MAX_SIZE and BITS_PER_LONG <= 32 */
	__u32 offset;
	__u32 pagecnt_bias;
};

static inline void page_frag_cache_init(struct page_frag_cache *nc) { nc->encoded_page = 0; }

void *__page_frag_alloc_align(struct page_frag_cache *nc, unsigned int fragsz, gfp_t gfp_mask,
			      unsigned int align_mask);
void page_frag_cache_drain(struct page_frag_cache *nc);
void __page_frag_cache_drain(struct page *page, unsigned int count);
void page_frag_free(void *addr);
struct page *page_frag_cache_page(const struct page_frag_cache *nc);  /* NULL when empty */

static inline void *page_frag_alloc_align(struct page_frag_cache *nc, unsigned int fragsz, gfp_t gfp_mask,
					  unsigned int align)
{
	WARN_ON_ONCE(!is_power_of_2(align));
	return __page_frag_alloc_align(nc, fragsz, gfp_mask, -align);
}

}  // namespace sc::impl::v613
