/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck shim (custom): there are no modules to export to. A redundant extern
 * declaration keeps the `EXPORT_SYMBOL(x);` line legal at file scope.
 */
#ifndef _SC_LINUX_EXPORT_H
#define _SC_LINUX_EXPORT_H

#define EXPORT_SYMBOL(sym) extern __typeof__(sym) sym
#define EXPORT_SYMBOL_GPL(sym) EXPORT_SYMBOL(sym)

#endif
