/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * splicecheck shim (custom): page and folio reference counts. Atomic like the kernel's,
 * each a scheduling point; an underflow is reported to the supply rather than ignored.
 */
#ifndef _SC_LINUX_PAGE_REF_H
#define _SC_LINUX_PAGE_REF_H

#include <linux/mm_types.h>
#include <linux/sc_sched.h>

#ifdef __cplusplus
extern "C" {
#endif
void sc_page_ref_underflow(struct page *page, int value);
#ifdef __cplusplus
}
#endif

static inline int page_ref_count(const struct page *page)
{
	sc_sched_point("page_ref_count");
	return __atomic_load_n(&page->_refcount, __ATOMIC_SEQ_CST);
}

static inline void set_page_count(struct page *page, int v)
{
	sc_sched_point("set_page_count");
	__atomic_store_n(&page->_refcount, v, __ATOMIC_SEQ_CST);
}

static inline int sc_page_ref_mod(struct page *page, int nr)
{
	int v;

	sc_sched_point("page_ref_mod");
	v = __atomic_add_fetch(&page->_refcount, nr, __ATOMIC_SEQ_CST);
	if (v < 0)
		sc_page_ref_underflow(page, v);
	return v;
}

static inline void page_ref_add(struct page *page, int nr) { sc_page_ref_mod(page, nr); }
static inline void page_ref_sub(struct page *page, int nr) { sc_page_ref_mod(page, -nr); }
static inline void page_ref_inc(struct page *page) { sc_page_ref_mod(page, 1); }
static inline void page_ref_dec(struct page *page) { sc_page_ref_mod(page, -1); }
static inline bool page_ref_sub_and_test(struct page *page, int nr) { return sc_page_ref_mod(page, -nr) == 0; }
static inline bool page_ref_dec_and_test(struct page *page) { return sc_page_ref_mod(page, -1) == 0; }

/* A speculative reference (page cache and GUP walkers): never revives a freed page. */
static inline bool page_ref_add_unless(struct page *page, int nr, int u)
{
	int v;

	sc_sched_point("page_ref_add_unless");
	v = __atomic_load_n(&page->_refcount, __ATOMIC_SEQ_CST);
	do {
		if (v == u)
			return false;
	} while (!__atomic_compare_exchange_n(&page->_refcount, &v, v + nr, false, __ATOMIC_SEQ_CST,
					      __ATOMIC_SEQ_CST));
	return true;
}

/* struct folio starts with its head page; cast rather than dereference (see mm.h). */
static inline int folio_ref_count(const struct folio *folio) { return page_ref_count((const struct page *)folio); }
static inline void folio_set_count(struct folio *folio, int v) { set_page_count((struct page *)folio, v); }
static inline void folio_ref_add(struct folio *folio, int nr) { page_ref_add((struct page *)folio, nr); }
static inline void folio_ref_sub(struct folio *folio, int nr) { page_ref_sub((struct page *)folio, nr); }
static inline bool folio_ref_sub_and_test(struct folio *folio, int nr) { return page_ref_sub_and_test((struct page *)folio, nr); }

#endif
