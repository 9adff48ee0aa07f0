/* SPDX-License-Identifier: GPL-2.0-only */
/* splicecheck shim (custom): compile-time assertions as C11 static assertions. */
#ifndef _SC_LINUX_BUILD_BUG_H
#define _SC_LINUX_BUILD_BUG_H

#define BUILD_BUG_ON(cond) _Static_assert(!(cond), #cond)

#endif
