/* SPDX-License-Identifier: GPL-2.0-only */
/* splicecheck shim (custom): a (page, length, offset) segment, as the kernel's bio_vec. */
#ifndef _SC_LINUX_BVEC_H
#define _SC_LINUX_BVEC_H

#include <linux/mm.h>

struct bio_vec {
	struct page *bv_page;
	unsigned int bv_len;
	unsigned int bv_offset; /* may exceed PAGE_SIZE: the segment spans pages of a block */
};

static inline void bvec_set_page(struct bio_vec *bv, struct page *page, unsigned int len, unsigned int offset)
{
	bv->bv_page = page;
	bv->bv_len = len;
	bv->bv_offset = offset;
}

static inline void bvec_set_virt(struct bio_vec *bv, void *vaddr, unsigned int len)
{
	bvec_set_page(bv, virt_to_page(vaddr), len, offset_in_page(vaddr));
}

#endif
