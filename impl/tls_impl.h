// SPDX-License-Identifier: GPL-2.0-only
// Runs a TLS scenario on the kernel mirrors (impl/net/tls/) of one profile and path:
// a fresh socket with the fixed test keys, each op through the entry point the kernel
// would use (sendmsg, the splice layer, in-kernel sendpage), then close(). What comes
// out is what a peer and the harness can see: the byte stream on the wire, each call's
// return, the bytes close() dropped, and any refused write past a fixed-size array.
#pragma once

#include <api/profiles.h>
#include <api/tls_scenario.h>
#include <impl/net/tls/tls_aead.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sc::tls {

struct Overrun {
  size_t op_index;  // 1-based; ops.size() + 1 for close
  std::string what;
};

// What the software path's open record went through during one op: what the rows'
// triggers read (props/tls_triggers.cc).
struct OpFacts {
  bool full_after = false;   // the open record's sk_msg list was full when the op ended
  bool pushed_full = false;  // the op pushed a record whose list was full
  bool kept_full_open = false;  // the op went on with the open record's list full, unpushed
};

struct ImplRun {
  std::vector<uint8_t> wire;
  std::vector<int64_t> returns;
  uint64_t discarded = 0;
  std::vector<Overrun> overruns;
  // What the calls accepted, in order, with the record type each byte was sent as: the
  // stream the peer must read (less what close() discarded).
  std::vector<uint8_t> accepted;
  std::vector<uint8_t> accepted_types;
  std::vector<std::string> page_errors;  // refcount misuse, or pages still held after close
  // The op (ops.size() + 1: close) that went over its work budget; the run stopped there.
  std::optional<Overrun> no_progress;
  std::vector<OpFacts> facts;  // per op begun (software path; all false on the device path)
};

// The bytes a scenario op offers, positions [first, first + n): byte k of op i is
// (i * 151) ^ (k * 7) ^ (k >> 8) ^ (k >> 16), truncated to 8 bits (ops and file offsets
// differ, so a misplaced byte shows).
void fill_content(size_t op_index, uint64_t first, uint8_t *out, size_t n);

// Seals with `keys` (default: the fixed test keys of the scenario's version). Only
// newest (7.2) has TLS_TX_MAX_PAYLOAD_LEN.
// REQUIRES: device path only with TLS 1.2 (the offload refuses 1.3).
ImplRun run_impl(const Scenario &s, Profile profile, Path path, const TlsKeys *keys = nullptr);

}  // namespace sc::tls
