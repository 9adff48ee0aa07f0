/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck shim (custom): the hook where an interleaving explorer may switch tasks.
 * Every per-cpu, preemption, BH, local_lock, refcount and page-supply operation calls it,
 * so the explorer build (SC_EXPLORE) can schedule there; the production build compiles
 * it to nothing.
 */
#ifndef _SC_LINUX_SC_SCHED_H
#define _SC_LINUX_SC_SCHED_H

#ifdef SC_EXPLORE
#ifdef __cplusplus
extern "C" {
#endif
void sc_sched_point(const char *what);
/* A point where the caller may sleep (a page allocation): the explorer may resume it on
 * another cpu. */
void sc_sched_might_sleep(const char *what);
#ifdef __cplusplus
}
#endif
#else
#define sc_sched_point(what) ((void)0)
#define sc_sched_might_sleep(what) ((void)0)
#endif

#endif
