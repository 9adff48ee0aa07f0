/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck shim (custom): the page allocator's interface, served by the tracking page
 * supply (shim/src/page_supply.cc). Compound metadata is honoured as the kernel does: only
 * __GFP_COMP blocks (and folios) map tail pages to their head.
 */
#ifndef _SC_LINUX_MM_H
#define _SC_LINUX_MM_H

#include <asm/page.h>
#include <linux/bug.h> /* kernel code meets WARN_ON_ONCE through mm.h */
#include <linux/compiler.h>
#include <linux/gfp_types.h>
#include <linux/mm_types.h>
#include <linux/page_ref.h>
#include <linux/string.h> /* the kernel's mm.h brings memset and friends too */

/* Where the installed supply's pages and their struct pages are, so the address
 * conversions below are inline array arithmetic, as in the kernel's linear map. */
struct sc_page_map {
	unsigned char *mem;
	struct page *pages;
	size_t nr_pages;
};

#ifdef __cplusplus
extern "C" {
#endif
extern struct sc_page_map sc_page_map;
struct page *alloc_pages(gfp_t gfp, unsigned int order);
struct folio *folio_alloc(gfp_t gfp, unsigned int order);
void free_the_page(struct page *page, unsigned int order); /* refcount must be 0 */
void __free_pages(struct page *page, unsigned int order);
void put_page(struct page *page);
/* Outside the supply: reported (or fatal), never silently wrong. */
void *sc_page_address_slow(const struct page *page);
struct page *sc_virt_to_page_slow(const void *addr);
#ifdef __cplusplus
}
#endif

/* The kernel's pfn_valid() question for a struct page pointer: is it in the memmap? A
 * page pointer advanced past a bvec's pages can leave the supply's array, where the
 * kernel would find another page and the harness finds nothing to read. */
static inline bool sc_page_in_memmap(const struct page *page)
{
	return (const char *)page >= (const char *)sc_page_map.pages &&
	       (size_t)((const char *)page - (const char *)sc_page_map.pages) / sizeof(struct page) < sc_page_map.nr_pages;
}

static inline void *page_address(const struct page *page)
{
	size_t idx = (size_t)((const char *)page - (const char *)sc_page_map.pages) / sizeof(struct page);

	if ((const char *)page >= (const char *)sc_page_map.pages && idx < sc_page_map.nr_pages)
		return sc_page_map.mem + idx * PAGE_SIZE;
	return sc_page_address_slow(page);
}

static inline struct page *virt_to_page(const void *addr)
{
	size_t idx = (size_t)((const unsigned char *)addr - sc_page_map.mem) >> PAGE_SHIFT;

	if ((const unsigned char *)addr >= sc_page_map.mem && idx < sc_page_map.nr_pages)
		return &sc_page_map.pages[idx];
	return sc_virt_to_page_slow(addr);
}

typedef struct {
	unsigned long bits[1];
} nodemask_t;

/* One node: every node id is node 0. */
static inline int numa_mem_id(void) { return 0; }

static inline struct page *alloc_pages_node(int nid, gfp_t gfp, unsigned int order)
{
	(void)nid;
	return alloc_pages(gfp, order);
}

/* Later kernels' core entry point (7.2 page_frag_cache.c refills through it). */
static inline struct page *__alloc_pages(gfp_t gfp, unsigned int order, int preferred_nid, nodemask_t *nodemask)
{
	(void)preferred_nid;
	(void)nodemask;
	return alloc_pages(gfp, order);
}

/* Later kernels' names for handing an unreferenced page back. */
static inline void free_unref_page(struct page *page, unsigned int order) { free_the_page(page, order); }

static inline struct page *compound_head(const struct page *page) { return page->compound_head; }
static inline struct page *virt_to_head_page(const void *addr) { return compound_head(virt_to_page(addr)); }
static inline unsigned int compound_order(const struct page *page)
{
	return (page->flags & PG_head) ? page->order : 0;
}
static inline bool page_is_pfmemalloc(const struct page *page) { return page->flags & PG_pfmemalloc; }
static inline bool put_page_testzero(struct page *page) { return page_ref_dec_and_test(page); }
static inline void get_page(struct page *page) { page_ref_inc(compound_head(page)); }
static inline bool get_page_unless_zero(struct page *page) { return page_ref_add_unless(page, 1, 0); }

/* A folio is its head page: convert by cast, without a member access, so a NULL folio
 * reaches the supply (which reports it) instead of being undefined behaviour here. */
static inline struct page *folio_page0(const struct folio *folio) { return (struct page *)folio; }
static inline struct folio *page_folio(const struct page *page) { return (struct folio *)compound_head(page); }
static inline struct folio *virt_to_folio(const void *addr) { return page_folio(virt_to_page(addr)); }
static inline void *folio_address(const struct folio *folio) { return page_address(folio_page0(folio)); }
static inline unsigned int folio_order(const struct folio *folio) { return compound_order(folio_page0(folio)); }
static inline size_t folio_size(const struct folio *folio) { return PAGE_SIZE << folio_order(folio); }
static inline bool folio_is_pfmemalloc(const struct folio *folio) { return page_is_pfmemalloc(folio_page0(folio)); }

#define offset_in_page(p) ((unsigned long)(p) & ~PAGE_MASK)
static inline int page_count(const struct page *page) { return page_ref_count(compound_head(page)); }
static inline bool PageSlab(const struct page *page) { return compound_head(page)->flags & PG_slab; }

/* The folio is known unreferenced: give it back. */
static inline void __folio_put(struct folio *folio) { free_the_page(folio_page0(folio), folio_order(folio)); }
static inline void folio_put(struct folio *folio)
{
	if (folio_ref_sub_and_test(folio, 1))
		__folio_put(folio);
}
static inline void folio_put_refs(struct folio *folio, int refs)
{
	if (folio_ref_sub_and_test(folio, refs))
		__folio_put(folio);
}

#endif
