/* SPDX-License-Identifier: GPL-2.0-only */
/* splicecheck shim (custom): 4 KiB pages. No casts: the kernel uses these in #if. */
#ifndef _SC_ASM_PAGE_H
#define _SC_ASM_PAGE_H

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))

/* Folds to a constant for constant sizes (BUILD_BUG_ON uses it). */
#define get_order(size) \
	((size) <= PAGE_SIZE ? 0 : (int)(64 - __builtin_clzl(((size) - 1) >> PAGE_SHIFT)))

#endif
