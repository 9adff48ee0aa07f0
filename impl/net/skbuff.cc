// SPDX-License-Identifier: GPL-2.0-only
// Mirrors net/core/skbuff.c: skb_splice_from_iter() (v6.5, commit 2e910b95329c with the
// signedness fix), the series' slab copy (SPEC §2.7) and 6.12.118/7.2.13 (the checksum
// folded at skb->len + spliced; 7.2 also drops the unused gfp argument).
#include <impl/net/skbuff.h>

#include <api/bugs.h>
#include <impl/mm/page_frag_alloc.h>
#include <impl/test_defects.h>
#include <linux/bug.h>
#include <net/checksum.h>

#include <algorithm>
#include <cerrno>
#include <climits>

namespace sc::impl::net {

enum splice_level splice_level = SPLICE_V6_5;

static bool can_coalesce(struct sk_buff *skb, int i, const struct page *page, int off)
{
	/* B13 mutant: offsets compared, pages not */
	if (bug_enabled(BugId::mut_coalesce_offsets_only) && i) {
		const skb_frag_t *frag = &skb_shinfo(skb)->frags[i - 1];

		return off == (int)(skb_frag_off(frag) + skb_frag_size(frag));
	}
	return skb_can_coalesce(skb, i, page, off);
}

int skb_append_pagefrags(struct sk_buff *skb, struct page *page, int offset, size_t size, size_t max_frags)
{
	int i = skb_shinfo(skb)->nr_frags;

	if (can_coalesce(skb, i, page, offset)) {
		skb_frag_size_add(&skb_shinfo(skb)->frags[i - 1], size);
	} else if (i < (int)max_frags || (test_defect_on(TestDefect::skb_frag_overrun) && i == MAX_SKB_FRAGS)) {
		skb_zcopy_downgrade_managed(skb);
		get_page(page);
		skb_fill_page_desc_noacc(skb, i, page, offset, size);
	} else {
		return -EMSGSIZE;
	}
	return 0;
}

static void skb_splice_csum_page(struct sk_buff *skb, struct page *page, size_t offset, size_t len,
				 unsigned int csum_offset)
{
	const char *kaddr = (const char *)page_address(page);
	__wsum csum = csum_partial(kaddr + offset, len, 0);

	skb->csum = csum_block_add(skb->csum, csum, csum_offset);
}

/* What an uninitialised pages[] slot points at here: no page at all (mut_len_unsigned). */
static struct page no_page;

ssize_t skb_splice_from_iter(struct sk_buff *skb, struct iov_iter *iter, ssize_t maxsize, gfp_t gfp)
{
	size_t frag_limit = READ_ONCE(sysctl_max_skb_frags);
	struct page *pages[8] = {&no_page, &no_page, &no_page, &no_page, &no_page, &no_page, &no_page, &no_page};
	struct page **ppages = pages;
	ssize_t spliced = 0, ret = 0;
	unsigned int i;

	no_page.compound_head = &no_page;
	while (iter->count > 0) {
		ssize_t space, nr, len;
		size_t off = 0;  /* DEVIATION: initialised; only the signedness mutant reads it unset */

		ret = -EMSGSIZE;
		space = frag_limit - skb_shinfo(skb)->nr_frags;
		if (space < 0)
			break;

		/* We might be able to coalesce without increasing nr_frags */
		nr = std::clamp<size_t>(space, 1, 8);

		len = iov_iter_extract_pages(iter, &ppages, maxsize, nr, 0, &off);
		/* Before the signedness fix len was a size_t: an error looked like a length. */
		if (bug_enabled(BugId::mut_len_unsigned) ? (size_t)len == 0 : len <= 0) {
			ret = len ?: -EIO;
			break;
		}

		/* series: reinstated pre-check, as nothing below can undo a copy */
		if (splice_level == SPLICE_SERIES && space == 0 &&
		    !can_coalesce(skb, skb_shinfo(skb)->nr_frags, pages[0], off)) {
			iov_iter_revert(iter, len);
			break;
		}

		i = 0;
		do {
			struct page *page = pages[i++];
			size_t part = std::min<size_t>(PAGE_SIZE - off, len);
			bool put = false;

			/* series: slab data is copied into a page fragment */
			if (splice_level == SPLICE_SERIES && PageSlab(page)) {
				const char *p = (const char *)page_address(page);
				unsigned long align = fix_on(BugId::series_memdup_align_ulong_max) ? 1 : ULONG_MAX;
				void *q = howells::page_frag_memdup(NULL, p + off, part, gfp, align);

				if (!q) {
					if (!test_defect_on(TestDefect::series_copy_fail_no_revert))
						iov_iter_revert(iter, len);
					ret = -ENOMEM;
					goto out;
				}
				/* B14 mutant: the copy is made, the slab page appended */
				if (!bug_enabled(BugId::mut_slab_spliced)) {
					page = virt_to_page(q);
					off = offset_in_page(q);
				}
				put = true;
			}

			ret = -EIO;
			if (WARN_ON_ONCE(!sendpage_ok(page)) && !(bug_enabled(BugId::mut_slab_spliced) && PageSlab(page))) {
				if (fix_on(BugId::splice_eio_no_revert))
					iov_iter_revert(iter, len);
				goto out;  /* no revert: the whole batch stays consumed (B11) */
			}

			ret = skb_append_pagefrags(skb, page, off, part, frag_limit);
			if (put)
				put_page(page);
			if (ret < 0) {
				if (bug_enabled(BugId::mut_ret_counts_failed_part))
					spliced += part;  /* B12 */
				iov_iter_revert(iter, len);
				if (test_defect_on(TestDefect::splice_retry_loops))
					break;  /* test defect: extract the batch again */
				goto out;
			}

			/* v6.5 and the series: skb->len is only brought up to date after the
			 * loop (B19); newest adds what this call spliced so far. */
			if (skb->ip_summed == CHECKSUM_NONE)
				skb_splice_csum_page(skb, page, off, part,
						     skb->len + (splice_level == SPLICE_NEWEST ||
								 fix_on(BugId::splice_csum_offset_stale) ? spliced : 0));

			off = 0;
			spliced += part;
			maxsize -= part;
			len -= part;
		} while (len > 0);

		if (maxsize <= 0)
			break;
	}

out:
	skb_len_add(skb, spliced);
	return spliced ?: ret;
}

}  // namespace sc::impl::net
