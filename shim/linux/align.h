/* SPDX-License-Identifier: GPL-2.0-only */
/* splicecheck shim (custom): alignment helpers; no casts, the kernel uses them in #if. */
#ifndef _SC_LINUX_ALIGN_H
#define _SC_LINUX_ALIGN_H

#define __ALIGN_KERNEL_MASK(x, mask) (((x) + (mask)) & ~(mask))
#define __ALIGN_MASK(x, mask) __ALIGN_KERNEL_MASK((x), (mask))

#endif
