// SPDX-License-Identifier: GPL-2.0-only
// Mirror of net/tls/tls_device.c's transmit side: records built as frag arrays (the
// prepend in frag 0, data copied into the socket's page fragment or, with
// TLS_TX_ZEROCOPY_RO, spliced pages, a tag placeholder last), closed at the payload
// limit or at 16 frags, and handed to an emulated NIC that seals them. The NIC, like
// the kernel's offload, supports TLS 1.2 only.
#include <impl/net/tls/tls.h>

#include <api/bugs.h>
#include <linux/bvec.h>

#include <algorithm>
#include <cerrno>

namespace sc::tls {
namespace {

void destroy_record(tls_record_info *record) {
  for (int i = 0; i < record->num_frags; i++)
    put_page(skb_frag_page(&record->frags[i]));
  delete record;
}

void tls_append_frag(tls_record_info *record, struct page_frag *pfrag, int size) {
  skb_frag_t *frag = &record->frags[record->num_frags - 1];
  if (skb_frag_page(frag) == pfrag->page && skb_frag_off(frag) + skb_frag_size(frag) == pfrag->offset) {
    skb_frag_size_add(frag, size);
  } else if (record->num_frags == MAX_SKB_FRAGS) {
    sc_overrun("tls_record_info frags", MAX_SKB_FRAGS + 1, MAX_SKB_FRAGS);
    return;
  } else {
    ++frag;
    bvec_set_page(frag, pfrag->page, static_cast<unsigned>(size), pfrag->offset);
    ++record->num_frags;
    get_page(pfrag->page);
  }
  pfrag->offset += static_cast<u32>(size);
  record->len += static_cast<u32>(size);
}

// The emulated NIC: reads the payload between prepend and tag, seals it, transmits;
// the record is acknowledged at once and its pages go back.
int tls_push_record(struct sock *sk, tls_context *ctx, tls_record_info *record, unsigned char record_type) {
  std::vector<uint8_t> bytes;
  for (int i = 0; i < record->num_frags; i++) {
    auto *p = static_cast<uint8_t *>(page_address(skb_frag_page(&record->frags[i]))) + skb_frag_off(&record->frags[i]);
    bytes.insert(bytes.end(), p, p + skb_frag_size(&record->frags[i]));
  }
  size_t payload = record->len - ctx->prepend_size - ctx->tag_size;
  std::vector<uint8_t> sealed(payload + ctx->overhead_size);
  if (!ctx->sealer->seal(record_type, bytes.data() + ctx->prepend_size, payload, sealed.data(), sealed.size()))
    sc_overrun("AEAD output", static_cast<unsigned>(sealed.size()), static_cast<unsigned>(sealed.size()));
  ctx->wire.insert(ctx->wire.end(), sealed.begin(), sealed.end());
  ctx->open_record = nullptr;
  destroy_record(record);
  (void)sk;
  return 0;
}

void tls_device_record_close(struct sock *sk, tls_context *ctx, tls_record_info *record, struct page_frag *pfrag) {
  if (pfrag->size - pfrag->offset < ctx->tag_size)
    skb_page_frag_refill(ctx->tag_size, pfrag, GFP_KERNEL);
  tls_append_frag(record, pfrag, static_cast<int>(ctx->tag_size));
  (void)sk;
}

int tls_create_new_record(tls_context *ctx, struct page_frag *pfrag, size_t prepend_size) {
  auto *record = new tls_record_info{};
  bvec_set_page(&record->frags[0], pfrag->page, static_cast<unsigned>(prepend_size), pfrag->offset);
  get_page(pfrag->page);
  pfrag->offset += static_cast<u32>(prepend_size);
  record->num_frags = 1;
  record->len = static_cast<u32>(prepend_size);
  ctx->open_record = record;
  return 0;
}

int tls_do_allocation(struct sock *sk, tls_context *ctx, struct page_frag *pfrag, size_t prepend_size) {
  if (!ctx->open_record) {
    if (!skb_page_frag_refill(static_cast<unsigned>(prepend_size), pfrag, GFP_KERNEL))
      return -ENOMEM;
    tls_create_new_record(ctx, pfrag, prepend_size);
    if (pfrag->size > pfrag->offset)
      return 0;
  }
  return sk_page_frag_refill(sk, pfrag) ? 0 : -ENOMEM;
}

// zc: append the iterator's pages as they are (v6.1's zc_page, later MSG_SPLICE_PAGES).
int tls_push_data(struct sock *sk, struct iov_iter *iter, size_t size, int flags, unsigned char record_type,
                  bool zc) {
  tls_context *ctx = tls_get_ctx(sk);
  unsigned allowed = MSG_MORE | MSG_DONTWAIT | MSG_NOSIGNAL |
                     (ctx->level == TlsLevel::v6_1 ? MSG_SENDPAGE_NOTLAST : MSG_SPLICE_PAGES) |
                     (ctx->level == TlsLevel::newest ? MSG_EOR : 0);
  if (flags & ~allowed)
    return -EOPNOTSUPP;
  if ((flags & (MSG_MORE | MSG_EOR)) == (MSG_MORE | MSG_EOR))
    return -EINVAL;
  if (sk->sk_err)
    return -sk->sk_err;
  struct page_frag *pfrag = sk_page_frag(sk);
  size_t orig_size = size;
  uint32_t max_open_record_len = ctx->tx_max_payload_len + ctx->prepend_size;
  bool more = false, done = false;
  int rc = 0;
  do {
    rc = tls_do_allocation(sk, ctx, pfrag, ctx->prepend_size);
    if (rc)
      break;
    tls_record_info *record = ctx->open_record;
    size_t copy = std::min<size_t>(size, max_open_record_len - record->len);
    if (copy && zc) {
      struct page_frag zc_pfrag;
      struct page **pages = &zc_pfrag.page;
      size_t off;
      ssize_t got = iov_iter_extract_pages(iter, &pages, copy, 1, 0, &off);
      if (got <= 0) {
        rc = got ? static_cast<int>(got) : -EIO;
        break;
      }
      copy = static_cast<size_t>(got);
      zc_pfrag.offset = static_cast<u32>(off);
      zc_pfrag.size = static_cast<u32>(copy);
      tls_append_frag(record, &zc_pfrag, static_cast<int>(copy));
    } else if (copy) {
      copy = std::min<size_t>(copy, pfrag->size - pfrag->offset);
      copy_from_iter(static_cast<uint8_t *>(page_address(pfrag->page)) + pfrag->offset, copy, iter);
      tls_append_frag(record, pfrag, static_cast<int>(copy));
    }
    size -= copy;
    if (!size) {
      bool room = record->num_frags < MAX_SKB_FRAGS - 1 || bug_enabled(BugId::mut_tls_device_frag_overflow);
      if ((flags & MSG_MORE) && room) {
        more = true;
        break;
      }
      done = true;
    }
    if (done || record->len >= max_open_record_len || record->num_frags >= MAX_SKB_FRAGS - 1) {
      tls_device_record_close(sk, ctx, record, pfrag);
      rc = tls_push_record(sk, ctx, record, record_type);
      if (rc < 0)
        break;
    }
  } while (!done);
  ctx->pending_open_record_frags = more;
  if (orig_size - size > 0)
    rc = static_cast<int>(orig_size - size);
  return rc;
}

int tls_device_push_pending_record(struct sock *sk, int flags) {
  struct iov_iter iter;
  iov_iter_kvec(&iter, ITER_SOURCE, nullptr, 0, 0);
  return tls_push_data(sk, &iter, 0, flags, TLS_RECORD_TYPE_DATA, false);
}

template <TlsLevel L> int tls_device_sendmsg(struct socket *sock, struct msghdr *msg, size_t size) {
  struct sock *sk = sock->sk;
  tls_context *ctx = tls_get_ctx(sk);
  unsigned char record_type = TLS_RECORD_TYPE_DATA;
  if (!ctx->zerocopy_sendfile)
    msg->msg_flags &= ~MSG_SPLICE_PAGES;
  if (msg->msg_controllen) {
    if (msg->msg_flags & MSG_MORE)
      return -EINVAL;
    if (ctx->pending_open_record_frags) {
      int rc = tls_device_push_pending_record(sk, static_cast<int>(msg->msg_flags));
      if (rc < 0)
        return rc;
    }
    record_type = msg->record_type;
  }
  return tls_push_data(sk, &msg->msg_iter, size, static_cast<int>(msg->msg_flags), record_type,
                       msg->msg_flags & MSG_SPLICE_PAGES);
}

// v6.1: the page is copied (kmap + a kvec), or appended as is with TLS_TX_ZEROCOPY_RO;
// MSG_SENDPAGE_NOTLAST counts as MSG_MORE.
ssize_t tls_device_sendpage_v6_1(struct socket *sock, struct page *page, int offset, size_t size, int flags) {
  tls_context *ctx = tls_get_ctx(sock->sk);
  if (flags & MSG_SENDPAGE_NOTLAST)
    flags |= MSG_MORE;
  flags &= ~MSG_SENDPAGE_NOTLAST;
  struct iov_iter iter;
  struct bio_vec bvec;
  struct kvec kv;
  if (ctx->zerocopy_sendfile) {
    bvec_set_page(&bvec, page, static_cast<unsigned>(size), static_cast<unsigned>(offset));
    iov_iter_bvec(&iter, ITER_SOURCE, &bvec, 1, size);
  } else {
    kv = {static_cast<char *>(page_address(page)) + offset, size};
    iov_iter_kvec(&iter, ITER_SOURCE, &kv, 1, size);
  }
  return tls_push_data(sock->sk, &iter, size, flags, TLS_RECORD_TYPE_DATA, ctx->zerocopy_sendfile);
}

ssize_t tls_device_sendpage_v6_5(struct socket *sock, struct page *page, int offset, size_t size, int flags) {
  struct bio_vec bvec;
  struct msghdr msg = {};
  if (flags & MSG_SENDPAGE_NOTLAST)
    flags |= MSG_MORE;
  bvec_set_page(&bvec, page, static_cast<unsigned>(size), static_cast<unsigned>(offset));
  msg.msg_flags = (static_cast<unsigned>(flags) & ~MSG_SENDPAGE_NOTLAST) | MSG_SPLICE_PAGES;
  iov_iter_bvec(&msg.msg_iter, ITER_SOURCE, &bvec, 1, size);
  return tls_device_sendmsg<TlsLevel::v6_5>(sock, &msg, size);
}

void tls_device_splice_eof(struct socket *sock) {
  if (bug_enabled(BugId::mut_tls_no_splice_eof))
    return;
  if (!tls_get_ctx(sock->sk)->pending_open_record_frags)
    return;
  struct iov_iter iter;
  iov_iter_bvec(&iter, ITER_SOURCE, nullptr, 0, 0);
  tls_push_data(sock->sk, &iter, 0, 0, TLS_RECORD_TYPE_DATA, false);
}

const struct proto_ops kOpsV61 = {tls_device_sendmsg<TlsLevel::v6_1>, tls_device_sendpage_v6_1, nullptr};
const struct proto_ops kOpsV65 = {tls_device_sendmsg<TlsLevel::v6_5>, tls_device_sendpage_v6_5, tls_device_splice_eof};
const struct proto_ops kOpsNewest = {tls_device_sendmsg<TlsLevel::newest>, nullptr, tls_device_splice_eof};

}  // namespace

const struct proto_ops *tls_device_proto_ops(TlsLevel level) {
  return level == TlsLevel::v6_1 ? &kOpsV61 : level == TlsLevel::v6_5 ? &kOpsV65 : &kOpsNewest;
}

uint64_t tls_device_free_resources_tx(struct sock *sk) {
  tls_context *ctx = tls_get_ctx(sk);
  tls_record_info *record = ctx->open_record;
  if (!record)
    return 0;
  uint64_t dropped = record->len - ctx->prepend_size;
  ctx->open_record = nullptr;
  destroy_record(record);
  return dropped;
}

}  // namespace sc::tls
