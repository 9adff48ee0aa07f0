/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck shim (custom): every page is mapped (no highmem), so a local mapping is
 * the page's address and unmapping does nothing.
 */
#ifndef _SC_LINUX_HIGHMEM_H
#define _SC_LINUX_HIGHMEM_H
#include <linux/mm.h>
static inline void *kmap_local_page(struct page *page) { return page_address(page); }
#define kunmap_local(addr) ((void)(addr))
#endif
