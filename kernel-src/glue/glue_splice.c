// SPDX-License-Identifier: GPL-2.0-only
/*
 * splicecheck glue for the splice functions extracted from net/core/skbuff.c. The
 * generated splice_extracted.h holds their prototypes and says which signature the tree
 * has: SC_SPLICE_TAKES_GFP when skb_splice_from_iter() takes a gfp argument (until 7.x).
 */
#include <net/hotdata.h>

#include "sc_splice_glue.h"
#include "splice_extracted.h"

/* Since v6.9 the frag limit is read from net_hotdata; the harness sets the mirrors'
 * sysctl_max_skb_frags, and each call sees the same value here. */
struct net_hotdata net_hotdata;

ssize_t sc_glue_splice(struct sk_buff *skb, struct iov_iter *iter, ssize_t maxsize, gfp_t gfp)
{
	net_hotdata.sysctl_max_skb_frags = sysctl_max_skb_frags;
#if defined(SC_SPLICE_TAKES_GFP)
	return skb_splice_from_iter(skb, iter, maxsize, gfp);
#else
	(void)gfp;
	return skb_splice_from_iter(skb, iter, maxsize);
#endif
}
