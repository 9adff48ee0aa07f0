/* SPDX-License-Identifier: GPL-2.0-only */
/* splicecheck shim (custom): the typed min/clamp helpers, each argument evaluated once. */
#ifndef _SC_LINUX_MINMAX_H
#define _SC_LINUX_MINMAX_H
#define min_t(type, x, y) ({ type __x = (x); type __y = (y); __x < __y ? __x : __y; })
#define max_t(type, x, y) ({ type __x = (x); type __y = (y); __x > __y ? __x : __y; })
#define clamp_t(type, val, lo, hi) min_t(type, max_t(type, val, lo), hi)
#endif
