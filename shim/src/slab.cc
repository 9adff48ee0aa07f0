// SPDX-License-Identifier: GPL-2.0-only
// kmalloc() on slab blocks of the tracking page supply (see shim/linux/slab.h).
#include <linux/skbuff.h>
#include <linux/slab.h>

#include <algorithm>
#include <bit>

extern "C" {

int sysctl_max_skb_frags = MAX_SKB_FRAGS;

void *sc_kmalloc_at(size_t offset, size_t size, gfp_t flags) {
  size_t pages = (offset + std::max<size_t>(size, 1) + PAGE_SIZE - 1) / PAGE_SIZE;
  unsigned order = std::bit_width(std::bit_ceil(pages)) - 1;
  struct page *head = alloc_pages(flags | __GFP_COMP, order);
  if (!head)
    return nullptr;
  head->flags |= PG_slab;
  return static_cast<unsigned char *>(page_address(head)) + offset;
}

void *kmalloc(size_t size, gfp_t flags) { return sc_kmalloc_at(0, size, flags); }

void kfree(const void *object) {
  if (!object)
    return;
  struct page *head = virt_to_head_page(object);
  head->flags &= ~PG_slab;
  put_page(head);
}

}  // extern "C"
