/* SPDX-License-Identifier: GPL-2.0-only */
/* splicecheck shim (custom): the kernel includes page allocation through gfp.h. */
#ifndef _SC_LINUX_GFP_H
#define _SC_LINUX_GFP_H

#include <linux/gfp_types.h>
#include <linux/mm.h>

#endif
