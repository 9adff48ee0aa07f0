/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck glue (custom hook): the one entry point splicecheck resolves in a splice
 * profile, whatever skb_splice_from_iter()'s signature in the tree.
 */
#ifndef SC_SPLICE_GLUE_H
#define SC_SPLICE_GLUE_H

#include <linux/skbuff.h>
#include <linux/uio.h>

__attribute__((visibility("default"))) ssize_t sc_glue_splice(struct sk_buff *skb, struct iov_iter *iter,
							      ssize_t maxsize, gfp_t gfp);

#endif
