// SPDX-License-Identifier: GPL-2.0-only
// Fuzz inputs in the one trace format: each component's ops as bytes, expanded from the
// same op tables as the text form (api/*_ops.def, api/tls_scenario.h). Decoding accepts
// every byte string; encoding takes any valid trace whose values lie in the fuzz ranges
// below and decodes back to it.
#pragma once

#include <api/fuzz_bytes.h>
#include <api/page_frag.h>
#include <api/splice.h>
#include <api/tls_scenario.h>

#include <optional>
#include <string>
#include <vector>

namespace sc::alloc {
inline constexpr size_t kFuzzMaxOps = 128;
// Layout: per op, a kind byte (index mod the number of kinds), then its fields in table
// order. An Alloc's gfp is a byte choosing a common caller mask, or 4 and two bytes of
// single flags.
std::vector<Op> decode_ops(ByteReader &in);
bool encode_ops(const std::vector<Op> &ops, ByteWriter &out, std::string *why);
}  // namespace sc::alloc

namespace sc::splice {
inline constexpr size_t kFuzzMaxOps = 64;
std::vector<Op> decode_ops(ByteReader &in);
bool encode_ops(const std::vector<Op> &ops, ByteWriter &out, std::string *why);
}  // namespace sc::splice

namespace sc::tls {
inline constexpr size_t kFuzzMaxOps = 40;
inline constexpr uint32_t kFuzzMaxBytes = 1u << 17;  // per size or offset: bounds one execution's work
inline constexpr uint32_t kFuzzMaxIovecs = 64;
inline constexpr uint64_t kFuzzMaxTotal = 1u << 18;  // bytes all ops of a case ask to send
inline constexpr uint32_t kFuzzMaxSleepMs = 255;
// Layout: an option byte (bit 0 TLS 1.3, 1 shut, 2 zerocopy, 3 a payload limit follows as
// two bytes, 4 the device path), then per op a byte (kind in bits 0-2, flag in 3-4, the
// op repeated 2^bits 5-7 times: one byte turns an op into a MSG_MORE burst), its sizes
// (sendmsg: a count byte first), offset (sendfile, sendpage) or record type (ctrl).
// Repeats stop at kFuzzMaxOps or kFuzzMaxTotal bytes; an op the scenario language
// refuses (record type 0 under TLS 1.3) is dropped. The encoder writes no repeats.
struct FuzzCase {
  Path path = Path::sw;
  Scenario scenario;
  bool operator==(const FuzzCase &) const = default;
};
FuzzCase decode_case(ByteReader &in);
bool encode_case(const FuzzCase &c, ByteWriter &out, std::string *why);
}  // namespace sc::tls
