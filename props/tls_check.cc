// SPDX-License-Identifier: GPL-2.0-only
#include <props/tls_check.h>

#include <algorithm>

#include <impl/net/tls/tls_aead.h>
#include <impl/tls_impl.h>
#include <model/tls_model.h>
#include <props/tls_peer.h>

namespace sc::tls {
namespace {

std::string records_text(const std::vector<Record> &records) {
  std::string out = "[";
  for (size_t i = 0; i < records.size(); i++)
    out += (i ? " " : "") + std::to_string(records[i].type) + ":" + std::to_string(records[i].plaintext);
  return out + "]";
}

std::string returns_text(const std::vector<int64_t> &returns, uint64_t discarded) {
  std::string out = "[";
  for (size_t i = 0; i < returns.size(); i++)
    out += (i ? " " : "") + std::to_string(returns[i]);
  return out + "] discarded " + std::to_string(discarded);
}

}  // namespace

namespace {

std::optional<Finding> judge_run(const Scenario &s, Profile profile, Path path, OpenSslPeer *peer, const TlsKeys &keys,
                                 const ImplRun &run) {
  // 6.12.95's records follow its rules; with its row's fix switch on, newest's.
  Rules rules = rules_of(profile);
  rules.full_list_fixes |= fix_on(BugId::tls_v612_copy_fills_open);
  Result m = split_records(s, rules, path);
  if (run.no_progress)
    return Finding{Check::no_progress, run.no_progress->op_index, run.no_progress->what};
  for (const auto &ov : run.overruns) {
    Check c = ov.what.rfind("sk_msg", 0) == 0 ? Check::ring_bounds
              : ov.what.rfind("AEAD", 0) == 0   ? Check::aead_bounds
                                                : Check::frag_bounds;
    return Finding{c, ov.op_index, ov.what};
  }
  if (!run.page_errors.empty())
    return Finding{Check::pages_balanced, 0, run.page_errors.front()};
  std::string why;
  auto opened = open_stream(keys, run.wire, &why);
  if (!opened)
    return Finding{Check::wire_parses, 0, why};
  uint32_t maxp = s.max_payload.value_or(kMaxRecordPayload);
  for (size_t i = 0; i < opened->size(); i++)
    if ((*opened)[i].plaintext.size() > maxp)
      return Finding{Check::record_within_limit, 0,
                     "record " + std::to_string(i) + " holds " + std::to_string((*opened)[i].plaintext.size()) +
                         " bytes, limit " + std::to_string(maxp)};
  std::vector<uint8_t> got, got_types;
  std::vector<Record> records;
  for (const auto &r : *opened) {
    got.insert(got.end(), r.plaintext.begin(), r.plaintext.end());
    got_types.insert(got_types.end(), r.plaintext.size(), r.type);
    records.push_back({r.type, static_cast<uint32_t>(r.plaintext.size())});
  }
  size_t expect = run.accepted.size() - std::min<size_t>(run.discarded, run.accepted.size());
  if (got.size() != expect)
    return Finding{Check::bytes_conserved, 0,
                   "accepted " + std::to_string(run.accepted.size()) + " - discarded " + std::to_string(run.discarded) +
                       " = " + std::to_string(expect) + " bytes, the records hold " + std::to_string(got.size())};
  // std::equal is a memcmp: a per-byte loop would be the fuzz harness's hottest path.
  if (!std::equal(got.begin(), got.end(), run.accepted.begin()) ||
      !std::equal(got_types.begin(), got_types.end(), run.accepted_types.begin()))
    for (size_t k = 0; k < got.size(); k++)
      if (got[k] != run.accepted[k] || got_types[k] != run.accepted_types[k])
        return Finding{Check::bytes_conserved, 0,
                       "stream byte " + std::to_string(k) + " is " + std::to_string(got[k]) + " (type " +
                           std::to_string(got_types[k]) + "), the calls gave " + std::to_string(run.accepted[k]) +
                           " (type " + std::to_string(run.accepted_types[k]) + ")"};
  if (peer) {
    peer->skip(opened->size());  // the mirror sealed these with the peer's client keys
    auto read = peer->deliver(run.wire, &why);
    if (!read)
      return Finding{Check::peer_reads_back, 0, why};
    if (*read != got)
      return Finding{Check::peer_reads_back, 0,
                     "the peer read " + std::to_string(read->size()) + " bytes, the records hold " +
                         std::to_string(got.size()) + (read->size() == got.size() ? " (different bytes)" : "")};
  }
  if (records != m.records)
    return Finding{Check::records_match_model, 0, "model=" + records_text(m.records) + " impl=" + records_text(records)};
  if (run.returns != m.returns || run.discarded != m.discarded) {
    size_t at = 0;
    while (at < run.returns.size() && at < m.returns.size() && run.returns[at] == m.returns[at])
      at++;
    return Finding{Check::returns_match_model, at < s.ops.size() ? at + 1 : 0,
                   "model=" + returns_text(m.returns, m.discarded) + " impl=" + returns_text(run.returns, run.discarded)};
  }
  return std::nullopt;
}

}  // namespace

std::optional<Finding> judge(const Scenario &s, Profile profile, Path path, OpenSslPeer *peer) {
  TlsKeys keys = peer ? peer->client_keys() : fixed_test_keys(s.tls13);
  ImplRun run = run_impl(s, profile, path, &keys);
  auto f = judge_run(s, profile, path, peer, keys, run);
  if (f)
    f->triggered = triggers_at(s, run, f->op_index);
  return f;
}

}  // namespace sc::tls
