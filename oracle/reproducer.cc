// SPDX-License-Identifier: GPL-2.0-only
#include <oracle/reproducer.h>

#include <api/page_frag_fields.h>
#include <api/text_lines.h>

#include <sstream>
#include <string>

namespace sc::oracle {
namespace {

// gfp names as the module's C source spells them ("GFP_KERNEL | __GFP_ZERO").
std::string gfp_c(uint32_t gfp) {
  std::string names = alloc::format_gfp(gfp), out;
  for (char c : names)
    out += c == '|' ? std::string(" | ") : std::string(1, c);
  return out;
}

const char *kHead = R"(// SPDX-License-Identifier: GPL-2.0-only
/*
 * %TITLE%
 *
 * Replays one op sequence against this kernel's page_frag_alloc_align() and
 * page_frag_free(), one private page_frag_cache per virtual cpu, and checks that every
 * __GFP_ZERO fragment reads zero when it is handed out. Prints one line:
 *   splicecheck-repro: FAIL <what>   or   splicecheck-repro: PASS
 * to the kernel log and to /proc/<module name>. Build it like any out-of-tree module
 * (obj-m += <name>.o; make -C /lib/modules/$(uname -r)/build M=$PWD) and insmod it.
 *
 * The trace:
%TRACE% */
#include <linux/module.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/utsname.h>
#include <linux/version.h>

enum op_kind { ALLOC, FREE, DIRTY, DRAIN };
struct op {
	enum op_kind kind;
	unsigned int cpu, fragsz, align, idx;
	gfp_t gfp;
};

static const struct op ops[] = {
%OPS%};

#define NR_CPUS_USED 8
static struct page_frag_cache caches[NR_CPUS_USED];
static struct {
	u8 *addr;
	unsigned int size;
	unsigned long serial;
} live[ARRAY_SIZE(ops)];
static unsigned int nr_live;
static char result[200] = "splicecheck-repro: PASS";

/* page_frag_alloc_align() took an align mask before 6.9 and an alignment since. */
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

static void replay(void)
{
	unsigned long serial = 0;
	unsigned int i, c;

	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		const struct op *o = &ops[i];
		u8 *addr, *nz;

		switch (o->kind) {
		case ALLOC:
			addr = frag_alloc(&caches[o->cpu], o->fragsz, o->gfp, o->align);
			if (!addr)
				break;
			live[nr_live].addr = addr;
			live[nr_live].size = o->fragsz;
			live[nr_live++].serial = ++serial;
			nz = (o->gfp & __GFP_ZERO) ? memchr_inv(addr, 0, o->fragsz) : NULL;
			if (nz && !strcmp(result, "splicecheck-repro: PASS"))
				snprintf(result, sizeof(result),
					 "splicecheck-repro: FAIL op %u: __GFP_ZERO fragment of %u bytes reads 0x%02x at byte %lu",
					 i + 1, o->fragsz, *nz, (unsigned long)(nz - addr));
			break;
		case FREE:
			page_frag_free(live[o->idx].addr);
			memmove(&live[o->idx], &live[o->idx + 1], (nr_live - o->idx - 1) * sizeof(live[0]));
			nr_live--;
			break;
		case DIRTY:  /* the fragment's owner writes its own byte over it */
			memset(live[o->idx].addr, 0x80 | (live[o->idx].serial & 0x3f), live[o->idx].size);
			break;
		case DRAIN:
			cache_drain(&caches[o->cpu]);
			break;
		}
	}
	while (nr_live)
		page_frag_free(live[--nr_live].addr);
	for (c = 0; c < NR_CPUS_USED; c++)
		cache_drain(&caches[c]);
}

static int result_show(struct seq_file *m, void *v)
{
	seq_printf(m, "ORACLE kernel=%s component=repro\n%s\nORACLE done\n", utsname()->release, result);
	return 0;
}

static int __init repro_init(void)
{
	replay();
	pr_info("%s\n", result);
	return proc_create_single(KBUILD_MODNAME, 0444, NULL, result_show) ? 0 : -ENOMEM;
}

static void __exit repro_exit(void)
{
	remove_proc_entry(KBUILD_MODNAME, NULL);
}

module_init(repro_init);
module_exit(repro_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("splicecheck reproducer: __GFP_ZERO fragments from page_frag_alloc");
)";

void replace(std::string &s, const std::string &key, const std::string &value) {
  s.replace(s.find(key), key.size(), value);
}

}  // namespace

std::string reproducer_source(const alloc::Trace &t, const std::string &title) {
  std::string trace, ops;
  for (const auto &op : t.ops) {
    trace += " *   " + alloc::format_op(op) + "\n";
    if (auto *a = std::get_if<alloc::Alloc>(&op))
      ops += "\t{ ALLOC, " + std::to_string(a->cpu) + ", " + std::to_string(a->fragsz) + ", " +
             std::to_string(a->align) + ", 0, " + gfp_c(a->gfp) + " },\n";
    else if (auto *f = std::get_if<alloc::Free>(&op))
      ops += "\t{ FREE, 0, 0, 0, " + std::to_string(f->idx) + ", 0 },\n";
    else if (auto *d = std::get_if<alloc::Dirty>(&op))
      ops += "\t{ DIRTY, 0, 0, 0, " + std::to_string(d->idx) + ", 0 },\n";
    else if (auto *r = std::get_if<alloc::Drain>(&op))
      ops += "\t{ DRAIN, " + std::to_string(r->cpu) + ", 0, 0, 0, 0 },\n";
  }
  std::string out = kHead;
  replace(out, "%TITLE%", title);
  replace(out, "%TRACE%", trace);
  replace(out, "%OPS%", ops);
  return out;
}

std::optional<std::string> splice_reproducer_source(const splice::Trace &t, const std::string &title,
                                                    std::string *why) {
  auto module = read_text_file(SC_ORACLE_KMOD_SPLICE_SRC, why);
  if (!module)
    return std::nullopt;
  std::string trace, quoted;
  std::istringstream lines(splice::format_trace(t));
  for (std::string line; std::getline(lines, line);) {
    trace += " *   " + line + "\n";
    quoted += std::string(quoted.empty() ? "" : " \\\n") + "\t\"" + line + "\\n\"";
  }
  // The module's own SPDX line stays first; its header comment follows ours.
  std::string first = module->substr(0, module->find('\n') + 1);
  return first + "/*\n * " + title +
         "\n *\n * A standalone module: build it like any out-of-tree module (obj-m += <name>.o;\n"
         " * make -C /lib/modules/$(uname -r)/build M=$PWD) and insmod it; it prints its verdict to\n"
         " * the kernel log and to /proc/<module name>. The trace it replays:\n" +
         trace + " */\n#define SPLICECHECK_REPRO_TRACE \\\n" + quoted + "\n\n" + module->substr(first.size());
}

}  // namespace sc::oracle
