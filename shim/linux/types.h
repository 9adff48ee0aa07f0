/* SPDX-License-Identifier: GPL-2.0-only */
/* splicecheck shim (custom): fixed-width kernel types for C and C++ translation units. */
#ifndef _SC_LINUX_TYPES_H
#define _SC_LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h> /* ssize_t */

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
/* The UAPI spellings too: libc headers reach <linux/types.h> and find this one. */
typedef uint8_t __u8;
typedef uint16_t __u16;
typedef uint32_t __u32;
typedef uint64_t __u64;
typedef int8_t __s8;
typedef int16_t __s16;
typedef int32_t __s32;
typedef int64_t __s64;
typedef __u16 __le16;
typedef __u32 __le32;
typedef __u64 __le64;
typedef __u16 __be16;
typedef __u32 __be32;
typedef __u64 __be64;
typedef unsigned int gfp_t;
typedef u32 __wsum; /* partial Internet checksum (net/checksum.h) */

/* Plain numbers: the kernel tests these in #if. */
#define BITS_PER_LONG 64
#define NUMA_NO_NODE (-1)

#endif
