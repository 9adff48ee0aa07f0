// SPDX-License-Identifier: GPL-2.0-only
// sk_msg ring operations (net/core/skmsg.c) and the socket page fragment
// (net/core/sock.c) behind shim/linux/skmsg.h and shim/net/sock.h.
#include <linux/skmsg.h>
#include <sc/bounds.h>
#include <sc/op_budget.h>

#include <algorithm>
#include <utility>
#include <cerrno>
#include <string>
#include <vector>

namespace {
thread_local std::vector<std::string> t_overruns;
thread_local unsigned t_short_in;  // checks until the armed shortage (0: none armed)
thread_local int t_short_err;
thread_local int t_wait_err;       // what the next wait returns (0: room came)

void free_elem(struct sk_msg *msg, u32 i) {
  struct scatterlist *sge = sk_msg_elem(msg, static_cast<int>(i));
  put_page(sg_page(sge));
  *sge = {};
}
}  // namespace

namespace sc::shim {
std::vector<std::string> take_overruns() { return std::exchange(t_overruns, {}); }
}  // namespace sc::shim

extern "C" {

void sc_overrun(const char *array, unsigned int index, unsigned int size) {
  t_overruns.push_back(std::string(array) + ": entry " + std::to_string(index) + " of " + std::to_string(size));
}

bool skb_page_frag_refill(unsigned int sz, struct page_frag *pfrag, gfp_t gfp) {
  if (pfrag->page) {
    if (page_ref_count(pfrag->page) == 1) {
      pfrag->offset = 0;
      return true;
    }
    if (pfrag->offset + sz <= pfrag->size)
      return true;
    put_page(pfrag->page);
  }
  pfrag->offset = 0;
  pfrag->page = alloc_pages(gfp | __GFP_COMP | __GFP_NOWARN | __GFP_NORETRY, SKB_FRAG_PAGE_ORDER);
  if (pfrag->page) {
    pfrag->size = PAGE_SIZE << SKB_FRAG_PAGE_ORDER;
    return true;
  }
  pfrag->page = alloc_pages(gfp, 0);
  if (pfrag->page) {
    pfrag->size = PAGE_SIZE;
    return true;
  }
  return false;
}

void sc_sk_memory_short(unsigned int nth, int err) {
  t_short_in = nth;
  t_short_err = err;
  t_wait_err = 0;
}

bool sk_stream_memory_free(const struct sock *sk) {
  (void)sk;
  if (t_short_in == 0 || --t_short_in != 0)
    return true;
  t_wait_err = t_short_err;
  return false;
}

int sk_stream_wait_memory(struct sock *sk, long *timeo_p) {
  (void)sk;
  (void)timeo_p;
  return std::exchange(t_wait_err, 0);
}

bool sk_page_frag_refill(struct sock *sk, struct page_frag *pfrag) {
  (void)sk;
  return skb_page_frag_refill(32U, pfrag, GFP_KERNEL);
}

void sk_page_frag_release(struct sock *sk) {
  if (sk->sk_frag.page)
    put_page(sk->sk_frag.page);
  sk->sk_frag = {};
}

int sk_msg_alloc(struct sock *sk, struct sk_msg *msg, int len, int elem_first_coalesce) {
  sc_op_work("sk_msg_alloc");
  struct page_frag *pfrag = sk_page_frag(sk);
  u32 osize = msg->sg.size;
  len -= static_cast<int>(msg->sg.size);
  while (len > 0) {
    if (!sk_page_frag_refill(sk, pfrag)) {
      sk_msg_trim(sk, msg, static_cast<int>(osize));
      return -ENOMEM;
    }
    u32 orig_offset = pfrag->offset;
    u32 use = std::min<u32>(static_cast<u32>(len), pfrag->size - orig_offset);
    u32 i = msg->sg.end;
    sk_msg_iter_var_prev(i);
    struct scatterlist *sge = sk_msg_elem(msg, static_cast<int>(i));
    bool may_coalesce = msg->sg.end != msg->sg.start && static_cast<u32>(elem_first_coalesce) != msg->sg.end;
    if (may_coalesce && sg_page(sge) == pfrag->page && sge->offset + sge->length == orig_offset) {
      sge->length += use;
    } else {
      if (sk_msg_full(msg))
        return -ENOSPC;
      sge = sk_msg_elem(msg, static_cast<int>(msg->sg.end));
      sg_unmark_end(sge);
      sg_set_page(sge, pfrag->page, use, orig_offset);
      get_page(pfrag->page);
      sk_msg_iter_next(msg, end);
    }
    msg->sg.size += use;
    pfrag->offset += use;
    len -= static_cast<int>(use);
  }
  return 0;
}

int sk_msg_clone(struct sock *sk, struct sk_msg *dst, struct sk_msg *src, u32 off, u32 len) {
  sc_op_work("sk_msg_clone");
  (void)sk;
  u32 i = src->sg.start;
  struct scatterlist *sge = sk_msg_elem(src, static_cast<int>(i));
  // Find the source entry holding byte `off`.
  while (off && off >= sge->length) {
    off -= sge->length;
    sk_msg_iter_var_next(i);
    if (i == src->sg.end && off)
      return -ENOSPC;
    sge = sk_msg_elem(src, static_cast<int>(i));
  }
  while (len) {
    u32 sge_len = std::min(sge->length - off, len);
    u32 sge_off = sge->offset + off;
    u32 last = dst->sg.end;
    sk_msg_iter_var_prev(last);
    struct scatterlist *tail = sk_msg_elem(dst, static_cast<int>(last));
    if (dst->sg.end != dst->sg.start && sg_page(tail) == sg_page(sge) && tail->offset + tail->length == sge_off) {
      tail->length += sge_len;
      dst->sg.size += sge_len;
    } else if (!sk_msg_full(dst)) {
      sk_msg_page_add(dst, sg_page(sge), sge_len, sge_off);
    } else {
      return -ENOSPC;
    }
    off = 0;
    len -= sge_len;
    sk_msg_iter_var_next(i);
    if (i == src->sg.end && len)
      return -ENOSPC;
    sge = sk_msg_elem(src, static_cast<int>(i));
  }
  return 0;
}

void sk_msg_trim(struct sock *sk, struct sk_msg *msg, int len) {
  sc_op_work("sk_msg_trim");
  (void)sk;
  u32 target = static_cast<u32>(len);
  if (msg->sg.size <= target)
    return;
  // Drop whole entries from the end while what stays before them covers `target`.
  while (msg->sg.end != msg->sg.start) {
    u32 i = msg->sg.end;
    sk_msg_iter_var_prev(i);
    struct scatterlist *sge = sk_msg_elem(msg, static_cast<int>(i));
    if (msg->sg.size - sge->length < target) {
      sge->length -= msg->sg.size - target;
      msg->sg.size = target;
      break;
    }
    msg->sg.size -= sge->length;
    free_elem(msg, i);
    msg->sg.end = i;
    if (msg->sg.size == target)
      break;
  }
  // Copies resume inside what is left.
  if (msg->sg.curr != msg->sg.end && sk_msg_iter_dist(msg->sg.start, msg->sg.curr) >= sk_msg_elem_used(msg)) {
    msg->sg.curr = msg->sg.end;
    msg->sg.copybreak = 0;
  }
}

int sk_msg_memcopy_from_iter(struct sock *sk, struct iov_iter *from, struct sk_msg *msg, u32 bytes) {
  sc_op_work("sk_msg_memcopy_from_iter");
  (void)sk;
  u32 i = msg->sg.curr;
  if (i == msg->sg.end)
    return -ENOSPC;
  do {
    struct scatterlist *sge = sk_msg_elem(msg, static_cast<int>(i));
    if (msg->sg.copybreak >= sge->length) {  // a trim shrank it, or it is used up
      msg->sg.copybreak = 0;
      sk_msg_iter_var_next(i);
      if (i == msg->sg.end)
        break;
      sge = sk_msg_elem(msg, static_cast<int>(i));
    }
    u32 copy = std::min(sge->length - msg->sg.copybreak, bytes);
    char *to = static_cast<char *>(sg_virt(sge)) + msg->sg.copybreak;
    msg->sg.copybreak += copy;
    if (copy_from_iter(to, copy, from) != copy) {
      msg->sg.curr = i;
      return -EFAULT;
    }
    bytes -= copy;
    if (!bytes)
      break;
    msg->sg.copybreak = 0;
    sk_msg_iter_var_next(i);
  } while (i != msg->sg.end);
  msg->sg.curr = i;
  return bytes ? -ENOSPC : 0;
}

int sk_msg_free(struct sock *sk, struct sk_msg *msg) {
  (void)sk;
  int freed = static_cast<int>(msg->sg.size);
  for (u32 i = msg->sg.start; i != msg->sg.end;) {
    free_elem(msg, i);
    sk_msg_iter_var_next(i);
  }
  sk_msg_init(msg);
  return freed;
}

}  // extern "C"
