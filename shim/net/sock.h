/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck shim (custom): the parts of struct sock the TLS send paths use: the
 * socket's page fragment (copies and encrypted buffers come from it), a pending error,
 * and the protocol context pointer. Socket memory is short only when the harness says
 * (sc_sk_memory_short()).
 */
#ifndef _SC_NET_SOCK_H
#define _SC_NET_SOCK_H

#include <linux/mm.h>
#include <linux/types.h>

#define SKB_FRAG_PAGE_ORDER 3 /* 32 KiB fragment pages, as get_order(32768) */

struct page_frag {
	struct page *page;
	u32 offset;
	u32 size;
};

struct sock {
	struct page_frag sk_frag;
	int sk_err;
	void *sk_user_data; /* the TLS context */
};

#ifdef __cplusplus
extern "C" {
#endif
/* Makes pfrag hold at least sz free bytes: reuse the page from offset 0 when nobody else
 * holds it, keep it when it has room, else a fresh order-3 page. */
bool skb_page_frag_refill(unsigned int sz, struct page_frag *pfrag, gfp_t gfp);
bool sk_page_frag_refill(struct sock *sk, struct page_frag *pfrag);
/* Drops the socket's fragment page (at close). */
void sk_page_frag_release(struct sock *sk);
/* Send-buffer room (net/core/stream.c): there always is, unless the harness armed a
 * shortage: then the nth sk_stream_memory_free() from the arming finds none, and the
 * sk_stream_wait_memory() that follows fails with err (-EAGAIN: no send timeout left;
 * -EINTR: a signal interrupted it). nth 0 disarms. This thread, until it fires. */
bool sk_stream_memory_free(const struct sock *sk);
int sk_stream_wait_memory(struct sock *sk, long *timeo_p);
void sc_sk_memory_short(unsigned int nth, int err);
#ifdef __cplusplus
}
#endif

static inline struct page_frag *sk_page_frag(struct sock *sk) { return &sk->sk_frag; }

#endif
