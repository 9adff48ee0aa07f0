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

/* A position in a bio_vec array, and single-page pieces of it (include/linux/bvec.h). */
struct bvec_iter {
	unsigned int bi_size;	   /* bytes left */
	unsigned int bi_idx;	   /* current segment */
	unsigned int bi_bvec_done; /* bytes done in the current segment */
};

/* The piece of the current segment up to the end of its page. */
static inline struct bio_vec bvec_iter_bvec(const struct bio_vec *bvecs, struct bvec_iter iter)
{
	const struct bio_vec *bv = &bvecs[iter.bi_idx];
	unsigned int skip = bv->bv_offset + iter.bi_bvec_done;
	unsigned int len = bv->bv_len - iter.bi_bvec_done;
	struct bio_vec piece;

	if (len > iter.bi_size)
		len = iter.bi_size;
	if (len > PAGE_SIZE - skip % PAGE_SIZE)
		len = (unsigned int)(PAGE_SIZE - skip % PAGE_SIZE);
	bvec_set_page(&piece, bv->bv_page + skip / PAGE_SIZE, len, (unsigned int)(skip % PAGE_SIZE));
	return piece;
}

static inline void bvec_iter_advance_single(const struct bio_vec *bv, struct bvec_iter *iter, unsigned int bytes)
{
	unsigned int done = iter->bi_bvec_done + bytes;

	if (done == bv[iter->bi_idx].bv_len) {
		done = 0;
		iter->bi_idx++;
	}
	iter->bi_bvec_done = done;
	iter->bi_size -= bytes;
}

static inline void bvec_set_virt(struct bio_vec *bv, void *vaddr, unsigned int len)
{
	bvec_set_page(bv, virt_to_page(vaddr), len, offset_in_page(vaddr));
}

#endif
