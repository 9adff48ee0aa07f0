// SPDX-License-Identifier: GPL-2.0-only
// The kTLS transmit context the mirrors of net/tls/tls_sw.c and net/tls/tls_device.c
// share, per kernel level. TCP below them is a byte stream the peer reads: a record
// handed down is transmitted (and acknowledged) at once, so its pages go back before
// the next record is built.
#pragma once

#include <impl/net/tls/tls_aead.h>
#include <linux/net.h>
#include <linux/skbuff.h>
#include <linux/skmsg.h>
#include <net/sock.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace sc::tls {

enum class TlsLevel { v6_1, v6_5, newest };

inline constexpr unsigned char TLS_RECORD_TYPE_DATA = 23;
inline constexpr uint32_t TLS_MAX_PAYLOAD_SIZE = 16384;

// tls_sw_context_tx's open record.
struct tls_rec {
  struct sk_msg msg_plaintext;
  struct sk_msg msg_encrypted;
  unsigned char content_type;
};

// The device path's open record (struct tls_record_info).
struct tls_record_info {
  uint32_t len;
  int num_frags;
  skb_frag_t frags[MAX_SKB_FRAGS];
};

struct tls_context {
  TlsLevel level = TlsLevel::newest;
  bool tls13 = false;
  bool zerocopy_sendfile = false;  // TLS_TX_ZEROCOPY_RO
  uint32_t tx_max_payload_len = TLS_MAX_PAYLOAD_SIZE;
  // newest: the copy path's full-list close and the open-full-record check (6.12.95 has
  // neither; 6.12.118 and 7.2 have both).
  bool full_list_fixes = true;
  bool pending_open_record_frags = false;
  unsigned prepend_size = 0, tag_size = kTagSize, overhead_size = 0;
  std::unique_ptr<RecordSealer> sealer;  // tls_do_encryption / the NIC's crypto engine
  std::vector<uint8_t> wire;             // what TCP carried to the peer
  tls_rec *open_rec = nullptr;           // software path
  tls_record_info *open_record = nullptr;  // device path
  uint64_t full_lists_pushed = 0;  // observation, not kernel state: records pushed with a full sk_msg list
  uint64_t full_lists_kept_open = 0;  // observation: a sendmsg loop went on past an open record's full list
};

inline tls_context *tls_get_ctx(const struct sock *sk) { return static_cast<tls_context *>(sk->sk_user_data); }

// Entry points (proto_ops) per level; sendpage and splice_eof are null where the level
// has none.
const struct proto_ops *tls_sw_proto_ops(TlsLevel level);
const struct proto_ops *tls_device_proto_ops(TlsLevel level);

// close(): the open record is freed, its payload never sent; returns those bytes.
uint64_t tls_sw_release_resources_tx(struct sock *sk);
uint64_t tls_device_free_resources_tx(struct sock *sk);

}  // namespace sc::tls
