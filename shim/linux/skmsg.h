/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck shim (custom): sk_msg and its scatterlist ring, as the TLS software path
 * uses them: MAX_MSG_FRAGS entries in use at most, NR_MSG_FRAG_IDS ring slots, start/end
 * ring indices, curr/copybreak for copies. Adding to a full ring is reported as an
 * overrun (sc_overrun) and refused, where the kernel would silently wrap the ring.
 */
#ifndef _SC_LINUX_SKMSG_H
#define _SC_LINUX_SKMSG_H

#include <linux/scatterlist.h>
#include <linux/skbuff.h>
#include <linux/uio.h>
#include <net/sock.h>

#define MAX_MSG_FRAGS MAX_SKB_FRAGS
#define NR_MSG_FRAG_IDS (MAX_MSG_FRAGS + 1)

struct sk_msg_sg {
	u32 start;
	u32 curr;
	u32 end;
	u32 size;
	u32 copybreak;
	/* splicecheck: one guard entry past the ring: sk_msg_elem() hands it out instead
	 * of an entry past the end, so a bad index is a finding, not a heap write. */
	struct scatterlist data[NR_MSG_FRAG_IDS + 1];
};

struct sk_msg {
	struct sk_msg_sg sg;
};

#ifdef __cplusplus
extern "C" {
#endif
int sk_msg_alloc(struct sock *sk, struct sk_msg *msg, int len, int elem_first_coalesce);
int sk_msg_clone(struct sock *sk, struct sk_msg *dst, struct sk_msg *src, u32 off, u32 len);
void sk_msg_trim(struct sock *sk, struct sk_msg *msg, int len);
int sk_msg_memcopy_from_iter(struct sock *sk, struct iov_iter *from, struct sk_msg *msg, u32 bytes);
int sk_msg_free(struct sock *sk, struct sk_msg *msg);
#ifdef __cplusplus
}
#endif

#define sk_msg_iter_var_prev(var) \
	do { \
		if (var == 0) \
			var = NR_MSG_FRAG_IDS - 1; \
		else \
			var--; \
	} while (0)

#define sk_msg_iter_var_next(var) \
	do { \
		var++; \
		if (var == NR_MSG_FRAG_IDS) \
			var = 0; \
	} while (0)

#define sk_msg_iter_next(msg, which) sk_msg_iter_var_next((msg)->sg.which)

static inline u32 sk_msg_iter_dist(u32 start, u32 end) { return end >= start ? end - start : end + (NR_MSG_FRAG_IDS - start); }

static inline bool sk_msg_full(const struct sk_msg *msg) { return sk_msg_iter_dist(msg->sg.start, msg->sg.end) == MAX_MSG_FRAGS; }

static inline u32 sk_msg_elem_used(const struct sk_msg *msg) { return sk_msg_iter_dist(msg->sg.start, msg->sg.end); }

static inline struct scatterlist *sk_msg_elem(struct sk_msg *msg, int which)
{
	if (unlikely((unsigned int)which >= NR_MSG_FRAG_IDS)) {
		sc_overrun("sk_msg ring index", (unsigned int)which, NR_MSG_FRAG_IDS);
		return &msg->sg.data[NR_MSG_FRAG_IDS];
	}
	return &msg->sg.data[which];
}

static inline void sk_msg_init(struct sk_msg *msg) { memset(msg, 0, sizeof(*msg)); }

static inline void sk_msg_page_add(struct sk_msg *msg, struct page *page, u32 len, u32 offset)
{
	struct scatterlist *sge;

	if (sk_msg_full(msg)) {
		sc_overrun("sk_msg ring", MAX_MSG_FRAGS + 1, MAX_MSG_FRAGS);
		return;
	}
	get_page(page);
	sge = sk_msg_elem(msg, msg->sg.end);
	sg_set_page(sge, page, len, offset);
	sg_unmark_end(sge);
	msg->sg.size += len;
	sk_msg_iter_next(msg, end);
}

#endif
