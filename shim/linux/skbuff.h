/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck shim (custom): the parts of struct sk_buff that paged data touches: the
 * frag array (bio_vec frags, as since v6.5), nr_frags, len/data_len/truesize, the
 * software checksum, and the frag limit sysctl. No linear data, no zerocopy
 * notifications (skb_zcopy() is always false here). Page references go through the
 * tracking page supply; kfree_skb() drops one per frag.
 */
#ifndef _SC_LINUX_SKBUFF_H
#define _SC_LINUX_SKBUFF_H

#include <linux/bug.h>
#include <linux/bvec.h>
#include <linux/compiler.h>
#include <linux/mm.h>
#include <linux/types.h>
#include <stdlib.h>

#ifndef CONFIG_MAX_SKB_FRAGS
#define CONFIG_MAX_SKB_FRAGS 17
#endif
#if CONFIG_MAX_SKB_FRAGS < 17 || CONFIG_MAX_SKB_FRAGS > 45
#error "CONFIG_MAX_SKB_FRAGS is 17..45, as the kernel's Kconfig allows"
#endif
#define MAX_SKB_FRAGS CONFIG_MAX_SKB_FRAGS

#define CHECKSUM_NONE 0
#define CHECKSUM_UNNECESSARY 1
#define CHECKSUM_COMPLETE 2
#define CHECKSUM_PARTIAL 3

typedef struct bio_vec skb_frag_t;

struct skb_shared_info {
	u8 flags;
	u8 nr_frags;
	/* splicecheck: frags[MAX_SKB_FRAGS] is a guard slot, never a frag: a write one past
	 * the kernel's array lands there and sc_skb_frags_guarded() reports it. */
	skb_frag_t frags[MAX_SKB_FRAGS + 1];
};

struct sk_buff {
	unsigned int len;
	unsigned int data_len;
	unsigned int truesize;
	u8 ip_summed;
	__wsum csum;
	struct skb_shared_info shinfo;
};

#ifdef __cplusplus
extern "C" {
#endif
/* net.core.max_skb_frags: 1..MAX_SKB_FRAGS, MAX_SKB_FRAGS at boot. */
extern int sysctl_max_skb_frags;
#ifdef __cplusplus
}
#endif

#define skb_shinfo(skb) (&(skb)->shinfo)

static inline struct page *skb_frag_page(const skb_frag_t *frag) { return frag->bv_page; }
static inline unsigned int skb_frag_off(const skb_frag_t *frag) { return frag->bv_offset; }
static inline unsigned int skb_frag_size(const skb_frag_t *frag) { return frag->bv_len; }
static inline void skb_frag_size_add(skb_frag_t *frag, int delta) { frag->bv_len += delta; }

/* No zerocopy notification (ubuf_info) exists here. */
static inline bool skb_zcopy(const struct sk_buff *skb)
{
	(void)skb;
	return false;
}
static inline void skb_zcopy_downgrade_managed(struct sk_buff *skb) { (void)skb; }

static inline bool skb_can_coalesce(struct sk_buff *skb, int i, const struct page *page, int off)
{
	if (skb_zcopy(skb))
		return false;
	if (i) {
		const skb_frag_t *frag = &skb_shinfo(skb)->frags[i - 1];

		return page == skb_frag_page(frag) && off == (int)(skb_frag_off(frag) + skb_frag_size(frag));
	}
	return false;
}

/* Fills frag i without touching skb->pfmemalloc ("noacc"); the caller holds the ref. */
static inline void skb_fill_page_desc_noacc(struct sk_buff *skb, int i, struct page *page, int off, int size)
{
	if (unlikely(i < 0 || i >= MAX_SKB_FRAGS)) { /* splicecheck: refused and reported */
		sc_overrun("skb frags", (unsigned int)i, MAX_SKB_FRAGS);
		return;
	}
	bvec_set_page(&skb_shinfo(skb)->frags[i], page, size, off);
	skb_shinfo(skb)->nr_frags = i + 1;
}

/* splicecheck: whether the guard slot past frags[] is untouched; if not, reports it.
 * The slot is left as written: kfree_skb() of an skb with nr_frags one too many still
 * drops the reference the stray frag took. */
static inline bool sc_skb_frags_guarded(struct sk_buff *skb)
{
	skb_frag_t *guard = &skb_shinfo(skb)->frags[MAX_SKB_FRAGS];

	if (likely(!guard->bv_page && !guard->bv_len && !guard->bv_offset))
		return true;
	sc_overrun("skb frags", MAX_SKB_FRAGS, MAX_SKB_FRAGS);
	return false;
}

static inline void skb_len_add(struct sk_buff *skb, int delta)
{
	skb->len += delta;
	skb->data_len += delta;
	skb->truesize += delta;
}

/* splicecheck: an skb with no data, as tcp_stream_alloc_skb() leaves a paged one. */
static inline struct sk_buff *sc_alloc_skb(void) { return (struct sk_buff *)calloc(1, sizeof(struct sk_buff)); }

static inline void kfree_skb(struct sk_buff *skb)
{
	int i;

	for (i = 0; i < skb_shinfo(skb)->nr_frags; i++)
		put_page(skb_frag_page(&skb_shinfo(skb)->frags[i]));
	free(skb);
}

/* The page a caller may hand to the network stack by reference. */
static inline bool sendpage_ok(struct page *page) { return !PageSlab(page) && page_count(page) >= 1; }

#endif
