// SPDX-License-Identifier: GPL-2.0-only
/*
 * splicecheck's splice replayer: runs splice op traces (the project's text form,
 * api/splice_trace.h) against this kernel's own skb_splice_from_iter() on a fresh skb,
 * with a bvec or kvec iterator over memory this module owns, and writes what each op
 * showed to /proc/splicecheck_splice, which /init copies to the second serial port.
 *
 *   insmod splicecheck_splice.ko traces=/tmp/traces.txt
 *
 * Memory per Seg, as the host's harness makes it: backing=page a compound block
 * (page-cache-like), raw a non-compound block (its tail pages have refcount 0), slab an
 * object of a 32 KiB kmem_cache (one object per order-3 slab, so the segment sits at the
 * same offset in its block as on the host). Every byte is source_byte(source, i) of
 * api/splice.h. Output (oracle/splice_run.h parses it):
 *
 *   ORACLE kernel=<release> component=splice max_skb_frags=<MAX_SKB_FRAGS>
 *   TRACE <n>
 *   OP <i>
 *   OP <i> ret=-5 consumed=4096 frags=[#0.0+100:200 copy:300] len=300 data_len=300 truesize=300 csum=123 bytes_csum=123
 *   END <n>
 *   ORACLE done traces=<n>
 *
 * Frags name their page by source (the n-th Seg or Prefill page of the trace, from 0),
 * page index in its block and offset; truesize counts from the fresh skb's; csum is the
 * folded skb->csum and bytes_csum the folded checksum of the frags' bytes (both only under
 * CHECKSUM_NONE). User-memory iterators and extraction faults are refused by the host.
 *
 * Built with SPLICECHECK_REPRO_TRACE defined as a trace's text (splicecheck reproducer
 * writes such a source), it replays that trace instead of a file and checks what the
 * contract says of each call: the iterator moves by exactly what was spliced, no frag
 * holds a slab page, and skb->csum is the checksum of the frags' bytes; its verdict line
 * is "splicecheck-repro: FAIL op <i>: <what>" or "splicecheck-repro: PASS".
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/proc_fs.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uio.h>
#include <linux/bvec.h>
#include <linux/utsname.h>
#include <linux/vmalloc.h>
#include <net/checksum.h>
#include "replay_core.h"
#if __has_include(<net/hotdata.h>)
#include <net/hotdata.h>
#define FRAG_LIMIT net_hotdata.sysctl_max_skb_frags
#else
#define FRAG_LIMIT sysctl_max_skb_frags
#endif

#define MAX_SEGS 16
#define MAX_SOURCES 2048
#define BLOCK (32 * 1024)
#define PREFILL_BYTES 100


enum backing { PAGE, RAW, SLAB };

struct source {
	u8 *block; /* the block's first byte */
	unsigned int order;
	enum backing backing;
	unsigned int offset, len;
};

static struct kmem_cache *slab32k;
static struct source *sources;
static unsigned int nr_sources;
static struct sk_buff *skb;
static unsigned int base_truesize;
static bool software_csum;
static bool is_kvec, built;
static unsigned int seg_of[MAX_SEGS], nr_segs;
static struct bio_vec bvecs[MAX_SEGS];
static struct kvec kvecs[MAX_SEGS];
static struct iov_iter iter;
static int saved_limit;
static bool prefilled;     /* other code's frags: not in skb->csum */

/* As api/splice.h's source_byte(). */
static u8 source_byte(u64 n, u64 i)
{
	return (n * 131 + i * 7 + (i >> 8) + 1) & 0xff;
}

static unsigned int order_for(unsigned int bytes)
{
	return get_order(max(bytes, 1u));
}

static struct source *new_source(enum backing backing, unsigned int offset, unsigned int len)
{
	struct source *s;
	unsigned int i;

	if (nr_sources == MAX_SOURCES || offset + len > BLOCK)
		return NULL;
	s = &sources[nr_sources];
	*s = (struct source){ NULL, order_for(offset + len), backing, offset, len };
	if (backing == SLAB) {
		s->block = kmem_cache_alloc(slab32k, GFP_KERNEL);
		/* The host's slab block starts at a page: ours must too, or the pages differ. */
		if (s->block && offset_in_page(s->block)) {
			kmem_cache_free(slab32k, s->block);
			return NULL;
		}
	} else {
		struct page *p = alloc_pages(backing == RAW ? GFP_KERNEL : GFP_KERNEL | __GFP_COMP, s->order);

		s->block = p ? page_address(p) : NULL;
	}
	if (!s->block)
		return NULL;
	for (i = 0; i < len; i++)
		s->block[offset + i] = source_byte(nr_sources, i);
	nr_sources++;
	return s;
}

static void free_sources(void)
{
	while (nr_sources) {
		struct source *s = &sources[--nr_sources];

		if (s->backing == SLAB)
			kmem_cache_free(slab32k, s->block);
		else
			__free_pages(virt_to_page(s->block), s->order);
	}
}

static int new_skb(void)
{
	skb = alloc_skb(0, GFP_KERNEL);
	if (!skb)
		return -ENOMEM;
	base_truesize = skb->truesize;
	prefilled = false;
	skb->ip_summed = software_csum ? CHECKSUM_NONE : CHECKSUM_PARTIAL;
	return 0;
}

/* 7.x dropped the gfp argument; the prototype in this kernel's header says which. */
typedef ssize_t (*splice_gfp_t)(struct sk_buff *, struct iov_iter *, ssize_t, gfp_t);
typedef ssize_t (*splice_nogfp_t)(struct sk_buff *, struct iov_iter *, ssize_t);

static ssize_t splice_call(ssize_t maxsize)
{
	if (__builtin_types_compatible_p(typeof(&skb_splice_from_iter), splice_gfp_t))
		return ((splice_gfp_t)(void *)skb_splice_from_iter)(skb, &iter, maxsize, GFP_KERNEL);
	return ((splice_nogfp_t)(void *)skb_splice_from_iter)(skb, &iter, maxsize);
}

static void build_iter(void)
{
	size_t count = 0;
	unsigned int k;

	for (k = 0; k < nr_segs; k++) {
		struct source *s = &sources[seg_of[k]];

		count += s->len;
		bvec_set_page(&bvecs[k], virt_to_page(s->block), s->len, s->offset);
		kvecs[k].iov_base = s->block + s->offset;
		kvecs[k].iov_len = s->len;
	}
	if (is_kvec)
		iov_iter_kvec(&iter, ITER_SOURCE, kvecs, nr_segs, count);
	else
		iov_iter_bvec(&iter, ITER_SOURCE, bvecs, nr_segs, count);
	built = true;
}

/* A frag as the host names it: the source block holding its page, or a copy. */
static void emit_frag(const skb_frag_t *f)
{
	u8 *addr = page_address(skb_frag_page(f));
	unsigned int n;

	for (n = 0; n < nr_sources; n++) {
		struct source *s = &sources[n];

		if (addr >= s->block && addr < s->block + (PAGE_SIZE << s->order)) {
			emit("#%u.%lu+%u:%u", n, (unsigned long)(addr - s->block) / PAGE_SIZE, skb_frag_off(f),
			     skb_frag_size(f));
			return;
		}
	}
	emit("copy:%u", skb_frag_size(f));
}

/* The contract's checks of one call (SPEC 2.9), for the reproducer's verdict. */
static void check_call(unsigned int i, ssize_t ret, size_t consumed)
{
	int k;

	if (verdict[0])
		return;
	if (consumed != (ret > 0 ? ret : 0))
		snprintf(verdict, sizeof(verdict),
			 "op %u: skb_splice_from_iter() returned %zd but moved the iterator %zu byte(s)", i, ret,
			 consumed);
	for (k = 0; !verdict[0] && k < skb_shinfo(skb)->nr_frags; k++)
		if (PageSlab(skb_frag_page(&skb_shinfo(skb)->frags[k])))
			snprintf(verdict, sizeof(verdict), "op %u: frag %d holds a slab page", i, k);
	if (!verdict[0] && skb->ip_summed == CHECKSUM_NONE && !prefilled &&
	    csum_fold(skb->csum) != csum_fold(skb_checksum(skb, 0, skb->len, 0)))
		snprintf(verdict, sizeof(verdict), "op %u: skb->csum folds to %u, the frags' bytes to %u", i,
			 (u16)csum_fold(skb->csum), (u16)csum_fold(skb_checksum(skb, 0, skb->len, 0)));
}

static void do_splice(unsigned int i, unsigned int maxsize)
{
	size_t before;
	ssize_t ret;
	int k;

	if (!built)
		build_iter();
	before = iov_iter_count(&iter);
	ret = splice_call(maxsize);
	check_call(i, ret, before - iov_iter_count(&iter));
	emit("OP %u ret=%zd consumed=%zu frags=[", i, ret, before - iov_iter_count(&iter));
	for (k = 0; k < skb_shinfo(skb)->nr_frags; k++) {
		emit("%s", k ? " " : "");
		emit_frag(&skb_shinfo(skb)->frags[k]);
	}
	emit("] len=%u data_len=%u truesize=%u", skb->len, skb->data_len, skb->truesize - base_truesize);
	if (skb->ip_summed == CHECKSUM_NONE)
		emit(" csum=%u bytes_csum=%u", (u16)csum_fold(skb->csum),
		     (u16)csum_fold(skb_checksum(skb, 0, skb->len, 0)));
	emit("\n");
}

static int do_prefill(unsigned int n)
{
	while (n--) {
		struct source *s = new_source(PAGE, 0, PREFILL_BYTES);
		struct page *page;

		if (!s || skb_shinfo(skb)->nr_frags >= MAX_SKB_FRAGS)
			return -ENOSPC;
		page = virt_to_page(s->block);
		get_page(page);
		skb_fill_page_desc_noacc(skb, skb_shinfo(skb)->nr_frags, page, 0, PREFILL_BYTES);
		skb_len_add(skb, PREFILL_BYTES);
		prefilled = true;
	}
	return 0;
}

/* "key=value" of an op line; the host checked the trace, so a missing one is an error. */
static const char *field(char *line, const char *key, char *buf, size_t size)
{
	size_t n = strlen(key);
	char *w = line;

	while ((w = strstr(w, key))) {
		if ((w == line || w[-1] == ' ') && w[n] == '=') {
			size_t len = strcspn(w + n + 1, " ");

			if (len >= size)
				return NULL;
			memcpy(buf, w + n + 1, len);
			buf[len] = 0;
			return buf;
		}
		w += n;
	}
	return NULL;
}

static int field_uint(char *line, const char *key, unsigned int *v)
{
	char buf[16];

	return field(line, key, buf, sizeof(buf)) ? kstrtouint(buf, 10, v) : -EINVAL;
}

static int field_is(char *line, const char *key, const char *value)
{
	char buf[16];

	if (!field(line, key, buf, sizeof(buf)))
		return -EINVAL;
	return !strcmp(buf, value);
}

static int run_op(unsigned int i, char *line)
{
	char *args = strchr(line, ' ');
	unsigned int v, off, len;
	int on;

	if (args)
		*args++ = 0;
	else
		args = "";
	if (!strcmp(line, "Iter")) {
		on = field_is(args, "kind", "kvec");
		if (on < 0 || (!on && field_is(args, "kind", "bvec") != 1))
			return -EINVAL;
		is_kvec = on;
		nr_segs = 0;
		built = false;
	} else if (!strcmp(line, "Seg")) {
		enum backing b;
		struct source *s;

		if (field_is(args, "backing", "page") == 1)
			b = PAGE;
		else if (field_is(args, "backing", "raw") == 1)
			b = RAW;
		else if (field_is(args, "backing", "slab") == 1)
			b = SLAB;
		else
			return -EINVAL;
		if (field_uint(args, "offset", &off) || field_uint(args, "len", &len) || nr_segs == MAX_SEGS)
			return -EINVAL;
		s = new_source(b, off, len);
		if (!s)
			return -ENOMEM;
		seg_of[nr_segs++] = s - sources;
	} else if (!strcmp(line, "Splice")) {
		if (field_uint(args, "maxsize", &v))
			return -EINVAL;
		do_splice(i, v);
		return 0;
	} else if (!strcmp(line, "Prefill")) {
		if (field_uint(args, "n", &v) || do_prefill(v))
			return -EINVAL;
	} else if (!strcmp(line, "Limit")) {
		if (field_uint(args, "frags", &v))
			return -EINVAL;
		WRITE_ONCE(FRAG_LIMIT, v);
	} else if (!strcmp(line, "Csum")) {
		on = field_is(args, "software", "on");
		if (on < 0)
			return -EINVAL;
		software_csum = on;
		skb->ip_summed = on ? CHECKSUM_NONE : CHECKSUM_PARTIAL;
	} else if (!strcmp(line, "CopyFail")) {
		/* Nothing in these kernels copies; the op only steers the series' copies. */
		if (field_is(args, "on", "on") < 0)
			return -EINVAL;
	} else if (!strcmp(line, "CopyFailAt")) {
		if (field_uint(args, "nth", &v))
			return -EINVAL;
	} else if (!strcmp(line, "FreeSkb")) {
		kfree_skb(skb);
		if (new_skb())
			return -ENOMEM;
	} else {
		return -EINVAL;
	}
	emit("OP %u\n", i);
	return 0;
}

static int start_trace(void)
{
	software_csum = false;
	is_kvec = false;
	built = false;
	nr_segs = 0;
	WRITE_ONCE(FRAG_LIMIT, MAX_SKB_FRAGS);
	return new_skb();
}

/* The skb first: its frags hold references on the sources' pages. */
static void end_trace(void)
{
	kfree_skb(skb);
	skb = NULL;
	free_sources();
	WRITE_ONCE(FRAG_LIMIT, saved_limit);
}

static void opening(void)
{
	emit("ORACLE kernel=%s component=splice max_skb_frags=%d\n", utsname()->release, (int)MAX_SKB_FRAGS);
}

/* Each trace splices into an skb of its own. */
static int begin_trace(unsigned int n)
{
	if (!start_trace())
		return 0;
	emit("ORACLE error trace %u: no memory for an skb\n", n);
	return -ENOMEM;
}

static void done(unsigned int n)
{
	emit("ORACLE done traces=%u\n", n);
}

static void end_trace_line(unsigned int n)
{
	end_trace();
	emit("END %u\n", n);
}

static const struct replay_component splice_traces = {
	.header = "# splicecheck splice", .opening = opening, .begin = begin_trace, .op = run_op,
	.abort = end_trace, .end = end_trace_line, .done = done,
};

static void free_own(void)
{
	vfree(sources);
	kmem_cache_destroy(slab32k);
}

static int __init splicecheck_splice_init(void)
{
	int err;

	sources = vmalloc(MAX_SOURCES * sizeof(*sources));
	slab32k = kmem_cache_create("splicecheck_32k", BLOCK, PAGE_SIZE, 0, NULL);
	if (!sources || !slab32k) {
		free_own();
		return -ENOMEM;
	}
	saved_limit = READ_ONCE(FRAG_LIMIT);
	err = replay_and_publish(&splice_traces);
	if (err)
		free_own();
	return err;
}

static void __exit splicecheck_splice_exit(void)
{
	unpublish();
	free_own();
}

module_init(splicecheck_splice_init);
module_exit(splicecheck_splice_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("splicecheck: replay splice op traces on this kernel's skb_splice_from_iter()");
