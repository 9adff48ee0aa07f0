/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every kernel-facing shim header in a C translation unit (gnu11), as kernel source will
 * include them, exercised through a small page round trip the C++ test drives.
 */
#include <asm/page.h>
#include <linux/align.h>
#include <linux/array_size.h>
#include <linux/bits.h>
#include <linux/bottom_half.h>
#include <linux/bug.h>
#include <linux/build_bug.h>
#include <linux/export.h>
#include <linux/init.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/gfp_types.h>
#include <linux/highmem.h>
#include <linux/local_lock.h>
#include <linux/log2.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/net.h>
#include <linux/page_ref.h>
#include <linux/percpu.h>
#include <linux/scatterlist.h>
#include <linux/skbuff.h>
#include <linux/skmsg.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/uio.h>
#include <net/checksum.h>
#include <net/hotdata.h>
#include <net/sock.h>

BUILD_BUG_ON(get_order(32768) != 3);
BUILD_BUG_ON(GENMASK(7, 0) != 0xff);
#if PAGE_SIZE != 4096 || BITS_PER_LONG != 64
#error "the kernel tests these in #if: they must stay plain numbers"
#endif

int sc_c_shim_round_trip(void);

/* Returns 0 when an order-3 compound page maps its tails to its head and goes back on
 * its last reference; a step number otherwise. */
int sc_c_shim_round_trip(void)
{
	struct page *page = alloc_pages(GFP_KERNEL | __GFP_COMP, 3);
	char *va;

	if (!page)
		return 1;
	va = page_address(page);
	if (virt_to_head_page(va + 5 * PAGE_SIZE) != page || compound_order(page) != 3)
		return 2;
	page_ref_add(page, 2);
	if (page_ref_sub_and_test(page, 2) || page_ref_count(page) != 1)
		return 3;
	if (__ALIGN_KERNEL_MASK(5, 7) != 8 || !is_power_of_2(64))
		return 4;
	local_bh_disable();
	if (preemptible())
		return 5;
	local_bh_enable();
	put_page(page);
	return 0;
}
