/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck shim (custom): local_lock_t as on !PREEMPT_RT (preemption off), plus an
 * owner check: a second holder on the same cpu is the race it exists to prevent.
 */
#ifndef _SC_LINUX_LOCAL_LOCK_H
#define _SC_LINUX_LOCAL_LOCK_H

#include <linux/percpu.h>

typedef struct {
	int held;
} local_lock_t;

#define INIT_LOCAL_LOCK(lockname) { 0 }

static inline void sc_local_lock_acquire(local_lock_t *l)
{
	BUG_ON(l->held);
	l->held = 1;
}

static inline void sc_local_lock_release(local_lock_t *l)
{
	BUG_ON(!l->held);
	l->held = 0;
}

#define local_lock(lock) \
	do { preempt_disable(); sc_local_lock_acquire(this_cpu_ptr(lock)); } while (0)
#define local_unlock(lock) \
	do { sc_local_lock_release(this_cpu_ptr(lock)); preempt_enable(); } while (0)
#define local_lock_nested_bh(lock) sc_local_lock_acquire(this_cpu_ptr(lock))
#define local_unlock_nested_bh(lock) sc_local_lock_release(this_cpu_ptr(lock))

#endif
