// SPDX-License-Identifier: GPL-2.0-only
// TLS record splitting as a reference model: a scenario in, the records a peer would
// read out (content type, plaintext length), the bytes each call accepted and the bytes
// close() discarded. Software path: SPEC §3.7 with the rules KERNEL-ORACLE.md measured
// on real 6.1, 6.12 and 7.2 kernels. Device path: SPEC §3.9, read from 6.1's and 7.2's
// tls_device.c. Assumptions (as the impl's environment): socket memory never runs out
// but where a sndbuf op fails a wait for it (the software path: 6.1's ->sendpage, and
// sendmsg's loop at every level),
// crypto is async-capable (user data is copied, never mapped), and a record handed to
// TCP (or the NIC) is acknowledged before the next is built, so each record's buffer
// starts a fresh socket fragment page.
#pragma once

#include <api/profiles.h>
#include <api/tls_scenario.h>

#include <cstdint>
#include <vector>

namespace sc::tls {

// What differs between kernels here.
struct Rules {
  // v6.5+: sendfile/splice reach sendmsg with MSG_SPLICE_PAGES, SPLICE_F_MORE is MSG_MORE
  // and a record closes at 17 entries; before (6.1): ->sendpage, only
  // MSG_SENDPAGE_NOTLAST keeps a record open, so it closes at each splice batch's end.
  bool splice_pages = true;
  bool max_payload_option = true;  // TLS_TX_MAX_PAYLOAD_LEN (7.2 has it, 6.12 not)
  bool eor_flag = true;            // MSG_EOR accepted (after v6.5; 6.12 has it)
  // 7.2 and 6.12.118: a copy that makes the 17th sk_msg entry closes its record, and an
  // open record that is full is closed before anything is added. 6.12.95 has neither:
  // the record stays open, a copy extends its last entry, a splice adds an 18th.
  bool full_list_fixes = true;
};
Rules rules_v6_1();
Rules rules_v6_5();
Rules rules_v6_12();
Rules rules_newest();
// The rules of a tls profile (api/profiles.def).
Rules rules_of(Profile p);

inline constexpr uint8_t kContentData = 23;
inline constexpr unsigned kPipePages = 16;      // a pipe's default capacity in buffers
inline constexpr unsigned kFullEntries = 17;    // MAX_SKB_FRAGS: sk_msg entries per record
inline constexpr unsigned kDeviceCloseFrags = 16;  // MAX_SKB_FRAGS - 1: one slot for the tag

struct Record {
  uint8_t type = kContentData;
  uint32_t plaintext = 0;
  bool operator==(const Record &) const = default;
};

// A socket-memory wait that failed (sndbuf): at op `op` (0-based), after `passes_before`
// checks of that op had found room.
struct FailedWait {
  size_t op;
  uint32_t passes_before;
};

struct Result {
  std::vector<Record> records;
  std::vector<int64_t> returns;  // per op: bytes accepted, or -errno (sleep: 0)
  uint64_t discarded = 0;        // accepted, in the record close() dropped
  std::vector<FailedWait> failed_waits;
};

// A scenario with max_payload under rules without the option fails as the kernel's
// setsockopt would: every op then returns -ENOPROTOOPT.
// REQUIRES: the device path only with TLS 1.2 (the kernel offloads no other version).
Result split_records(const Scenario &s, const Rules &rules, Path path = Path::sw);

}  // namespace sc::tls
