// SPDX-License-Identifier: GPL-2.0-only
// TLS scenarios as fuzz bytes (layout in api/codec.h).
#include <api/codec.h>

namespace sc::tls {
namespace {

constexpr uint64_t kKinds = 8;  // OpKind send..sleep
enum OptionBit : uint8_t { kV13 = 1, kShut = 2, kZc = 4, kMaxPay = 8, kDevice = 16 };

bool flag_allowed(OpKind k, Flag f) {
  switch (f) {
  case Flag::none:
    return true;
  case Flag::more:
    return k == OpKind::send || k == OpKind::sendmsg || k == OpKind::splice || k == OpKind::ctrl ||
           k == OpKind::sendpage;
  case Flag::eor:
    return k == OpKind::send || k == OpKind::sendmsg;
  case Flag::short_file:
    return k == OpKind::sendfile;
  case Flag::intr:
    return false;  // sndbuf has no fuzz encoding
  }
  return false;
}

bool has_offset(OpKind k) { return k == OpKind::sendfile || k == OpKind::sendpage; }
uint32_t size_max(OpKind k) { return k == OpKind::sleep ? kFuzzMaxSleepMs : kFuzzMaxBytes; }

}  // namespace

FuzzCase decode_case(ByteReader &in) {
  FuzzCase c;
  c.scenario.name = "fuzz";
  auto options = in.in_range(0, 31);
  c.scenario.tls13 = options & kV13;
  c.scenario.shut = options & kShut;
  c.scenario.zerocopy = options & kZc;
  c.path = options & kDevice ? Path::device : Path::sw;
  if (options & kMaxPay)
    c.scenario.max_payload = static_cast<uint32_t>(in.in_range(kMinMaxPayload, kMaxRecordPayload));
  uint64_t total = 0;
  while (!in.done() && c.scenario.ops.size() < kFuzzMaxOps) {
    auto head = in.in_range(0, 255);
    SockOp op;
    op.kind = static_cast<OpKind>(head % kKinds);
    op.flag = static_cast<Flag>(head / kKinds % 4);
    size_t repeat = size_t{1} << (head / 32);
    if (!flag_allowed(op.kind, op.flag))
      op.flag = Flag::none;
    size_t n = op.kind == OpKind::sendmsg ? in.in_range(1, kFuzzMaxIovecs) : 1;
    for (size_t i = 0; i < n; i++)
      op.sizes.push_back(static_cast<uint32_t>(in.in_range(0, size_max(op.kind))));
    if (has_offset(op.kind))
      op.offset = static_cast<uint32_t>(in.in_range(0, kFuzzMaxBytes));
    if (op.kind == OpKind::ctrl)
      op.record_type = static_cast<uint8_t>(in.in_range(0, 255));
    if (c.scenario.tls13 && op.kind == OpKind::ctrl && op.record_type == 0)
      continue;
    for (; repeat && c.scenario.ops.size() < kFuzzMaxOps && total + op.bytes() <= kFuzzMaxTotal; repeat--) {
      total += op.bytes();
      c.scenario.ops.push_back(op);
    }
  }
  return c;
}

bool encode_case(const FuzzCase &c, ByteWriter &out, std::string *why) {
  const Scenario &s = c.scenario;
  if (s.ops.size() > kFuzzMaxOps) {
    *why = std::to_string(s.ops.size()) + " ops; a fuzz input holds at most " + std::to_string(kFuzzMaxOps);
    return false;
  }
  uint64_t options = (s.tls13 ? kV13 : 0) | (s.shut ? kShut : 0) | (s.zerocopy ? kZc : 0) |
                     (s.max_payload ? kMaxPay : 0) | (c.path == Path::device ? kDevice : 0);
  out.in_range(options, 0, 31);
  if (s.max_payload && !out.in_range(*s.max_payload, kMinMaxPayload, kMaxRecordPayload)) {
    *why = "maxpay out of range";
    return false;
  }
  uint64_t total = 0;
  for (const auto &op : s.ops)
    total += op.bytes();
  if (total > kFuzzMaxTotal) {
    *why = "the ops ask to send " + std::to_string(total) + " bytes; a fuzz input at most " +
           std::to_string(kFuzzMaxTotal);
    return false;
  }
  for (size_t i = 0; i < s.ops.size(); i++) {
    const SockOp &op = s.ops[i];
    auto fail = [&](const std::string &what) {
      *why = "op " + std::to_string(i + 1) + ": " + what;
      return false;
    };
    if (op.kind == OpKind::sndbuf)
      return fail("sndbuf (a failed socket-memory wait) has no fuzz encoding");
    if (!flag_allowed(op.kind, op.flag))
      return fail("a flag this op does not take");
    out.in_range(static_cast<uint64_t>(op.flag) * kKinds + static_cast<uint64_t>(op.kind), 0, 255);
    if (op.kind == OpKind::sendmsg ? op.sizes.empty() || !out.in_range(op.sizes.size(), 1, kFuzzMaxIovecs)
                                   : op.sizes.size() != 1)
      return fail("sendmsg takes 1.." + std::to_string(kFuzzMaxIovecs) + " iovecs in a fuzz input, other ops one size");
    for (uint32_t n : op.sizes)
      if (!out.in_range(n, 0, size_max(op.kind)))
        return fail("size " + std::to_string(n) + " beyond the fuzz range " + std::to_string(size_max(op.kind)));
    if (has_offset(op.kind) ? !out.in_range(op.offset, 0, kFuzzMaxBytes) : op.offset != 0)
      return fail("offset beyond the fuzz range");
    if (op.kind == OpKind::ctrl)
      out.in_range(op.record_type, 0, 255);
    else if (op.record_type)
      return fail("a record type on an op that is not ctrl");
  }
  return true;
}

}  // namespace sc::tls
