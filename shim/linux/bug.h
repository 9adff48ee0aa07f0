/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck shim (custom): WARN_* count instead of printing a splat, so a property can
 * assert that a path warned. VM_BUG_ON* report to the page supply instead of stopping the
 * run, so a property names the broken check and shrinks it; BUG_ON aborts, as an oops.
 */
#ifndef _SC_LINUX_BUG_H
#define _SC_LINUX_BUG_H

#include <linux/build_bug.h>
#include <stdlib.h>

#ifdef __cplusplus
extern "C" {
#endif
void sc_warn_hit(const char *file, int line, const char *cond);
void sc_vm_bug(const char *file, int line, const char *cond);
/* A fixed-size kernel array or buffer was about to be written past its end (or a guard
 * slot past it was found written): recorded for the harness (sc/bounds.h) as a finding,
 * never performed on memory we do not own. */
void sc_overrun(const char *array, unsigned int index, unsigned int size);
#ifdef __cplusplus
}
#endif

#define WARN_ON(cond) ({ int __w = !!(cond); if (__w) sc_warn_hit(__FILE__, __LINE__, #cond); __w; })
#define WARN_ON_ONCE(cond) WARN_ON(cond)
#define BUG_ON(cond) do { if (cond) abort(); } while (0)
#define VM_BUG_ON(cond) do { if (cond) sc_vm_bug(__FILE__, __LINE__, #cond); } while (0)
#define VM_BUG_ON_PAGE(cond, page) VM_BUG_ON(cond)
#define VM_BUG_ON_FOLIO(cond, folio) VM_BUG_ON(cond)

#endif
