/* SPDX-License-Identifier: GPL-2.0-only */
/* splicecheck shim (stub): nothing from init.h is used by the code we build. */
#ifndef _SC_LINUX_INIT_H
#define _SC_LINUX_INIT_H
#endif
