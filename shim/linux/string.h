/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck shim (stub): the kernel's string functions keep the C library's names and
 * semantics for what kernel files here use (memset, memcpy).
 */
#ifndef _LINUX_STRING_H
#define _LINUX_STRING_H

#include <string.h>

#endif
