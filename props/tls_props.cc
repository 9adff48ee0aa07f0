// SPDX-License-Identifier: GPL-2.0-only
#include <props/tls_props.h>

#include <props/failure_log.h>
#include <props/rc_run.h>
#include <props/tls_boundary.h>
#include <props/tls_peer.h>

#include <rapidcheck.h>

#include <memory>
#include <stdexcept>

namespace sc::tls {
namespace {

constexpr int kMaxChunks = 24;  // rapidcheck's size bound: chunks per scenario

bool splice_path_op(OpKind k) { return k == OpKind::splice || k == OpKind::sendfile || k == OpKind::sendpage; }

thread_local FailureLog<Check, PropertyFailure> t_log;

// One generated piece of a scenario: an op, or the same op `repeat` times.
struct Chunk {
  SockOp op;
  unsigned repeat = 1;
};

rc::Gen<uint32_t> gen_size(const GenConfig &g) {
  return rc::gen::weightedOneOf<uint32_t>({
      {6, rc::gen::inRange<uint32_t>(1, 301)},
      {2, rc::gen::element<uint32_t>(4095, 4096, 4097, 8000, 16383, 16384, 16385)},
      {1, rc::gen::element<uint32_t>(64, 128, 256, 512, 1024)},  // exact fills under small payload limits
      {g.large ? 1u : 0u, rc::gen::inRange<uint32_t>(16386, 70001)},
      {g.zero_sizes ? 1u : 0u, rc::gen::just<uint32_t>(0)},
  });
}

rc::Gen<uint32_t> gen_offset() {
  return rc::gen::weightedOneOf<uint32_t>({{3, rc::gen::just<uint32_t>(0)}, {1, rc::gen::inRange<uint32_t>(1, 8193)}});
}

// Sizes that sum to `total`, in `parts` pieces (the last takes the rest).
std::vector<uint32_t> gen_split(uint32_t total, size_t parts) {
  std::vector<uint32_t> sizes;
  uint32_t left = total;
  for (size_t i = 1; i < parts && left > 1; ++i) {
    uint32_t piece = *rc::gen::inRange<uint32_t>(1, left);
    sizes.push_back(piece);
    left -= piece;
  }
  sizes.push_back(left);
  return sizes;
}

// `limit` is the scenario's record payload limit: fills end one below, on or one past it.
// A record filled to the byte under MSG_MORE must still close (SPEC §3.7): 1..3 ops,
// each of any kind, summing to the limit, or one byte either side of it.
std::vector<Chunk> gen_fill(uint32_t limit) {
  std::vector<Chunk> out;
  uint32_t total = limit + *rc::gen::element<uint32_t>(0, 0, 1, 2) - 1;
  for (uint32_t size : gen_split(total, *rc::gen::inRange<size_t>(1, 4))) {
    Chunk c;
    c.op.kind = *rc::gen::element(OpKind::send, OpKind::sendmsg, OpKind::splice, OpKind::sendfile, OpKind::sendpage);
    c.op.sizes = {size};
    c.op.flag = c.op.kind == OpKind::sendfile ? Flag::none : Flag::more;
    out.push_back(c);
  }
  return out;
}

// 14..17 one-page MSG_MORE splices or sendpages, then one op of any kind: the record's
// entries end one below, on or one past sk_msg's 17 (the device record's 16 frags).
std::vector<Chunk> gen_entries() {
  Chunk pages;
  pages.op.kind = *rc::gen::element(OpKind::splice, OpKind::sendpage);
  pages.op.sizes = {*rc::gen::inRange<uint32_t>(1, 301)};
  pages.op.flag = Flag::more;
  pages.repeat = *rc::gen::inRange<unsigned>(14, 18);
  Chunk last;
  last.op.kind = *rc::gen::element(OpKind::send, OpKind::splice, OpKind::sendfile, OpKind::sendpage);
  last.op.sizes = {*rc::gen::inRange<uint32_t>(1, 301)};
  last.op.flag = last.op.kind == OpKind::sendfile ? Flag::none : Flag::more;
  return {pages, last};
}

rc::Gen<std::vector<Chunk>> gen_chunk(const GenConfig &g, uint32_t limit) {
  return rc::gen::exec([g, limit] {
    enum Kind : unsigned { copy, splice, sendfile, sendpage, ctrl, sleep, burst, fill, entries };
    unsigned kind = *rc::gen::weightedOneOf<unsigned>({
        {g.copies, rc::gen::just<unsigned>(copy)},
        {g.splices, rc::gen::just<unsigned>(splice)},
        {g.sendfiles, rc::gen::just<unsigned>(sendfile)},
        {g.sendpages, rc::gen::just<unsigned>(sendpage)},
        {g.ctrls, rc::gen::just<unsigned>(ctrl)},
        {g.sleeps, rc::gen::just<unsigned>(sleep)},
        {g.bursts, rc::gen::just<unsigned>(burst)},
        {g.fills, rc::gen::just<unsigned>(fill)},
        {g.fills, rc::gen::just<unsigned>(entries)},
    });
    if (kind == fill)
      return gen_fill(limit);
    if (kind == entries)
      return gen_entries();
    Chunk c;
    SockOp &op = c.op;
    auto more_or_not = [] { return *rc::gen::element(Flag::none, Flag::more); };
    switch (kind) {
    case copy:
      op.kind = *rc::gen::element(OpKind::send, OpKind::sendmsg, OpKind::write);
      if (op.kind == OpKind::sendmsg)
        op.sizes = *rc::gen::container<std::vector<uint32_t>>(*rc::gen::inRange<size_t>(1, 5), gen_size(g));
      else
        op.sizes = {*gen_size(g)};
      if (op.kind != OpKind::write)
        op.flag = *rc::gen::weightedOneOf<Flag>(
            {{3, rc::gen::just(Flag::none)}, {3, rc::gen::just(Flag::more)}, {1, rc::gen::just(Flag::eor)}});
      break;
    case splice:
      op.kind = OpKind::splice;
      op.sizes = {*gen_size(g)};
      op.flag = more_or_not();
      break;
    case sendfile:
      op.kind = OpKind::sendfile;
      op.sizes = {*gen_size(g)};
      op.offset = *gen_offset();
      op.flag = *rc::gen::weightedOneOf<Flag>({{3, rc::gen::just(Flag::none)}, {1, rc::gen::just(Flag::short_file)}});
      break;
    case sendpage:
      op.kind = OpKind::sendpage;
      op.sizes = {*gen_size(g)};
      op.offset = *gen_offset();
      op.flag = more_or_not();
      break;
    case ctrl:
      op.kind = OpKind::ctrl;
      op.sizes = {*gen_size(g)};
      op.record_type = *rc::gen::element<uint8_t>(21, 22, 100);
      op.flag = *rc::gen::weightedOneOf<Flag>({{9, rc::gen::just(Flag::none)}, {1, rc::gen::just(Flag::more)}});
      break;
    case sleep:
      op.kind = OpKind::sleep;
      op.sizes = {*rc::gen::inRange<uint32_t>(0, 4)};
      break;
    default:  // burst: what fills an sk_msg or a device record entry by entry
      op.kind = *rc::gen::element(OpKind::splice, OpKind::sendpage, OpKind::send);
      op.sizes = {*rc::gen::inRange<uint32_t>(1, 301)};
      op.flag = Flag::more;
      c.repeat = *rc::gen::inRange<unsigned>(14, 22);
      break;
    }
    return std::vector<Chunk>{c};
  });
}

Scenario gen_scenario(const GenConfig &g, Profile profile, Path path) {
  Scenario s;
  s.name = "case";
  s.tls13 = path == Path::sw && *rc::gen::arbitrary<bool>();
  s.zerocopy = *rc::gen::arbitrary<bool>();
  if (g.max_payload && profile == Profile::tls_newest && *rc::gen::weightedOneOf<bool>(
                                                            {{3, rc::gen::just(false)}, {1, rc::gen::just(true)}}))
    s.max_payload = *rc::gen::weightedOneOf<uint32_t>(
        {{2, rc::gen::element<uint32_t>(64, 128, 256, 512, 1024)},
         {2, rc::gen::inRange<uint32_t>(kMinMaxPayload, 2049)},
         {1, rc::gen::inRange<uint32_t>(2049, 16385)}});
  uint32_t limit = s.max_payload.value_or(kMaxRecordPayload);
  auto groups = *rc::gen::nonEmpty(rc::gen::container<std::vector<std::vector<Chunk>>>(gen_chunk(g, limit)));
  for (const auto &group : groups)
    for (const auto &c : group)
      s.ops.insert(s.ops.end(), c.repeat, c.op);
  // The software path waits for send-buffer room once per pass: 6.1's ->sendpage about
  // once per page, sendmsg (copies at every level, splice, sendfile and sendpage from
  // v6.5) about once per record. Fail that wait at any pass of the op it precedes, with
  // either error; and, on purpose, at the pass right after an op filled a fresh record
  // to the byte (what the record-full test decides). Drawn last, so the ops drawn above
  // are the same.
  auto page_passes = [profile](OpKind k) {
    return k == OpKind::sendpage || (profile == Profile::tls_v6_1 && splice_path_op(k));
  };
  if (g.shortages && path == Path::sw) {
    auto stall = [](uint32_t nth) {
      SockOp op;
      op.kind = OpKind::sndbuf;
      op.sizes = {nth};
      op.flag = *rc::gen::element(Flag::none, Flag::intr);
      return op;
    };
    // At full size: rapidcheck scales inRange() by the case's size, which this
    // generator keeps at most kMaxChunks, so a scaled draw of 0..2 stalls was always 0.
    auto any = [](auto lo, auto hi) { return *rc::gen::resize(100, rc::gen::inRange<decltype(lo)>(lo, hi)); };
    auto n = any(size_t{0}, size_t{3});
    for (size_t k = 0; k < n; k++) {
      auto at = any(size_t{0}, s.ops.size() + 1);
      uint32_t per_pass = at < s.ops.size() && page_passes(s.ops[at].kind) ? 4096 : limit;
      uint32_t passes = at < s.ops.size() ? s.ops[at].bytes() / per_pass + 2 : 2;
      s.ops.insert(s.ops.begin() + static_cast<long>(at), stall(any(uint32_t{1}, passes + 1)));
    }
    if (*rc::gen::weightedOneOf<bool>({{2, rc::gen::just(false)}, {1, rc::gen::just(true)}})) {
      SockOp fill;
      fill.kind = profile == Profile::tls_v6_1
                      ? *rc::gen::element(OpKind::splice, OpKind::sendfile, OpKind::sendpage)
                      : *rc::gen::element(OpKind::splice, OpKind::sendfile, OpKind::sendpage, OpKind::send);
      // One or two records filled, then the wait fails: at the op's second or third pass.
      uint32_t records = *rc::gen::element<uint32_t>(1, 2);
      fill.sizes = {records * limit + *rc::gen::inRange<uint32_t>(1, 4097)};
      // A record's pages, as passes: only ->sendpage's (6.1, or a sendpage user) pass per page.
      uint32_t fill_passes = page_passes(fill.kind) ? (limit + 4095) / 4096 : 1;
      auto at = s.ops.begin() + static_cast<long>(*rc::gen::inRange<size_t>(0, s.ops.size() + 1));
      s.ops.insert(s.ops.insert(at, fill), stall(records * fill_passes + 1));
    }
  }
  return s;
}

// One peer per TLS version and thread, handshaken once and reused while it is in step.
thread_local std::unique_ptr<OpenSslPeer> t_peers[2];

OpenSslPeer *peer_for(bool tls13) {
  auto &p = t_peers[tls13];
  if (!p) {
    std::string why;
    p = OpenSslPeer::connect(tls13, &why);
    if (!p)
      throw std::runtime_error("the OpenSSL peer cannot be set up: " + why);
  }
  return p.get();
}

void tls_property_case(const Property &p, Profile profile, Path path) {
  Scenario s = gen_scenario(p.gen, profile, path);
  mark_boundaries(s, profile, path);
  mark_failed_waits(s, profile, path);
  OpenSslPeer *peer = p.peer ? peer_for(s.tls13) : nullptr;
  auto f = judge(s, profile, path, peer);
  if (f && peer)
    t_peers[s.tls13].reset();  // it may have seen a bad stream: out of step
  // A case that cannot end, or an AEAD writing past its buffer, is a finding whatever
  // the property asserts.
  bool always = f && (f->check == Check::no_progress || f->check == Check::aead_bounds);
  bool cut = f && !always && !p.asserted.test(static_cast<size_t>(f->check));
  t_log.case_done(cut);
  if (!f || cut)
    return;
  std::string text = format_scenario(s);
  if (!t_log.record(f->check, f->triggered, PropertyFailure{*f, s}))
    return;
  RC_FAIL(std::string(check_name(f->check)) + ": " + f->divergence + " in: " + text);
}

// Whether `s` still breaks `want`'s check first (precedence as judge() has it), with the
// same rows triggered.
bool still_fails(const Scenario &s, const Finding &want, const Property &p, Profile profile, Path path) {
  std::unique_ptr<OpenSslPeer> peer;
  if (p.peer) {
    std::string why;
    peer = OpenSslPeer::connect(s.tls13, &why);
    if (!peer)
      return false;
  }
  auto f = judge(s, profile, path, peer.get());
  return f && f->check == want.check && f->triggered == want.triggered;
}

// Rapidcheck shrinks chunks as wholes (a burst stays a burst of at least 14): finish
// op by op, to a scenario where no single op can go and no size can halve.
Scenario minimize(Scenario s, const Finding &check, const Property &p, Profile profile, Path path) {
  for (bool progress = true; progress;) {
    progress = false;
    for (size_t i = 0; i < s.ops.size() && s.ops.size() > 1; i++) {
      Scenario t = s;
      t.ops.erase(t.ops.begin() + static_cast<long>(i));
      if (still_fails(t, check, p, profile, path)) {
        s = std::move(t);
        progress = true;
        i--;
      }
    }
    for (size_t i = 0; i < s.ops.size(); i++)
      for (size_t k = 0; k < s.ops[i].sizes.size(); k++)
        for (uint32_t smaller : {uint32_t{1}, s.ops[i].sizes[k] / 2}) {
          if (smaller >= s.ops[i].sizes[k] || s.ops[i].kind == OpKind::sleep)
            continue;
          Scenario t = s;
          t.ops[i].sizes[k] = smaller;
          if (still_fails(t, check, p, profile, path)) {
            s = std::move(t);
            progress = true;
            break;
          }
        }
  }
  return s;
}

}  // namespace

const std::vector<Property> &tls_properties() {
  using C = Check;
  static const std::vector<Property> table = {
      {"matches_model", "every scenario gives the model's records and returns, and every other check holds",
       {}, checks({C::ring_bounds, C::frag_bounds, C::aead_bounds, C::pages_balanced, C::wire_parses, C::record_within_limit,
                   C::bytes_conserved, C::records_match_model, C::returns_match_model})},
      {"stays_in_bounds", "bursts of small MSG_MORE splices never write past an sk_msg ring or a record's frags",
       {.copies = 2, .splices = 2, .sendfiles = 1, .sendpages = 1, .ctrls = 0, .sleeps = 0, .bursts = 4},
       checks({C::ring_bounds, C::frag_bounds, C::aead_bounds})},
      {"wire_well_formed", "the stream parses record by record, no record over the payload limit",
       {.bursts = 3}, checks({C::wire_parses, C::record_within_limit})},
      {"bytes_conserved", "the records carry exactly the accepted bytes, in order, nothing leaked",
       {}, checks({C::pages_balanced, C::bytes_conserved})},
      {"more_eor_and_eof", "MSG_MORE, MSG_EOR, SPLICE_F_MORE and EOF close records where the model says",
       {.copies = 5, .splices = 2, .sendfiles = 3, .sendpages = 2, .ctrls = 1, .sleeps = 1, .bursts = 0, .large = false},
       checks({C::records_match_model, C::returns_match_model})},
      {"peer_reads_back", "a real OpenSSL peer reads every byte on the wire (data records only)",
       {.ctrls = 0, .zero_sizes = false}, checks({C::peer_reads_back}), true},
  };
  return table;
}

std::string property_on_path_name(const Property &p, Path path) { return std::string(p.name) + "/" + path_name(path); }

std::optional<PropertyOnPath> find_property(std::string_view name_on_path) {
  for (const auto &p : tls_properties())
    for (Path path : {Path::sw, Path::device})
      if (name_on_path == property_on_path_name(p, path))
        return PropertyOnPath{&p, path};
  return std::nullopt;
}

PropertyOutcome run_tls_property(const Property &p, Profile profile, Path path, std::optional<BugId> bug,
                                 uint64_t seed, int cases) {
  ScopedBug scoped(bug);
  declare_boundaries(profile, path);
  auto out = run_logged<PropertyOutcome>(t_log, property_on_path_name(p, path), p.help, seed, cases, kMaxChunks,
                                         [&] { tls_property_case(p, profile, path); });
  if (out.failure) {
    auto &f = *out.failure;
    f.scenario = minimize(f.scenario, f.finding, p, profile, path);
    if (auto again = judge(f.scenario, profile, path, nullptr);
        again && again->check == f.finding.check && again->triggered == f.finding.triggered)
      f.finding = *again;  // the divergence as the minimal scenario shows it
  }
  return out;
}

}  // namespace sc::tls
