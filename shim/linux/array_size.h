/* SPDX-License-Identifier: GPL-2.0-only */
/* splicecheck shim (custom): the element count of an array. */
#ifndef _SC_LINUX_ARRAY_SIZE_H
#define _SC_LINUX_ARRAY_SIZE_H
#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))
#endif
