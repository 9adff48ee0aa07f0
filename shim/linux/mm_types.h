/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck shim (custom): struct page and struct folio, reduced to what the page
 * fragment allocator and skb code touch, plus the identity the tracking supply needs.
 */
#ifndef _SC_LINUX_MM_TYPES_H
#define _SC_LINUX_MM_TYPES_H

#include <linux/types.h>

enum sc_page_flags {
	PG_head = 1u << 0,
	PG_pfmemalloc = 1u << 1,
	SC_PG_in_use = 1u << 2,      /* handed out by the supply, not yet freed */
	SC_PG_quarantined = 1u << 3, /* freed and poisoned, not yet reusable */
	PG_slab = 1u << 4,           /* a kmalloc() slab (linux/slab.h): never spliced by reference */
};

struct page {
	int _refcount;             /* only through page_ref_*(): atomic */
	unsigned int flags;        /* enum sc_page_flags */
	unsigned int order;        /* head of a compound block: its order */
	struct page *compound_head; /* tail -> head; head and order-0 -> itself */
	unsigned long serial;      /* which allocation this is: stable while in use */
};

/* A folio is its head page, as in the kernel where struct folio overlays it. */
struct folio {
	struct page page;
};

#endif
