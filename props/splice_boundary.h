// SPDX-License-Identifier: GPL-2.0-only
// The splice rows of the boundary × path table (props/boundary.h), per source kind (the
// iterator's: bvec, kvec, ubuf, iovec): the skb's frag limit reached by a splice, a
// segment ending at its page's last byte, the pages one splice offers against the
// extraction batch of 8 (pages[8] in skb_splice_from_iter) and the frag room against it;
// on the series, where a failed slab copy stands in its call (first, second, later copy).
#pragma once

#include <api/splice.h>
#include <model/splice_model.h>

namespace sc::splice {

// What the current iterator holds, as the table needs it.
struct IterPages {
  IterKind kind = IterKind::bvec;
  uint32_t pages = 0;  // pages its segments span
};

// `copies`: the profile copies slab data (the series), so a failed copy has a position.
void declare_boundaries(bool copies);
// The skb's frag limit and frags before `op`, its frags after. Updates `iter`.
void mark_boundaries(size_t limit, size_t frags_before, size_t frags_after, const Op &op, IterPages *iter);
// A segment length that ends one byte before, at, or one byte past the end of the page
// its offset lies in (`delta` 0..2), within `room`.
// A failed slab copy ended the last splice: the copies of that call before it, against 1
// (the first copy fails, the second, a later one).
void mark_copy_failure(const SpliceFacts &facts, IterKind kind);
uint32_t length_to_page_end(uint32_t offset, uint32_t delta, uint32_t room);

}  // namespace sc::splice
