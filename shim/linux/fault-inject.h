/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck shim (custom): named fault-injection points, in the spirit of the kernel's
 * CONFIG_FAULT_INJECTION (should_fail()): code under test asks, the harness decides.
 */
#ifndef _SC_LINUX_FAULT_INJECT_H
#define _SC_LINUX_FAULT_INJECT_H

#include <linux/types.h>

enum sc_fault_point {
	SC_FAIL_PAGE_FRAG_MEMDUP, /* page_frag_memdup() returns NULL */
	SC_NR_FAULT_POINTS,
};

#ifdef __cplusplus
extern "C" {
#endif
bool sc_should_fail(enum sc_fault_point point);
void sc_set_fail(enum sc_fault_point point, bool on); /* this thread, until changed */
/* Only the nth sc_should_fail() from now (1 = the next) fails; the calls after it do not. */
void sc_fail_nth(enum sc_fault_point point, unsigned int nth);
#ifdef __cplusplus
}
#endif

#endif
