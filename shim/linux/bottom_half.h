/* SPDX-License-Identifier: GPL-2.0-only */
/* splicecheck shim (custom): BH disabling also disables preemption, as in the kernel. */
#ifndef _SC_LINUX_BOTTOM_HALF_H
#define _SC_LINUX_BOTTOM_HALF_H

#include <linux/smp.h>

static inline void local_bh_disable(void)
{
	sc_current_task.bh_count++;
}

static inline void local_bh_enable(void)
{
	BUG_ON(sc_current_task.bh_count <= 0);
	sc_current_task.bh_count--;
	sc_sched_point("local_bh_enable");
}

static inline bool in_softirq(void) { return sc_current_task.bh_count > 0; }

#endif
