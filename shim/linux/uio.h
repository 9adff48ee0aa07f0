/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck shim (custom): iov_iter with the kinds MSG_SPLICE_PAGES callers build.
 * Position is kept the kernel's way (segment pointer, nr_segs left, iov_offset into the
 * current segment). iov_iter_extract_pages() behaves as v6.5..v6.12: pages of the current
 * segment only, no references taken (a mirror of another version's bvec extraction may
 * stand in: sc_iov_extract_bvec_with()); user memory (UBUF/IOVEC) lives in supply pages and
 * is not pinned. sc_iov_extract_fault() makes extraction from user memory return a short
 * count, 0 or -EFAULT, as pinning can; kernel memory (BVEC, KVEC) is always there.
 */
#ifndef _SC_LINUX_UIO_H
#define _SC_LINUX_UIO_H

#include <linux/bvec.h>
#include <linux/types.h>

#define ITER_SOURCE 1
#define ITER_DEST 0

enum iter_type { ITER_UBUF, ITER_IOVEC, ITER_BVEC, ITER_KVEC };

struct kvec {
	void *iov_base;
	size_t iov_len;
};

struct iovec {
	void *iov_base;
	size_t iov_len;
};

struct iov_iter {
	u8 iter_type;
	bool data_source;
	size_t iov_offset;
	size_t count;
	union {
		const struct iovec *__iov;
		const struct kvec *kvec;
		const struct bio_vec *bvec;
		void *ubuf;
	};
	unsigned long nr_segs;
	unsigned long sc_nr_segs_all; /* shim only: the segments at setup, so a revert past the first is caught */
};

typedef unsigned int iov_iter_extraction_t;

enum sc_extract_fault { SC_EXTRACT_OK, SC_EXTRACT_SHORT, SC_EXTRACT_ZERO, SC_EXTRACT_EFAULT };

#ifdef __cplusplus
extern "C" {
#endif
void iov_iter_bvec(struct iov_iter *i, unsigned int direction, const struct bio_vec *bvec, unsigned long nr_segs,
		   size_t count);
void iov_iter_kvec(struct iov_iter *i, unsigned int direction, const struct kvec *kvec, unsigned long nr_segs,
		   size_t count);
void iov_iter_init(struct iov_iter *i, unsigned int direction, const struct iovec *iov, unsigned long nr_segs,
		   size_t count);
void iov_iter_ubuf(struct iov_iter *i, unsigned int direction, void *buf, size_t count);
void iov_iter_advance(struct iov_iter *i, size_t bytes);
void iov_iter_revert(struct iov_iter *i, size_t bytes);
ssize_t iov_iter_extract_pages(struct iov_iter *i, struct page ***pages, size_t maxsize, unsigned int maxpages,
			       iov_iter_extraction_t extraction_flags, size_t *offset0);
/* This thread's extractions from user memory from now on: SHORT halves what would come
 * back (at least one byte), ZERO returns 0, EFAULT returns -EFAULT (neither advances). */
void sc_iov_extract_fault(enum sc_extract_fault mode);
/* lib/iov_iter.c's bvec extraction as another kernel version has it (impl/lib/), called
 * with maxsize already clamped to the count; NULL: this shim's own (v6.5..v6.12). */
typedef ssize_t (*sc_extract_bvec_fn)(struct iov_iter *i, struct page ***pages, size_t maxsize,
				      unsigned int maxpages, size_t *offset0);
void sc_iov_extract_bvec_with(sc_extract_bvec_fn fn);
/* Copies bytes out of the iterator and advances it (no faults: TLS copies kernel-held data). */
size_t copy_from_iter(void *addr, size_t bytes, struct iov_iter *i);
#ifdef __cplusplus
}
#endif

static inline size_t iov_iter_count(const struct iov_iter *i) { return i->count; }

#endif
