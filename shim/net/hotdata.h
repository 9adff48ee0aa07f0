/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck shim (custom): the read-mostly networking globals since v6.9; only the frag
 * limit. Kernel code built from source reads it here; whoever defines the object keeps it
 * equal to sysctl_max_skb_frags (the mirrors' name), see kernel-src/glue/glue_splice.c.
 */
#ifndef _SC_NET_HOTDATA_H
#define _SC_NET_HOTDATA_H
struct net_hotdata {
	int sysctl_max_skb_frags;
};
extern struct net_hotdata net_hotdata;
#endif
