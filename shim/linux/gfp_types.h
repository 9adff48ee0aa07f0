/* SPDX-License-Identifier: GPL-2.0-only */
/* splicecheck shim (custom): gfp bits with the kernel's names; our own values. */
#ifndef _SC_LINUX_GFP_TYPES_H
#define _SC_LINUX_GFP_TYPES_H

#include <linux/types.h>

#define __GFP_HIGH 0x01u
#define __GFP_IO 0x02u
#define __GFP_FS 0x04u
#define __GFP_ZERO 0x08u
#define __GFP_COMP 0x10u
#define __GFP_NOWARN 0x20u
#define __GFP_NORETRY 0x40u
#define __GFP_NOMEMALLOC 0x80u
#define __GFP_DIRECT_RECLAIM 0x100u
#define __GFP_KSWAPD_RECLAIM 0x200u
#define __GFP_MEMALLOC 0x400u
#define __GFP_RECLAIM (__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)

#define GFP_ATOMIC (__GFP_HIGH | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL (__GFP_RECLAIM | __GFP_IO | __GFP_FS)

#endif
