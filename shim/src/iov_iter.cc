// SPDX-License-Identifier: GPL-2.0-only
// The iov_iter behind shim/linux/uio.h: segments as the kernel keeps them, advance and
// revert across segments, and page extraction from the current segment (v6.5..v6.12).
#include <linux/bug.h>
#include <linux/uio.h>
#include <sc/op_budget.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace {

thread_local sc_extract_fault t_fault = SC_EXTRACT_OK;
thread_local sc_extract_bvec_fn t_extract_bvec = nullptr;

// The current segment's start address (KVEC, UBUF, IOVEC) or page + offset (BVEC), and
// its length; kinds differ only in where a segment's bytes are.
struct Segment {
  const struct bio_vec *bvec = nullptr;
  unsigned char *base = nullptr;
  size_t len = 0;
};

Segment segment(const struct iov_iter *i, size_t idx) {
  switch (i->iter_type) {
  case ITER_BVEC:
    return {&i->bvec[idx], nullptr, i->bvec[idx].bv_len};
  case ITER_KVEC:
    return {nullptr, static_cast<unsigned char *>(i->kvec[idx].iov_base), i->kvec[idx].iov_len};
  case ITER_IOVEC:
    return {nullptr, static_cast<unsigned char *>(i->__iov[idx].iov_base), i->__iov[idx].iov_len};
  default:  // ITER_UBUF: one segment, the buffer
    return {nullptr, static_cast<unsigned char *>(i->ubuf), i->count + i->iov_offset};
  }
}

// Moves the segment pointer by n (negative: back), as the kernel's pointer arithmetic.
void step_segment(struct iov_iter *i, long n) {
  switch (i->iter_type) {
  case ITER_BVEC:
    i->bvec += n;
    break;
  case ITER_KVEC:
    i->kvec += n;
    break;
  case ITER_IOVEC:
    i->__iov += n;
    break;
  default:
    return;
  }
  i->nr_segs -= n;
}

void setup(struct iov_iter *i, u8 type, unsigned int direction, unsigned long nr_segs, size_t count) {
  i->iter_type = type;
  i->data_source = direction == ITER_SOURCE;
  i->iov_offset = 0;
  i->count = count;
  i->nr_segs = nr_segs;
  i->sc_nr_segs_all = nr_segs;
}

}  // namespace

extern "C" {

void iov_iter_bvec(struct iov_iter *i, unsigned int direction, const struct bio_vec *bvec, unsigned long nr_segs,
                   size_t count) {
  setup(i, ITER_BVEC, direction, nr_segs, count);
  i->bvec = bvec;
}

void iov_iter_kvec(struct iov_iter *i, unsigned int direction, const struct kvec *kvec, unsigned long nr_segs,
                   size_t count) {
  setup(i, ITER_KVEC, direction, nr_segs, count);
  i->kvec = kvec;
}

void iov_iter_init(struct iov_iter *i, unsigned int direction, const struct iovec *iov, unsigned long nr_segs,
                   size_t count) {
  setup(i, ITER_IOVEC, direction, nr_segs, count);
  i->__iov = iov;
}

void iov_iter_ubuf(struct iov_iter *i, unsigned int direction, void *buf, size_t count) {
  setup(i, ITER_UBUF, direction, 1, count);
  i->ubuf = buf;
}

void iov_iter_advance(struct iov_iter *i, size_t bytes) {
  sc_op_work("iov_iter_advance");
  bytes = std::min(bytes, i->count);
  i->count -= bytes;
  if (i->iter_type == ITER_UBUF) {
    i->iov_offset += bytes;
    return;
  }
  size_t skip = i->iov_offset + bytes;
  while (i->nr_segs && skip >= segment(i, 0).len && (skip > segment(i, 0).len || i->count)) {
    skip -= segment(i, 0).len;
    step_segment(i, 1);
  }
  i->iov_offset = skip;
}

void iov_iter_revert(struct iov_iter *i, size_t bytes) {
  sc_op_work("iov_iter_revert");
  i->count += bytes;
  if (i->iter_type == ITER_UBUF) {
    i->iov_offset -= bytes;
    return;
  }
  while (bytes > i->iov_offset) {
    if (i->nr_segs >= i->sc_nr_segs_all) {
      // More reverted than was ever consumed (a caller's bug): the kernel would walk off
      // the front of the array; here it is reported and the iterator stays at its start.
      sc_overrun("iov_iter_revert before the first segment", 0, static_cast<unsigned>(i->sc_nr_segs_all));
      i->count -= bytes - i->iov_offset;
      i->iov_offset = 0;
      return;
    }
    bytes -= i->iov_offset;
    step_segment(i, -1);
    i->iov_offset = segment(i, 0).len;
  }
  i->iov_offset -= bytes;
}

ssize_t iov_iter_extract_pages(struct iov_iter *i, struct page ***pages, size_t maxsize, unsigned int maxpages,
                               iov_iter_extraction_t extraction_flags, size_t *offset0) {
  sc_op_work("iov_iter_extract_pages");
  (void)extraction_flags;
  maxsize = std::min(maxsize, i->count);
  if (!maxsize || !maxpages)
    return 0;
  // Only user memory can come back short or fail (pinning stops at a bad address);
  // kernel memory (BVEC, KVEC) is always there.
  sc_extract_fault fault = i->iter_type == ITER_UBUF || i->iter_type == ITER_IOVEC ? t_fault : SC_EXTRACT_OK;
  if (fault == SC_EXTRACT_ZERO)
    return 0;
  if (fault == SC_EXTRACT_EFAULT)
    return -EFAULT;
  if (i->iter_type == ITER_BVEC && t_extract_bvec)
    return t_extract_bvec(i, pages, maxsize, maxpages, offset0);
  // Skip exhausted segments (a zero-length one, or the end of the last one).
  while (i->iter_type != ITER_UBUF && i->iov_offset >= segment(i, 0).len) {
    i->iov_offset -= segment(i, 0).len;
    step_segment(i, 1);
  }
  Segment seg = segment(i, 0);
  size_t in_seg = seg.len - i->iov_offset;
  struct page *first;
  size_t offset;
  if (seg.bvec) {
    size_t skip = seg.bvec->bv_offset + i->iov_offset;
    first = seg.bvec->bv_page + skip / PAGE_SIZE;
    offset = skip % PAGE_SIZE;
  } else {
    unsigned char *addr = seg.base + i->iov_offset;
    first = nullptr;
    offset = offset_in_page(addr);
  }
  size_t size = std::min({maxsize, in_seg, maxpages * PAGE_SIZE - offset});
  if (fault == SC_EXTRACT_SHORT)
    size = std::max<size_t>(1, size / 2);
  size_t nr = (offset + size + PAGE_SIZE - 1) / PAGE_SIZE;
  if (seg.bvec) {
    // A bvec whose offset or length reaches past the memmap (a swapped bv_offset/bv_len,
    // say) names pages the harness does not have: hand out the ones it has, fail if none.
    size_t valid = 0;
    while (valid < nr && sc_page_in_memmap(first + valid))
      valid++;
    if (valid == 0)
      return -EFAULT;
    if (valid < nr) {
      nr = valid;
      size = nr * PAGE_SIZE - offset;
    }
  }
  for (size_t k = 0; k < nr; k++) {
    if (seg.bvec)
      (*pages)[k] = first + k;  // the pages of one segment are consecutive struct pages
    else
      (*pages)[k] = virt_to_page(seg.base + i->iov_offset - offset + k * PAGE_SIZE);
  }
  *offset0 = offset;
  iov_iter_advance(i, size);
  return static_cast<ssize_t>(size);
}

void sc_iov_extract_fault(enum sc_extract_fault mode) { t_fault = mode; }

void sc_iov_extract_bvec_with(sc_extract_bvec_fn fn) { t_extract_bvec = fn; }

size_t copy_from_iter(void *addr, size_t bytes, struct iov_iter *i) {
  sc_op_work("copy_from_iter");
  bytes = std::min(bytes, i->count);
  auto *to = static_cast<unsigned char *>(addr);
  size_t done = 0;
  while (done < bytes) {
    while (i->iter_type != ITER_UBUF && i->iov_offset >= segment(i, 0).len) {
      i->iov_offset -= segment(i, 0).len;
      step_segment(i, 1);
    }
    Segment seg = segment(i, 0);
    size_t n = std::min(bytes - done, seg.len - i->iov_offset);
    const unsigned char *from =
        seg.bvec ? static_cast<const unsigned char *>(page_address(seg.bvec->bv_page)) + seg.bvec->bv_offset
                 : seg.base;
    if (seg.bvec) {
      // As in extraction: copy only from pages the memmap has; a short copy is the error.
      size_t skip = seg.bvec->bv_offset + i->iov_offset;
      size_t last = (skip + n - 1) / PAGE_SIZE;
      for (size_t k = skip / PAGE_SIZE; k <= last; k++)
        if (!sc_page_in_memmap(seg.bvec->bv_page + k)) {
          n = k * PAGE_SIZE > skip ? k * PAGE_SIZE - skip : 0;
          break;
        }
      if (n == 0)
        break;
    }
    std::memcpy(to + done, from + i->iov_offset, n);
    iov_iter_advance(i, n);
    done += n;
  }
  return done;
}

}  // extern "C"
