// SPDX-License-Identifier: GPL-2.0-only
// Mirrors of lib/iov_iter.c where a kernel version differs from the shim's (v6.5..v6.12).
#pragma once

#include <linux/uio.h>

namespace sc::impl::lib {

// iov_iter_extract_bvec_pages() as 7.2.13 ships it; installed with sc_iov_extract_bvec_with().
ssize_t iov_iter_extract_bvec_pages_v7_2(struct iov_iter *i, struct page ***pages, size_t maxsize,
					  unsigned int maxpages, size_t *offset0);

}  // namespace sc::impl::lib
