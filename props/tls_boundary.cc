// SPDX-License-Identifier: GPL-2.0-only
#include <props/tls_boundary.h>

#include <model/tls_model.h>
#include <props/boundary.h>

#include <string>

namespace sc::tls {
namespace {

constexpr uint32_t kPage = 4096;

const char *kind_path(OpKind k, Profile profile) {
  if (k == OpKind::sendpage)
    return profile == Profile::tls_v6_1 ? "sendpage@6.1" : "sendpage";
  return k == OpKind::splice ? "splice" : k == OpKind::sendfile ? "sendfile" : "sendmsg";
}

std::string path_of(OpKind k, Profile profile, Path path) {
  return std::string(path == Path::device ? "device/" : "sw/") + kind_path(k, profile);
}

const char *kEntriesSw = "sk_msg 17 entries";
const char *kFramesDevice = "device record 16 frags";
const char *kRecord = "record payload 16384";
const char *kMaxPayload = "TLS_TX_MAX_PAYLOAD_LEN";
const char *kFailedWait = "passes before failed wait";  // against 1

bool has_max_payload(Profile profile) { return rules_of(profile).max_payload_option; }

// Entries an op adds to the open record: a page op one per page it spans, a copy one
// when it does not extend a copy before it.
uint32_t entries_of(const SockOp &op, bool after_copy) {
  bool pages = op.kind == OpKind::splice || op.kind == OpKind::sendfile || op.kind == OpKind::sendpage;
  if (!pages)
    return after_copy || !op.bytes() ? 0 : 1;
  uint32_t off = op.kind == OpKind::splice ? 0 : op.offset % kPage;
  return (off + op.bytes() + kPage - 1) / kPage;
}

// `total` bytes offered to records of `limit`: which side of a record's end the op left.
void reach_record(const char *what, const std::string &path, uint64_t total, uint64_t limit) {
  if (!total || total + 1 < limit)
    return;
  uint64_t rest = total % limit;
  if (rest == 0)
    boundary::hit("tls", what, path, boundary::Side::exact);
  else if (rest + 1 == limit)
    boundary::hit("tls", what, path, boundary::Side::below);
  else if (rest == 1)
    boundary::hit("tls", what, path, boundary::Side::above);
}

}  // namespace

void declare_boundaries(Profile profile, Path path) {
  for (OpKind k : {OpKind::send, OpKind::splice, OpKind::sendfile, OpKind::sendpage}) {
    std::string p = path_of(k, profile, path);
    boundary::declare("tls", kRecord, p);
    boundary::declare("tls", path == Path::device ? kFramesDevice : kEntriesSw, p);
    if (has_max_payload(profile))
      boundary::declare("tls", kMaxPayload, p);
    if (path == Path::sw)  // the device path never waits for socket memory here
      boundary::declare("tls", kFailedWait, p);
  }
}

void mark_failed_waits(const Scenario &s, Profile profile, Path path) {
  if (path != Path::sw)
    return;
  for (const FailedWait &w : split_records(s, rules_of(profile), path).failed_waits)
    boundary::reach("tls", kFailedWait, path_of(s.ops[w.op].kind, profile, path), w.passes_before, 1);
}

void mark_boundaries(const Scenario &s, Profile profile, Path path) {
  uint64_t bytes = 0, entries = 0;
  bool after_copy = false;
  uint32_t limit = s.max_payload.value_or(kMaxRecordPayload);
  uint32_t entry_limit = path == Path::device ? kDeviceCloseFrags : kFullEntries;
  for (const auto &op : s.ops) {
    if (op.kind == OpKind::sleep)
      continue;
    if (op.kind == OpKind::ctrl) {  // its own record, after the open one is pushed
      bytes = entries = 0;
      after_copy = false;
      continue;
    }
    std::string p = path_of(op.kind, profile, path);
    bytes += op.bytes();
    entries += entries_of(op, after_copy);
    after_copy = op.kind == OpKind::send || op.kind == OpKind::sendmsg || op.kind == OpKind::write;
    reach_record(s.max_payload ? kMaxPayload : kRecord, p, bytes, limit);
    boundary::reach("tls", path == Path::device ? kFramesDevice : kEntriesSw, p, entries, entry_limit);
    if (op.flag != Flag::more) {
      bytes = entries = 0;
      after_copy = false;
    }
  }
}

}  // namespace sc::tls
