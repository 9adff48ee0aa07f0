/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck shim (custom): the Internet checksum helpers, generic C: 16-bit little-endian
 * words summed with end-around carry. Partial sums from different groupings differ as
 * 32-bit values but fold (csum_fold) to the same checksum, as in the kernel.
 */
#ifndef _SC_NET_CHECKSUM_H
#define _SC_NET_CHECKSUM_H

#include <linux/types.h>

static inline __wsum csum_partial(const void *buff, int len, __wsum sum)
{
	const u8 *p = (const u8 *)buff;
	u64 acc = sum;
	int i;

	for (i = 0; i + 1 < len; i += 2)
		acc += (u32)p[i] | ((u32)p[i + 1] << 8);
	if (len & 1)
		acc += p[len - 1];
	while (acc >> 32)
		acc = (acc & 0xffffffffu) + (acc >> 32);
	return (__wsum)acc;
}

static inline __wsum csum_add(__wsum csum, __wsum addend)
{
	u32 res = csum + addend;

	return res + (res < addend);
}

static inline u32 ror32(u32 word, unsigned int shift) { return (word >> shift) | (word << (32 - shift)); }

/* csum2 covers bytes that start at `offset` of the whole: an odd offset swaps its bytes. */
static inline __wsum csum_block_add(__wsum csum, __wsum csum2, int offset)
{
	u32 sum = csum2;

	if (offset & 1)
		sum = ror32(sum, 8);
	return csum_add(csum, sum);
}

static inline u16 csum_fold(__wsum csum)
{
	u32 sum = csum;

	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (u16)~sum;
}

#endif
