// SPDX-License-Identifier: GPL-2.0-only
// Mirror of net/tls/tls_sw.c's transmit side at three levels: v6.1 (sendmsg copies,
// ->sendpage for splice and sendfile), v6.5 (MSG_SPLICE_PAGES as first merged, the
// sendpage wrapper, splice_eof), newest (7.2: a full sk_msg closes its record,
// MSG_EOR, TLS_TX_MAX_PAYLOAD_LEN). The crypto context is taken as async-capable (as
// with the AES-NI driver), so user data is always copied, never mapped.
#include <impl/net/tls/tls.h>

#include <api/bugs.h>
#include <impl/test_defects.h>
#include <linux/bvec.h>

#include <algorithm>
#include <cerrno>

namespace sc::tls {
namespace {

tls_rec *tls_get_rec(struct sock *sk) {
  (void)sk;
  auto *rec = new tls_rec{};
  sk_msg_init(&rec->msg_plaintext);
  sk_msg_init(&rec->msg_encrypted);
  return rec;
}

void tls_free_open_rec(struct sock *sk) {
  tls_context *ctx = tls_get_ctx(sk);
  if (!ctx->open_rec)
    return;
  sk_msg_free(sk, &ctx->open_rec->msg_plaintext);
  sk_msg_free(sk, &ctx->open_rec->msg_encrypted);
  delete ctx->open_rec;
  ctx->open_rec = nullptr;
}

// Walks a message's entries in ring order.
template <typename Fn> void for_each_sge(struct sk_msg *msg, Fn fn) {
  for (u32 i = msg->sg.start; i != msg->sg.end;) {
    fn(sk_msg_elem(msg, static_cast<int>(i)));
    sk_msg_iter_var_next(i);
  }
}

// Encrypts the open record into its encrypted buffer (the AEAD writes header, nonce,
// ciphertext and tag there, over the aliased plaintext), then tls_tx_records(): TCP
// sends every byte of the encrypted buffer, whatever its size.
int tls_push_record(struct sock *sk, unsigned char record_type) {
  tls_context *ctx = tls_get_ctx(sk);
  tls_rec *rec = ctx->open_rec;
  if (!rec)
    return 0;
  struct sk_msg *msg_pl = &rec->msg_plaintext, *msg_en = &rec->msg_encrypted;
  rec->content_type = record_type;
  ctx->full_lists_pushed += sk_msg_full(msg_pl);
  std::vector<uint8_t> plain;
  plain.reserve(msg_pl->sg.size);
  for_each_sge(msg_pl, [&](struct scatterlist *sge) {
    auto *p = static_cast<uint8_t *>(sg_virt(sge));
    plain.insert(plain.end(), p, p + sge->length);
  });
  std::vector<uint8_t> sealed(plain.size() + ctx->overhead_size -
                              (impl::test_defect_on(impl::TestDefect::seal_overrun) ? 1 : 0));
  if (!ctx->sealer->seal(record_type, plain.data(), plain.size(), sealed.data(), sealed.size()))
    sc_overrun("AEAD output", static_cast<unsigned>(sealed.size()), static_cast<unsigned>(sealed.size()));
  size_t at = 0;
  for_each_sge(msg_en, [&](struct scatterlist *sge) {
    size_t n = std::min<size_t>(sge->length, sealed.size() - std::min(at, sealed.size()));
    std::copy_n(sealed.begin() + static_cast<long>(at), n, static_cast<uint8_t *>(sg_virt(sge)));
    at += n;
  });
  ctx->pending_open_record_frags = false;
  for_each_sge(msg_en, [&](struct scatterlist *sge) {
    auto *p = static_cast<uint8_t *>(sg_virt(sge));
    ctx->wire.insert(ctx->wire.end(), p, p + sge->length);
  });
  tls_free_open_rec(sk);
  return 0;
}

int tls_sw_push_pending_record(struct sock *sk) {
  tls_context *ctx = tls_get_ctx(sk);
  if (!ctx->open_rec || !ctx->open_rec->msg_plaintext.sg.size)
    return 0;
  return tls_push_record(sk, TLS_RECORD_TYPE_DATA);
}

// A control message: a record type for this call's data; an open data record goes first.
int tls_process_cmsg(struct sock *sk, struct msghdr *msg, unsigned char *record_type) {
  if (msg->msg_flags & MSG_MORE)
    return -EINVAL;
  if (tls_get_ctx(sk)->pending_open_record_frags) {
    int rc = tls_sw_push_pending_record(sk);
    if (rc)
      return rc;
  }
  *record_type = msg->record_type;
  return 0;
}

int tls_alloc_encrypted_msg(struct sock *sk, int len) {
  return sk_msg_alloc(sk, &tls_get_ctx(sk)->open_rec->msg_encrypted, len, 0);
}

// The plaintext aliases the encrypted buffer, just past the prepend and what is in it.
int tls_clone_plaintext_msg(struct sock *sk, int required) {
  tls_context *ctx = tls_get_ctx(sk);
  struct sk_msg *msg_pl = &ctx->open_rec->msg_plaintext, *msg_en = &ctx->open_rec->msg_encrypted;
  int len = required - static_cast<int>(msg_pl->sg.size);
  u32 skip = ctx->prepend_size + msg_pl->sg.size;
  return sk_msg_clone(sk, msg_pl, msg_en, skip, static_cast<u32>(len));
}

void tls_trim_both_msgs(struct sock *sk, int target_size) {
  tls_context *ctx = tls_get_ctx(sk);
  sk_msg_trim(sk, &ctx->open_rec->msg_plaintext, target_size);
  if (target_size > 0)
    target_size += static_cast<int>(ctx->overhead_size);
  sk_msg_trim(sk, &ctx->open_rec->msg_encrypted, target_size);
}

int tls_sw_sendmsg_splice(struct msghdr *msg, struct sk_msg *msg_pl, size_t try_to_copy,
                          ssize_t *copied) {
  struct page *page = nullptr, **pages = &page;
  if (impl::test_defect_on(impl::TestDefect::tls_full_list_loops) && sk_msg_full(msg_pl))
    return 0;  // test defect: waits for room that only closing the record makes
  do {
    size_t off;
    ssize_t part = iov_iter_extract_pages(&msg->msg_iter, &pages, try_to_copy, 1, 0, &off);
    if (part <= 0)
      return part ? static_cast<int>(part) : -EIO;
    if (!sendpage_ok(page)) {
      iov_iter_revert(&msg->msg_iter, static_cast<size_t>(part));
      return -EIO;
    }
    sk_msg_page_add(msg_pl, page, static_cast<u32>(part), static_cast<u32>(off));
    msg_pl->sg.copybreak = 0;
    msg_pl->sg.curr = msg_pl->sg.end;
    *copied += part;
    try_to_copy -= static_cast<size_t>(part);
  } while (try_to_copy && !sk_msg_full(msg_pl));
  return 0;
}

int tls_sw_sendmsg_locked(struct sock *sk, struct msghdr *msg) {
  tls_context *ctx = tls_get_ctx(sk);
  bool newest = ctx->level == TlsLevel::newest;
  unsigned char record_type = TLS_RECORD_TYPE_DATA;
  bool eor = !(msg->msg_flags & MSG_MORE) || bug_enabled(BugId::mut_tls_more_ignored);
  ssize_t copied = 0;
  int ret = 0;
  if (newest && !eor && (msg->msg_flags & MSG_EOR))
    return -EINVAL;
  if (msg->msg_controllen) {
    ret = tls_process_cmsg(sk, msg, &record_type);
    if (ret)
      return ret;
  }
  while (msg_data_left(msg)) {
    if (sk->sk_err)
      return copied > 0 ? static_cast<int>(copied) : -sk->sk_err;
    if (!ctx->open_rec)
      ctx->open_rec = tls_get_rec(sk);
    tls_rec *rec = ctx->open_rec;
    struct sk_msg *msg_pl = &rec->msg_plaintext, *msg_en = &rec->msg_encrypted;
    int orig_size = static_cast<int>(msg_pl->sg.size);
    bool full_record = false;
    size_t try_to_copy = msg_data_left(msg);
    uint32_t max_payload = bug_enabled(BugId::mut_tls_ignores_max_payload) ? TLS_MAX_PAYLOAD_SIZE : ctx->tx_max_payload_len;
    size_t record_room = max_payload - msg_pl->sg.size;
    if (bug_enabled(BugId::mut_tls_room_strict) ? try_to_copy > record_room : try_to_copy >= record_room) {
      try_to_copy = std::min(try_to_copy, record_room);
      full_record = true;
    }
    int required_size = static_cast<int>(msg_pl->sg.size + try_to_copy + ctx->overhead_size);
    bool closes_full = newest && !bug_enabled(BugId::mut_tls_splice_onto_full) &&
                     !impl::test_defect_on(impl::TestDefect::tls_full_list_loops);
    // Fix switch: v6.5 with newest's full-list rules (the open-full check, the copy's close).
    bool v65_fixed = ctx->level == TlsLevel::v6_5 && fix_on(BugId::tls_v65_splice_onto_full);
    // wait_for_sndbuf, at every pass, every level: a wait that fails trims the open
    // record back to where this pass found it and ends the call with what it took.
    if (!sk_stream_memory_free(sk)) {
      long timeo = 0;
      ret = sk_stream_wait_memory(sk, &timeo);
      if (ret) {
        tls_trim_both_msgs(sk, orig_size);
        break;
      }
    }
    // Newest: an open record may be full if the last sendmsg could not push it.
    if (((closes_full && ctx->full_list_fixes) || v65_fixed) && sk_msg_full(msg_pl)) {
      full_record = true;
      sk_msg_trim(sk, msg_en, static_cast<int>(msg_pl->sg.size + ctx->overhead_size));
      goto copied;
    }
    ret = tls_alloc_encrypted_msg(sk, required_size);
    if (ret) {
      if (ret != -ENOSPC)
        break;
      try_to_copy -= static_cast<size_t>(required_size) - msg_en->sg.size;
      full_record = true;
    }
    if (try_to_copy && (msg->msg_flags & MSG_SPLICE_PAGES)) {
      ret = tls_sw_sendmsg_splice(msg, msg_pl, try_to_copy, &copied);
      if (ret < 0)
        break;
      ctx->pending_open_record_frags = true;
      if (!newest) {  // v6.5: a full list under MSG_MORE stays open, unpushed
        if (sk_msg_full(msg_pl) && fix_on(BugId::tls_v65_splice_onto_full))
          full_record = true;
        if (sk_msg_full(msg_pl) && fix_on(BugId::tls_v65_encrypted_untrimmed))
          sk_msg_trim(sk, msg_en, static_cast<int>(msg_pl->sg.size + ctx->overhead_size));
        if (impl::test_defect_on(impl::TestDefect::tls_v65_splice_unpushed) && !full_record && !sk_msg_full(msg_pl))
          continue;  // test defect: the end of the call no longer pushes
        if (full_record || eor || sk_msg_full(msg_pl))
          goto copied;
        continue;
      }
      if (sk_msg_full(msg_pl)) {
        if (closes_full)
          full_record = true;
        if (!bug_enabled(BugId::mut_tls_encrypted_untrimmed))
          sk_msg_trim(sk, msg_en, static_cast<int>(msg_pl->sg.size + ctx->overhead_size));
      }
      if (full_record || eor)
        goto copied;
      continue;
    }
    required_size = static_cast<int>(msg_pl->sg.size + try_to_copy);
    ret = tls_clone_plaintext_msg(sk, required_size);
    if (ret) {
      if (ret != -ENOSPC)
        break;
      try_to_copy -= static_cast<size_t>(required_size) - msg_pl->sg.size;
      full_record = true;
      sk_msg_trim(sk, msg_en, static_cast<int>(msg_pl->sg.size + ctx->overhead_size));
    }
    if (try_to_copy) {
      ret = sk_msg_memcopy_from_iter(sk, &msg->msg_iter, msg_pl, static_cast<u32>(try_to_copy));
      if (ret < 0) {
        tls_trim_both_msgs(sk, orig_size);
        break;
      }
      if (((newest && ctx->full_list_fixes) || v65_fixed) && sk_msg_full(msg_pl)) {
        full_record = true;
        sk_msg_trim(sk, msg_en, static_cast<int>(msg_pl->sg.size + ctx->overhead_size));
      }
    }
    ctx->pending_open_record_frags = true;
    copied += static_cast<ssize_t>(try_to_copy);
  copied:
    if (full_record || eor) {
      ret = tls_push_record(sk, record_type);
      if (ret)
        break;
    } else {
      ctx->full_lists_kept_open += sk_msg_full(msg_pl);
    }
  }
  return copied > 0 ? static_cast<int>(copied) : ret;
}

unsigned allowed_flags(TlsLevel level) {
  unsigned f = MSG_MORE | MSG_DONTWAIT | MSG_NOSIGNAL;
  if (level != TlsLevel::v6_1)
    f |= MSG_SPLICE_PAGES | MSG_SENDPAGE_NOPOLICY;
  if (level == TlsLevel::newest)
    f |= MSG_EOR;
  return f;
}

template <TlsLevel L> int tls_sw_sendmsg(struct socket *sock, struct msghdr *msg, size_t) {
  if (msg->msg_flags & ~allowed_flags(L))
    return -EOPNOTSUPP;
  return tls_sw_sendmsg_locked(sock->sk, msg);
}

// v6.1: one page range per call; only MSG_SENDPAGE_NOTLAST keeps the record open.
ssize_t tls_sw_do_sendpage(struct sock *sk, struct page *page, int offset, size_t size, int flags) {
  tls_context *ctx = tls_get_ctx(sk);
  bool eor = !(flags & MSG_SENDPAGE_NOTLAST);
  ssize_t copied = 0;
  while (size > 0) {
    if (!ctx->open_rec)
      ctx->open_rec = tls_get_rec(sk);
    struct sk_msg *msg_pl = &ctx->open_rec->msg_plaintext;
    bool full_record = false;
    size_t record_room = TLS_MAX_PAYLOAD_SIZE - msg_pl->sg.size;
    size_t copy = size;
    if (impl::test_defect_on(impl::TestDefect::sendpage_exact_fill) ? copy > record_room : copy >= record_room) {
      copy = record_room;
      full_record = true;
    }
    size_t required_size = msg_pl->sg.size + copy + ctx->overhead_size;
    // wait_for_sndbuf: a wait that fails ends the call with what it took so far.
    if (!sk_stream_memory_free(sk)) {
      long timeo = 0;
      int err = sk_stream_wait_memory(sk, &timeo);
      if (err) {
        if (full_record)
          tls_trim_both_msgs(sk, static_cast<int>(msg_pl->sg.size));
        return copied ? copied : err;
      }
    }
    int ret = tls_alloc_encrypted_msg(sk, static_cast<int>(required_size));
    if (ret) {
      if (ret != -ENOSPC)
        return copied ? copied : ret;
      copy -= required_size - msg_pl->sg.size;
      full_record = true;
    }
    sk_msg_page_add(msg_pl, page, static_cast<u32>(copy), static_cast<u32>(offset));
    msg_pl->sg.copybreak = 0;
    msg_pl->sg.curr = msg_pl->sg.end;
    offset += static_cast<int>(copy);
    size -= copy;
    copied += static_cast<ssize_t>(copy);
    ctx->pending_open_record_frags = true;
    if (full_record || eor || sk_msg_full(msg_pl)) {
      ret = tls_push_record(sk, TLS_RECORD_TYPE_DATA);
      if (ret)
        return copied ? copied : ret;
    }
  }
  return copied;
}

ssize_t tls_sw_sendpage_v6_1(struct socket *sock, struct page *page, int offset, size_t size, int flags) {
  if (flags & ~(MSG_MORE | MSG_DONTWAIT | MSG_NOSIGNAL | MSG_SENDPAGE_NOTLAST | MSG_SENDPAGE_NOPOLICY))
    return -EOPNOTSUPP;
  return tls_sw_do_sendpage(sock->sk, page, offset, size, flags);
}

// v6.5's ->sendpage: a one-element bvec handed to sendmsg with MSG_SPLICE_PAGES.
ssize_t tls_sw_sendpage_v6_5(struct socket *sock, struct page *page, int offset, size_t size, int flags) {
  struct bio_vec bvec;
  struct msghdr msg = {};
  if (flags & MSG_SENDPAGE_NOTLAST)
    flags |= MSG_MORE;
  if (bug_enabled(BugId::mut_tls_bvec_swapped))
    bvec_set_page(&bvec, page, static_cast<unsigned>(offset), static_cast<unsigned>(size));
  else
    bvec_set_page(&bvec, page, static_cast<unsigned>(size), static_cast<unsigned>(offset));
  msg.msg_flags = (static_cast<unsigned>(flags) & ~MSG_SENDPAGE_NOTLAST) | MSG_SPLICE_PAGES;
  iov_iter_bvec(&msg.msg_iter, ITER_SOURCE, &bvec, 1, bvec.bv_len);
  return tls_sw_sendmsg<TlsLevel::v6_5>(sock, &msg, bvec.bv_len);
}

// Splice met EOF without SPLICE_F_MORE: push what the open record holds.
void tls_sw_splice_eof(struct socket *sock) {
  if (bug_enabled(BugId::mut_tls_no_splice_eof))
    return;
  tls_sw_push_pending_record(sock->sk);
}

const struct proto_ops kOpsV61 = {tls_sw_sendmsg<TlsLevel::v6_1>, tls_sw_sendpage_v6_1, nullptr};
const struct proto_ops kOpsV65 = {tls_sw_sendmsg<TlsLevel::v6_5>, tls_sw_sendpage_v6_5, tls_sw_splice_eof};
const struct proto_ops kOpsNewest = {tls_sw_sendmsg<TlsLevel::newest>, nullptr, tls_sw_splice_eof};

}  // namespace

const struct proto_ops *tls_sw_proto_ops(TlsLevel level) {
  return level == TlsLevel::v6_1 ? &kOpsV61 : level == TlsLevel::v6_5 ? &kOpsV65 : &kOpsNewest;
}

uint64_t tls_sw_release_resources_tx(struct sock *sk) {
  tls_context *ctx = tls_get_ctx(sk);
  uint64_t dropped = ctx->open_rec ? ctx->open_rec->msg_plaintext.sg.size : 0;
  tls_free_open_rec(sk);
  return dropped;
}

}  // namespace sc::tls
