// SPDX-License-Identifier: GPL-2.0-only
/*
 * splicecheck's allocator replayer: runs allocator op traces (the project's text form,
 * api/page_frag_trace.h) against this kernel's own page_frag_alloc_align() and
 * page_frag_free(), one private page_frag_cache per virtual cpu, and writes what each
 * op showed to /proc/splicecheck_alloc, which /init copies to the second serial port.
 *
 *   insmod splicecheck_alloc.ko traces=/tmp/traces.txt
 *
 * Input: traces one after another, each starting with its "# splicecheck alloc ..."
 * header. Output (oracle/alloc_run.h parses it):
 *
 *   ORACLE kernel=<release> component=alloc
 *   TRACE <n>
 *   OP <i> frag page=#1 size=32768 offset=32767 cached=#1 obtained=1 released=0 zero=ok ref=32769 bias=32768 pfmemalloc=0
 *   OP <i> obtained=0 released=1
 *   SKIP <i> <op>: <why>
 *   END <n> skipped=<k>
 *   ORACLE done traces=<n> skipped=<k>
 *
 * Page ids count the pages the caches obtained in this trace (1, 2, ...), as the model
 * numbers its supply's pages; a page freed and handed out again gets a new id.
 * FailPages/FailAfter/Reserve steer a page supply this kernel cannot be told to fail or
 * to give reserve pages from (no fault injection in these configs): they are skipped and
 * counted, never run silently.
 *
 * Built with SPLICECHECK_REPRO_TRACE defined as a trace's text (splicecheck reproducer
 * writes such a source), it replays that trace instead of a file and adds a verdict line:
 * "splicecheck-repro: FAIL op <i>: <what>" for the first __GFP_ZERO fragment that does not
 * read zero when handed out, else "splicecheck-repro: PASS".
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>
#include <linux/version.h>
#include <linux/vmalloc.h>
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 13, 0)
#include <linux/page_frag_cache.h> /* moved out of gfp.h in 6.13 */
#endif
#include "replay_core.h"

#define NR_VCPUS 8
#define MAX_LIVE 4096


/* The page_frag_cache layout differs by kernel: va until 6.12, encoded_page from 6.13. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 13, 0)
static struct page *cache_page(const struct page_frag_cache *nc)
{
	return nc->encoded_page ? virt_to_page((void *)(nc->encoded_page & PAGE_MASK)) : NULL;
}
#else
static struct page *cache_page(const struct page_frag_cache *nc)
{
	return nc->va ? virt_to_head_page(nc->va) : NULL;
}
#endif

static void *frag_alloc(struct page_frag_cache *nc, unsigned int fragsz, gfp_t gfp, unsigned int align)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 9, 0)
	return page_frag_alloc_align(nc, fragsz, gfp, align);
#else
	return page_frag_alloc_align(nc, fragsz, gfp, -align);
#endif
}

static void cache_drain(struct page_frag_cache *nc)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 9, 0)
	page_frag_cache_drain(nc);
#else
	if (nc->va) {
		__page_frag_cache_drain(virt_to_head_page(nc->va), nc->pagecnt_bias);
		nc->va = NULL;
	}
#endif
}

struct vcpu {
	struct page_frag_cache nc;
	struct page *page; /* the page `id` names; NULL when none is cached */
	unsigned long id;
};

struct frag {
	u8 *addr;
	unsigned int size;
	unsigned long page_id;
	unsigned long serial;
};

static struct vcpu vcpus[NR_VCPUS];
static struct frag *live;
static unsigned int nr_live;
static unsigned long next_page_id, next_serial;

static const struct {
	const char *name;
	gfp_t gfp;
} gfp_names[] = {
	{ "GFP_KERNEL", GFP_KERNEL },
	{ "GFP_ATOMIC", GFP_ATOMIC },
	{ "__GFP_HIGH", __GFP_HIGH },
	{ "__GFP_IO", __GFP_IO },
	{ "__GFP_FS", __GFP_FS },
	{ "__GFP_ZERO", __GFP_ZERO },
	{ "__GFP_COMP", __GFP_COMP },
	{ "__GFP_NOWARN", __GFP_NOWARN },
	{ "__GFP_NORETRY", __GFP_NORETRY },
	{ "__GFP_NOMEMALLOC", __GFP_NOMEMALLOC },
	{ "__GFP_DIRECT_RECLAIM", __GFP_DIRECT_RECLAIM },
	{ "__GFP_KSWAPD_RECLAIM", __GFP_KSWAPD_RECLAIM },
	{ "__GFP_MEMALLOC", __GFP_MEMALLOC },
};

static int parse_gfp(char *text, gfp_t *gfp)
{
	char *word;
	unsigned int i;

	*gfp = 0;
	if (!strcmp(text, "0"))
		return 0;
	while ((word = strsep(&text, "|"))) {
		for (i = 0; i < ARRAY_SIZE(gfp_names); i++)
			if (!strcmp(word, gfp_names[i].name))
				break;
		if (i == ARRAY_SIZE(gfp_names))
			return -EINVAL;
		*gfp |= gfp_names[i].gfp;
	}
	return 0;
}

/* "key=value" fields of one op line; the host checked them, so a bad one is an error. */
static char *field(char *rest, const char *key)
{
	size_t n = strlen(key);
	char *w;

	while ((w = strsep(&rest, " ")))
		if (!strncmp(w, key, n) && w[n] == '=')
			return w + n + 1;
	return NULL;
}

static int field_uint(char *line, const char *key, unsigned int *v)
{
	char *copy = kstrdup(line, GFP_KERNEL), *f;
	int err = -EINVAL;

	if (!copy)
		return -ENOMEM;
	f = field(copy, key);
	if (f)
		err = kstrtouint(f, 10, v);
	kfree(copy);
	return err;
}

/* The owner's byte for the n-th fragment, as api/page_frag.h's owner_pattern(). */
static u8 owner_pattern(unsigned long serial)
{
	return 0x80 | (serial & 0x3f);
}

/* Re-reads which page a cpu's cache holds: a different one is a newly obtained page. */
static bool track_cache(struct vcpu *v)
{
	struct page *p = cache_page(&v->nc);

	if (p == v->page)
		return false;
	v->page = p;
	v->id = p ? ++next_page_id : 0;
	return p != NULL;
}

static unsigned int live_on(unsigned long page_id)
{
	unsigned int i, n = 0;

	for (i = 0; i < nr_live; i++)
		n += live[i].page_id == page_id;
	return n;
}

static int do_alloc(unsigned int i, char *args)
{
	unsigned int cpu, fragsz, align, ref = 0, bias = 0, old_ref = 0, old_bias = 0;
	struct page *old_page;
	struct vcpu *v;
	gfp_t gfp;
	char *g, *copy;
	u8 *addr;
	bool obtained, abandoned;
	int err;

	if (field_uint(args, "cpu", &cpu) || field_uint(args, "fragsz", &fragsz) ||
	    field_uint(args, "align", &align) || cpu >= NR_VCPUS || !align || (align & (align - 1)))
		return -EINVAL;
	copy = kstrdup(args, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	g = field(copy, "gfp");
	err = g ? parse_gfp(g, &gfp) : -EINVAL;
	kfree(copy);
	if (err)
		return err;
	if (nr_live == MAX_LIVE)
		return -ENOSPC;
	v = &vcpus[cpu];
	old_page = v->page;
	if (old_page) {
		old_ref = page_ref_count(old_page);
		old_bias = v->nc.pagecnt_bias;
	}
	addr = frag_alloc(&v->nc, fragsz, gfp, align);
	obtained = track_cache(v);
	abandoned = old_page && v->page != old_page;
	if (addr) {
		struct page *head = virt_to_head_page(addr);

		live[nr_live++] = (struct frag){ addr, fragsz, v->id, ++next_serial };
		emit("OP %u frag page=#%lu size=%lu offset=%lu ", i, v->id, PAGE_SIZE << compound_order(head),
		     (unsigned long)(addr - (u8 *)page_address(head)));
	} else {
		emit("OP %u NULL ", i);
	}
	if (v->id)
		emit("cached=#%lu ", v->id);
	else
		emit("cached=none ");
	/* A page the cache left goes back only if no fragment held it (pfmemalloc pages). */
	emit("obtained=%u released=%u", obtained, abandoned && old_ref == old_bias);
	if (addr && (gfp & __GFP_ZERO)) {
		u8 *nz = memchr_inv(addr, 0, fragsz);

		if (nz && !verdict[0])
			snprintf(verdict, sizeof(verdict),
				 "op %u: __GFP_ZERO fragment of %u bytes reads 0x%02x at byte %lu", i, fragsz, *nz,
				 (unsigned long)(nz - addr));
		if (nz)
			emit(" zero=bad@%lu:0x%02x", (unsigned long)(nz - addr), *nz);
		else
			emit(" zero=ok");
	}
	if (v->page) {
		ref = page_ref_count(v->page);
		bias = v->nc.pagecnt_bias;
		emit(" ref=%u bias=%u live=%u pfmemalloc=%d", ref, bias, live_on(v->id),
		     page_is_pfmemalloc(v->page));
	}
	emit("\n");
	return 0;
}

/*
 * The live fragment an op names: -EINVAL for a malformed op; 1 (skipped, said so) when
 * this kernel has no such fragment because an earlier op went another way than the
 * model's (7.2 returns NULL for a large request the model carves): the host's judge
 * stops comparing at that earlier op.
 */
static int take_live(unsigned int i, const char *name, char *args, unsigned int *idx)
{
	if (field_uint(args, "idx", idx))
		return -EINVAL;
	if (*idx < nr_live)
		return 0;
	emit("SKIP %u %s: no live fragment idx=%u on this kernel (an earlier op went another way)\n", i, name,
	     *idx);
	return 1;
}

static void drop_live(unsigned int idx)
{
	memmove(&live[idx], &live[idx + 1], (nr_live - idx - 1) * sizeof(*live));
	nr_live--;
}

static int do_free(unsigned int i, char *args)
{
	unsigned int idx;
	struct page *head;
	bool last;
	int r = take_live(i, "Free", args, &idx);

	if (r)
		return r;
	head = virt_to_head_page(live[idx].addr);
	last = page_ref_count(head) == 1;
	page_frag_free(live[idx].addr);
	drop_live(idx);
	emit("OP %u obtained=0 released=%u\n", i, last);
	return 0;
}

static int do_dirty(unsigned int i, char *args)
{
	unsigned int idx;
	int r = take_live(i, "Dirty", args, &idx);

	if (r)
		return r;
	memset(live[idx].addr, owner_pattern(live[idx].serial), live[idx].size);
	emit("OP %u obtained=0 released=0\n", i);
	return 0;
}

static bool drain_cpu(struct vcpu *v)
{
	bool last = v->page && page_ref_count(v->page) == v->nc.pagecnt_bias;

	cache_drain(&v->nc);
	track_cache(v);
	return last;
}

static int do_drain(unsigned int i, char *args)
{
	unsigned int cpu;

	if (field_uint(args, "cpu", &cpu) || cpu >= NR_VCPUS)
		return -EINVAL;
	emit("OP %u obtained=0 released=%u\n", i, drain_cpu(&vcpus[cpu]));
	return 0;
}

/* Frees what the trace left live and drains every cache, so traces do not share pages. */
static void teardown(void)
{
	unsigned int c;

	while (nr_live) {
		page_frag_free(live[nr_live - 1].addr);
		nr_live--;
	}
	for (c = 0; c < NR_VCPUS; c++)
		drain_cpu(&vcpus[c]);
	memset(vcpus, 0, sizeof(vcpus));
	next_page_id = 0;
	next_serial = 0;
}

static const char *const unreplayable[] = { "FailPages", "FailAfter", "Reserve" };

/* Runs one op line; returns 1 when it was skipped, <0 when the line is malformed. */
static int run_op(unsigned int i, char *line)
{
	char *name = strsep(&line, " ");
	unsigned int k;

	if (!line)
		line = "";
	if (!strcmp(name, "Alloc"))
		return do_alloc(i, line);
	if (!strcmp(name, "Free"))
		return do_free(i, line);
	if (!strcmp(name, "Dirty"))
		return do_dirty(i, line);
	if (!strcmp(name, "Drain"))
		return do_drain(i, line);
	for (k = 0; k < ARRAY_SIZE(unreplayable); k++)
		if (!strcmp(name, unreplayable[k])) {
			emit("SKIP %u %s: this kernel's page supply cannot be steered (no fault injection)\n", i,
			     name);
			return 1;
		}
	return -EINVAL;
}

static unsigned int skipped, total_skipped; /* SKIP lines: of the trace, of the run */

static int counted_op(unsigned int i, char *line)
{
	int r = run_op(i, line);

	if (r > 0) {
		skipped += r;
		total_skipped += r;
	}
	return r;
}

static void opening(void)
{
	emit("ORACLE kernel=%s component=alloc\n", utsname()->release);
}

static int begin_trace(unsigned int n)
{
	skipped = 0;
	return 0;
}

static void end_trace(unsigned int n)
{
	teardown();
	emit("END %u skipped=%u\n", n, skipped);
}

static void done(unsigned int n)
{
	emit("ORACLE done traces=%u skipped=%u\n", n, total_skipped);
}

static const struct replay_component alloc_traces = {
	.header = "# splicecheck alloc", .opening = opening, .begin = begin_trace, .op = counted_op,
	.abort = teardown, .end = end_trace, .done = done,
};

static int __init splicecheck_alloc_init(void)
{
	int err;

	live = vmalloc(MAX_LIVE * sizeof(*live));
	if (!live)
		return -ENOMEM;
	err = replay_and_publish(&alloc_traces);
	if (err)
		vfree(live);
	return err;
}

static void __exit splicecheck_alloc_exit(void)
{
	unpublish();
	vfree(live);
}

module_init(splicecheck_alloc_init);
module_exit(splicecheck_alloc_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("splicecheck: replay allocator op traces on this kernel's page_frag allocator");
