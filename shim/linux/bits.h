/* SPDX-License-Identifier: GPL-2.0-only */
/* splicecheck shim (custom): bit helpers, constant expressions as the kernel's. */
#ifndef _SC_LINUX_BITS_H
#define _SC_LINUX_BITS_H

#define BIT(nr) (1UL << (nr))
#define GENMASK(h, l) (((~0UL) << (l)) & (~0UL >> (63 - (h))))

#endif
