// SPDX-License-Identifier: GPL-2.0-only
// skb_splice_from_iter() and skb_append_pagefrags() (net/core/skbuff.c) as merged in
// v6.5, as David Howells' third tranche posted them (2023-05-24: slab data copied into
// page fragments) and as 6.12/7.2 ship them (checksum offset fixed). One code path;
// `splice_level` says which.
#pragma once

#include <linux/skbuff.h>
#include <linux/uio.h>

namespace sc::impl::net {

enum splice_level { SPLICE_V6_5, SPLICE_SERIES, SPLICE_NEWEST };
extern enum splice_level splice_level;

int skb_append_pagefrags(struct sk_buff *skb, struct page *page, int offset, size_t size, size_t max_frags);
ssize_t skb_splice_from_iter(struct sk_buff *skb, struct iov_iter *iter, ssize_t maxsize, gfp_t gfp);

}  // namespace sc::impl::net
