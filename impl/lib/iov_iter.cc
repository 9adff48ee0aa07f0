// SPDX-License-Identifier: GPL-2.0-only
// Mirrors lib/iov_iter.c's iov_iter_extract_bvec_pages() of 7.2.13. 6.12 hands out the
// pages of the current segment only and counts them from the in-page offset; 7.2 walks
// single-page pieces, crosses into the next segment while a piece ends at a page end and
// the next starts at offset 0, and counts its pages from the offset into the segment
// (want_pages_array(pages, maxsize, skip, ...)): a segment that starts inside a page gets
// one page too few, so the batch ends at a page boundary where 6.12's runs on.
#include <impl/lib/iov_iter.h>

#include <linux/bug.h>
#include <linux/bvec.h>

namespace sc::impl::lib {

/* lib/iov_iter.c: the pages maxsize bytes from offset start would span, at most maxpages
 * (the array is the caller's here: skb_splice_from_iter's pages[8]). */
static unsigned int want_pages_array(size_t size, size_t start, unsigned int maxpages)
{
	size_t count = (size + start + PAGE_SIZE - 1) / PAGE_SIZE;

	if (count > maxpages)
		count = maxpages;
	WARN_ON(!count);
	return (unsigned int)count;
}

ssize_t iov_iter_extract_bvec_pages_v7_2(struct iov_iter *i, struct page ***pages, size_t maxsize,
					  unsigned int maxpages, size_t *offset0)
{
	size_t skip = i->iov_offset, size = 0;
	struct bvec_iter bi;
	unsigned int k = 0;

	if (i->nr_segs == 0)
		return 0;

	if (i->iov_offset == i->bvec->bv_len) {
		i->iov_offset = 0;
		i->nr_segs--;
		i->bvec++;
		skip = 0;
	}
	bi.bi_idx = 0;
	bi.bi_size = (unsigned int)maxsize;
	bi.bi_bvec_done = (unsigned int)skip;

	maxpages = want_pages_array(maxsize, skip, maxpages);

	while (bi.bi_size && bi.bi_idx < i->nr_segs) {
		struct bio_vec bv = bvec_iter_bvec(i->bvec, bi);

		/* Only the first page may start inside it: the next call takes the rest. */
		if (k) {
			if (bv.bv_offset)
				break;
		} else {
			*offset0 = bv.bv_offset;
		}

		(*pages)[k++] = bv.bv_page;
		size += bv.bv_len;

		if (k >= maxpages)
			break;

		/* A piece that does not end its page would leave a hole. */
		if (bv.bv_offset + bv.bv_len != PAGE_SIZE)
			break;

		bvec_iter_advance_single(i->bvec, &bi, bv.bv_len);
	}

	iov_iter_advance(i, size);
	return (ssize_t)size;
}

}  // namespace sc::impl::lib
