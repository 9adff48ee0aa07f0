/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck shim (custom): kmalloc() memory lives on slab pages of the tracking page
 * supply (PageSlab() true on every page of the block), so "is this slab memory?" has the
 * kernel's answer: sendpage_ok() rejects it, and a frag that points at it is visible.
 * One object per slab block; sc_kmalloc_at() places it at an offset, as an object
 * deep inside a real slab sits.
 */
#ifndef _SC_LINUX_SLAB_H
#define _SC_LINUX_SLAB_H

#include <linux/mm.h>

#ifdef __cplusplus
extern "C" {
#endif
void *kmalloc(size_t size, gfp_t flags);
/* An object of `size` bytes at byte `offset` of a fresh slab block; NULL when the supply
 * fails or offset + size exceeds an order-3 block. */
void *sc_kmalloc_at(size_t offset, size_t size, gfp_t flags);
void kfree(const void *object);
#ifdef __cplusplus
}
#endif

#endif
