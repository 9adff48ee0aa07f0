/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck shim (custom): stands in for mm/internal.h, which kernel files include as
 * "internal.h". Same guard name as the kernel's, so a real one seen later is empty; it
 * declares only the page allocator's internal free entry points.
 */
#ifndef __MM_INTERNAL_H
#define __MM_INTERNAL_H

#include <linux/mm.h>

/* 7.2 name: hand an unreferenced page back. */
static inline void free_frozen_pages(struct page *page, unsigned int order) { free_the_page(page, order); }

#endif
