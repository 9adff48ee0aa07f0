/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck glue (custom hook): the one entry-point set splicecheck resolves in a
 * kernel-source profile. Each tree layout has its own glue that adapts the kernel's
 * API to it (alignment mask or power of two, how a cache is torn down, where the
 * cached page is kept), so the properties drive every layout the same way.
 */
#ifndef SC_GLUE_H
#define SC_GLUE_H

#include <linux/types.h>

#define SC_GLUE_EXPORT __attribute__((visibility("default")))

struct page;

/* Bytes of one struct page_frag_cache: splicecheck keeps the storage, opaque. */
SC_GLUE_EXPORT size_t sc_glue_cache_size(void);
SC_GLUE_EXPORT void sc_glue_cache_init(void *nc);
/* align: a power of two, 1 for none. */
SC_GLUE_EXPORT void *sc_glue_alloc(void *nc, unsigned int fragsz, gfp_t gfp, unsigned int align);
SC_GLUE_EXPORT void sc_glue_free(void *addr);
/* Gives the cache's references back and empties it, as the layout's users do. */
SC_GLUE_EXPORT void sc_glue_drain(void *nc);
/* The page the cache holds (NULL when empty) and its pagecnt_bias. */
SC_GLUE_EXPORT struct page *sc_glue_cached(void *nc, unsigned int *bias);

#endif
