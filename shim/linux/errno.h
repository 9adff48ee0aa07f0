/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck shim (custom): the error numbers kernel code built here returns, with
 * Linux's values (the same as libc's on Linux, so either header may come first).
 * libc's <bits/errno.h> includes <linux/errno.h> for its full list: that gets the
 * system's header, as it would without the shims.
 */
#if defined(_BITS_ERRNO_H) && !defined(_SC_LINUX_ERRNO_H)
#include_next <linux/errno.h>
#elif !defined(_SC_LINUX_ERRNO_H)
#define _SC_LINUX_ERRNO_H
#ifndef EIO
#define EIO 5
#endif
#ifndef ENOMEM
#define ENOMEM 12
#endif
#ifndef EFAULT
#define EFAULT 14
#endif
#ifndef EINVAL
#define EINVAL 22
#endif
#ifndef EMSGSIZE
#define EMSGSIZE 90
#endif
#endif
