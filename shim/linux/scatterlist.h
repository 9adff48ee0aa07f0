/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck shim (custom): a scatterlist entry as (page, offset, length) with its end
 * mark. No chaining: the TLS mirrors walk sk_msg rings by index instead of chain links.
 */
#ifndef _SC_LINUX_SCATTERLIST_H
#define _SC_LINUX_SCATTERLIST_H

#include <linux/mm.h>
#include <linux/types.h>

struct scatterlist {
	struct page *page;
	unsigned int offset;
	unsigned int length;
	bool end;
};

static inline struct page *sg_page(const struct scatterlist *sg) { return sg->page; }
static inline void sg_set_page(struct scatterlist *sg, struct page *page, unsigned int len, unsigned int offset)
{
	sg->page = page;
	sg->offset = offset;
	sg->length = len;
}
static inline void *sg_virt(const struct scatterlist *sg) { return (char *)page_address(sg->page) + sg->offset; }
static inline void sg_mark_end(struct scatterlist *sg) { sg->end = true; }
static inline void sg_unmark_end(struct scatterlist *sg) { sg->end = false; }

#endif
