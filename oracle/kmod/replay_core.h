/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What every replayer module of oracle/kmod/ shares, included once by each: the output
 * buffer /proc/<module name> shows (emit()), the traces (the file traces= names, or the
 * text a reproducer builds in as SPLICECHECK_REPRO_TRACE), and the run itself: read,
 * replay, the reproducer's verdict line, publish. A reproducer carries this text inline.
 */
#include <linux/kernel_read_file.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#define OUT_SIZE (32 << 20)

#ifndef SPLICECHECK_REPRO_TRACE
static char *traces = "/tmp/traces.txt";
module_param(traces, charp, 0444);
MODULE_PARM_DESC(traces, "path of the trace file");
#endif

static char *out;
static size_t out_len;
static bool out_overflow;
static char verdict[200]; /* a reproducer's: the first broken contract */

static __printf(1, 2) void emit(const char *fmt, ...)
{
	va_list ap;
	int n;

	if (out_overflow)
		return;
	va_start(ap, fmt);
	n = vsnprintf(out + out_len, OUT_SIZE - out_len, fmt, ap);
	va_end(ap);
	if (n >= OUT_SIZE - out_len)
		out_overflow = true;
	else
		out_len += n;
}

/* The traces as one writable, NUL-terminated string. */
static char *read_traces(void)
{
#ifdef SPLICECHECK_REPRO_TRACE
	return kstrdup(SPLICECHECK_REPRO_TRACE, GFP_KERNEL);
#else
	void *text = NULL;
	size_t size = 0;
	ssize_t n;
	char *s;

	n = kernel_read_file_from_path(traces, 0, &text, INT_MAX, &size, READING_UNKNOWN);
	if (n < 0) {
		pr_err("%s: cannot read %s: %zd\n", KBUILD_MODNAME, traces, n);
		return NULL;
	}
	s = kvmalloc(n + 1, GFP_KERNEL);
	if (s) {
		memcpy(s, text, n);
		s[n] = 0;
	}
	vfree(text);
	return s;
#endif
}

static ssize_t results_read(struct file *f, char __user *buf, size_t n, loff_t *pos)
{
	return simple_read_from_buffer(buf, n, pos, out, out_len);
}

static const struct proc_ops results_ops = {
	.proc_read = results_read,
};

/* What a module brings to the trace loop (replay_lines()). */
struct replay_component {
	const char *header;                     /* the line opening a trace: "# splicecheck alloc" */
	void (*opening)(void);                  /* the ORACLE kernel= line */
	int (*begin)(unsigned int trace);       /* after its TRACE line: 0, or an error (emitted) */
	int (*op)(unsigned int i, char *line);  /* op i (1-based) of the trace: < 0 an error */
	void (*abort)(void);                    /* the teardown after a failed op */
	void (*end)(unsigned int trace);        /* its teardown and its END line */
	void (*done)(unsigned int traces);      /* the ORACLE done line */
};

/*
 * Runs every trace of `text` (each opening with c->header; blank and '#' lines skipped)
 * op by op, framing each with TRACE and END, the whole between c's opening and done
 * lines. 0, or the error that stopped the run (its ORACLE error line emitted).
 */
static int replay_lines(char *text, const struct replay_component *c)
{
	unsigned int ntraces = 0, op = 0;
	bool in_trace = false;
	char *line;
	int r;

	c->opening();
	while ((line = strsep(&text, "\n"))) {
		if (!strncmp(line, c->header, strlen(c->header))) {
			if (in_trace)
				c->end(ntraces);
			ntraces++;
			op = 0;
			emit("TRACE %u\n", ntraces);
			r = c->begin(ntraces);
			if (r)
				return r;
			in_trace = true;
			continue;
		}
		if (!*line || *line == '#')
			continue;
		if (!in_trace) {
			emit("ORACLE error an op before the first '%s' header\n", c->header);
			return -EINVAL;
		}
		op++;
		r = c->op(op, line);
		if (r < 0) {
			emit("ORACLE error trace %u op %u: cannot run '%s' (%d)\n", ntraces, op, line, r);
			c->abort();
			return r;
		}
	}
	if (in_trace)
		c->end(ntraces);
	c->done(ntraces);
	return 0;
}

/* Replays the traces as the module's component says and publishes what it printed. */
static int replay_and_publish(const struct replay_component *c)
{
	char *s;

	out = vmalloc(OUT_SIZE);
	if (!out)
		return -ENOMEM;
	s = read_traces();
	if (!s) {
		vfree(out);
		return -EINVAL;
	}
	replay_lines(s, c);
	kvfree(s);
	if (out_overflow)
		emit("ORACLE error output larger than %d bytes\n", OUT_SIZE);
#ifdef SPLICECHECK_REPRO_TRACE
	emit("splicecheck-repro: %s%s\n", verdict[0] ? "FAIL " : "PASS", verdict);
	pr_info("splicecheck-repro: %s%s\n", verdict[0] ? "FAIL " : "PASS", verdict);
#endif
	if (!proc_create(KBUILD_MODNAME, 0444, NULL, &results_ops)) {
		vfree(out);
		return -ENOMEM;
	}
	return 0;
}

static void unpublish(void)
{
	remove_proc_entry(KBUILD_MODNAME, NULL);
	vfree(out);
}
