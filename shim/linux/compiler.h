/* SPDX-License-Identifier: GPL-2.0-only */
/* splicecheck shim (stub): annotations that mean nothing in userspace. */
#ifndef _SC_LINUX_COMPILER_H
#define _SC_LINUX_COMPILER_H

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define __force
#define __bitwise
#define __percpu
#define READ_ONCE(x) __atomic_load_n(&(x), __ATOMIC_RELAXED)
#define WRITE_ONCE(x, v) __atomic_store_n(&(x), (v), __ATOMIC_RELAXED)

#endif
