/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck shim (custom): virtual cpus. Each thread (or, under the explorer, each
 * simulated task) carries the cpu it runs on and its preemption/BH/irq nesting, the
 * state that per-cpu code relies on for exclusion.
 */
#ifndef _SC_LINUX_SMP_H
#define _SC_LINUX_SMP_H

#include <linux/bug.h>
#include <linux/sc_sched.h>
#include <linux/types.h>

#define NR_CPUS 64

struct sc_task_ctx {
	int cpu;
	int preempt_count;
	int bh_count;
	int irq_count;
};

#ifdef __cplusplus
extern "C" {
#endif
extern unsigned int nr_cpu_ids;
extern __thread struct sc_task_ctx sc_current_task;
#ifdef __cplusplus
}
#endif

static inline int smp_processor_id(void) { return sc_current_task.cpu; }
#define raw_smp_processor_id() smp_processor_id()

static inline void preempt_disable(void)
{
	sc_current_task.preempt_count++;
}

static inline void preempt_enable(void)
{
	BUG_ON(sc_current_task.preempt_count <= 0);
	sc_current_task.preempt_count--;
	sc_sched_point("preempt_enable");
}

static inline bool preemptible(void)
{
	return sc_current_task.preempt_count == 0 && sc_current_task.bh_count == 0 &&
	       sc_current_task.irq_count == 0;
}

static inline int get_cpu(void)
{
	preempt_disable();
	return smp_processor_id();
}

static inline void put_cpu(void) { preempt_enable(); }

#endif
