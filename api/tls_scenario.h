// SPDX-License-Identifier: GPL-2.0-only
// The TLS component's scenario language: one vocabulary for the model, the kernel
// mirrors, the properties, the fuzz decoder and the real-kernel oracle. One scenario per
// line, as KERNEL-ORACLE.md's guest program reads them:
//
//   NAME [v12|v13] [shut] [zc] [maxpay=N] OP OP ...
//     send:N[:more|:eor]         send(), MSG_MORE or MSG_EOR
//     sendmsg:A+B+C[:more|:eor]  sendmsg() with one iovec per chunk
//     write:N                    write()
//     sendfile:N[@OFF][:short]   sendfile() of a file, from byte OFF; short: the call asks for
//                                a page more than the file holds, so it meets EOF first
//     sendpage:N[@OFF][:more]    an in-kernel user sending page-cache bytes page by page
//                                (->sendpage, later sendmsg(MSG_SPLICE_PAGES)); no syscall
//                                does this, so the real-kernel oracle cannot run it
//     splice:N[:more]            N bytes written into a pipe, then spliced (SPLICE_F_MORE)
//     ctrl:N:TYPE[:more]         sendmsg() with TLS_SET_RECORD_TYPE = TYPE (21 alert, 22 handshake)
//     sleep:MS
//     sndbuf:K[:intr]            the K-th socket-memory check from here (1 = the next) finds
//                                the send buffer full and the wait for room fails: -EAGAIN
//                                (no send timeout left), or with :intr -EINTR (a signal,
//                                SO_SNDTIMEO set). The software path checks: 6.1's
//                                ->sendpage and sendmsg's loop, once per pass; no
//                                syscall does this, so the oracle cannot run it
//   v12 (default) / v13: TLS 1.2 or 1.3, AES-GCM-128; shut: shutdown(SHUT_WR) before the
//   close() that ends every scenario; zc: TLS_TX_ZEROCOPY_RO; maxpay: TLS_TX_MAX_PAYLOAD_LEN.
//
// '#' starts a comment; blank lines are skipped. Parse and print round-trip.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sc::tls {

inline constexpr uint32_t kMaxRecordPayload = 16384;  // TLS_MAX_PAYLOAD_SIZE
inline constexpr uint32_t kMinMaxPayload = 64;        // TLS_TX_MAX_PAYLOAD_LEN's floor
// Tool limits, checked when a scenario is parsed (the kernel's own are larger: MAX_RW_COUNT
// is 2 GiB - 4 KiB per call). The whole-scenario caps keep `tls` and the oracle's guest
// within memory: the model and the mirror hold every byte asked and its records.
inline constexpr uint32_t kMaxOpBytes = 1u << 24;     // one op, a sendmsg's iovecs summed: 16 MiB
inline constexpr uint32_t kMaxIovecs = 1024;          // UIO_MAXIOV
inline constexpr uint32_t kMaxSleepMs = 10000;
inline constexpr uint32_t kMaxScenarioOps = 1024;
inline constexpr uint64_t kMaxScenarioBytes = 1u << 25;  // 32 MiB asked by all ops of a scenario
inline constexpr uint32_t kMaxScenarioSleepMs = 60000;
inline constexpr size_t kMaxScenarios = 10000;           // per file
inline constexpr uint32_t kShortFileAsk = 4096;  // what a short sendfile asks beyond the file
inline constexpr uint32_t kMaxSndbufCheck = 1u << 20;  // sndbuf:K, K at most this

// Which transmit path a scenario runs on: tls_sw, or tls_device with an offloading NIC.
enum class Path { sw, device };
const char *path_name(Path p);

enum class OpKind { send, sendmsg, write, sendfile, sendpage, splice, ctrl, sleep, sndbuf };
enum class Flag { none, more, eor, short_file, intr };

struct SockOp {
  OpKind kind = OpKind::send;
  std::vector<uint32_t> sizes;  // one entry, or one per iovec for sendmsg; sleep: the milliseconds
  Flag flag = Flag::none;
  uint32_t offset = 0;       // sendfile, sendpage
  uint8_t record_type = 0;   // ctrl
  uint32_t bytes() const;    // what the op asks to send (0 for sleep)
  bool operator==(const SockOp &) const = default;
};

struct Scenario {
  std::string name;
  bool tls13 = false;
  bool shut = false;
  bool zerocopy = false;
  std::optional<uint32_t> max_payload;
  std::vector<SockOp> ops;
  bool operator==(const Scenario &) const = default;
};

std::string format_scenario(const Scenario &s);
// The first ctrl op with record type 0 in a TLS 1.3 scenario: the inner type would be
// read as padding, so no receiver can parse the record (the kernel sends it regardless).
// The language refuses such scenarios.
std::optional<size_t> tls13_unreadable_op(const Scenario &s);
// One line. On error returns nullopt and sets *why to "column C: what is wrong".
// Every number is range-checked here, against the limits above.
std::optional<Scenario> parse_scenario(std::string_view line, std::string *why);
// A file of scenarios (at most kMaxScenarios; CRLF and a last line without '\n' read
// as usual). On error sets *why to "line L, column C: what is wrong".
std::optional<std::vector<Scenario>> parse_scenarios(std::string_view text, std::string *why);

}  // namespace sc::tls
