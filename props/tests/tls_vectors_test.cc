// SPDX-License-Identifier: GPL-2.0-only
// Table tests run on both sides: the model and the kernel mirror (its wire stream opened
// with the fixed test keys) must each give the listed records. Tables: what real kernels
// emitted (KERNEL-ORACLE.md), SPEC §3.8's worked examples, the selftest vectors of SPEC §4
// (tools/testing/selftests/net/tls.c), and the observation rows' witnesses.
#include <api/bugs.h>
#include <api/tls_scenario.h>
#include <gtest/gtest.h>
#include <impl/net/tls/tls_aead.h>
#include <impl/tls_impl.h>
#include <model/tls_model.h>
#include <props/tests/tls_oracle_table.h>
#include <props/tls_witness.h>

#include <sstream>

using namespace sc;
using namespace sc::tls;
using sc::tls::oracle_table::kOracle;
using sc::tls::oracle_table::lengths;

namespace {

struct Seen {
  std::vector<Record> records;
  std::vector<int64_t> returns;
  uint64_t discarded = 0;
  size_t wire_bytes = 0;  // impl only
  std::vector<uint32_t> plaintexts() const {
    std::vector<uint32_t> out;
    for (const auto &r : records)
      out.push_back(r.plaintext);
    return out;
  }
};

Scenario parse(const std::string &text) {
  std::string why;
  auto s = parse_scenario(text, &why);
  EXPECT_TRUE(s) << text << ": " << why;
  return s ? *s : Scenario{};
}

Seen on_model(const Scenario &s, Profile p, Path path) {
  Result r = split_records(s, rules_of(p), path);
  return {r.records, r.returns, r.discarded, 0};
}

// The impl's records as a peer reads them; overruns and page errors fail the test.
Seen on_impl(const Scenario &s, Profile p, Path path) {
  ImplRun run = run_impl(s, p, path);
  for (const auto &o : run.overruns)
    ADD_FAILURE() << format_scenario(s) << ": overrun at op " << o.op_index << ": " << o.what;
  for (const auto &e : run.page_errors)
    ADD_FAILURE() << format_scenario(s) << ": " << e;
  std::string why;
  auto opened = open_stream(fixed_test_keys(s.tls13), run.wire, &why);
  EXPECT_TRUE(opened) << format_scenario(s) << ": " << why;
  Seen seen{{}, run.returns, run.discarded, run.wire.size()};
  if (opened)
    for (const auto &r : *opened)
      seen.records.push_back({r.type, static_cast<uint32_t>(r.plaintext.size())});
  return seen;
}

enum class Side { model, impl };
Seen on(Side side, const std::string &text, Profile p = Profile::tls_newest, Path path = Path::sw) {
  Scenario s = parse(text);
  return side == Side::model ? on_model(s, p, path) : on_impl(s, p, path);
}

class BothSides : public ::testing::TestWithParam<Side> {};

TEST_P(BothSides, MatchWhatRealKernelsEmitted) {
  for (const auto &o : kOracle) {
    EXPECT_EQ(on(GetParam(), o.scenario, Profile::tls_v6_1).plaintexts(), lengths(o.on_6_1)) << "6.1: " << o.scenario;
    EXPECT_EQ(on(GetParam(), o.scenario, Profile::tls_newest).plaintexts(), lengths(o.on_6_12))
        << "6.12: " << o.scenario;
  }
}

// SPEC §3.8, numbered as there.
TEST_P(BothSides, SpecWorkedExamples) {
  Side side = GetParam();
  EXPECT_EQ(on(side, "x send:40000").plaintexts(), lengths("16384,16384,7232"));                   // 1
  EXPECT_EQ(on(side, "x send:10:more send:10").plaintexts(), lengths("20"));                       // 2
  Seen three = on(side, "x send:10:more");                                                         // 3
  EXPECT_TRUE(three.records.empty());
  EXPECT_EQ(three.discarded, 10u);
  EXPECT_EQ(on(side, "x send:16384:more").plaintexts(), lengths("16384"));                         // 4
  EXPECT_EQ(on(side, "x send:16000:more send:1000").plaintexts(), lengths("16384,616"));           // 5
  std::string splice32 = "x";                                                                      // 6
  for (int i = 0; i < 32; i++)
    splice32 += " splice:1:more";
  Seen six = on(side, splice32);
  EXPECT_EQ(six.plaintexts(), lengths("17"));
  EXPECT_EQ(six.discarded, 15u);
  EXPECT_EQ(on(side, splice32, Profile::tls_v6_1).plaintexts(), lengths("1*32"));
  const std::pair<int, const char *> onto_full[] = {
      {16, "1601,101"}, {17, "1700,102"}, {20, "1700,402"}, {34, "1700,1700,102"}, {44, "1700,1700,1102"}};
  for (auto [nfrags, want] : onto_full) {                                                           // 7
    std::string text = "x";
    for (int i = 0; i < nfrags; i++)
      text += " splice:100:more";
    text += " send:1:more splice:100:more send:1";
    EXPECT_EQ(on(side, text).plaintexts(), lengths(want)) << "nfrags=" << nfrags;
  }
  EXPECT_EQ(on(side, "x sendfile:100000").plaintexts(), lengths("16384*6,1696"));                  // 8
  EXPECT_EQ(on(side, "x sendfile:4096 sendfile:1@4096:short").plaintexts(), lengths("4096,1"));    // 9
  EXPECT_EQ(on(side, "x maxpay=128 send:1024").plaintexts(), lengths("128*8"));                    // 10
  EXPECT_EQ(on(side, "x maxpay=512 send:256:more send:768:eor").plaintexts(), lengths("512,512"));  // 11
}

// The v6.5 code as first merged overruns the ring on example 6 (the row
// tls_v65_splice_onto_full); the impl reports it instead of corrupting memory.
TEST(TlsImpl, V65SpliceOntoAFullRecordIsAnOverrunWithItsOp) {
  std::string text = "x";
  for (int i = 0; i < 32; i++)
    text += " splice:1:more";
  ImplRun run = run_impl(parse(text), Profile::tls_v6_5, Path::sw);
  ASSERT_FALSE(run.overruns.empty());
  EXPECT_EQ(run.overruns.front().op_index, 18u);
}

// SPEC §4: tools/testing/selftests/net/tls.c, as the records they imply.
TEST_P(BothSides, SelftestVectors) {
  Side side = GetParam();
  for (bool v13 : {false, true}) {
    std::string v = v13 ? "t v13 " : "t v12 ";
    SCOPED_TRACE(v13 ? "TLS 1.3" : "TLS 1.2");
    EXPECT_EQ(on(side, v + "send:10:more send:10").plaintexts(), lengths("20"));  // msg_more
    EXPECT_EQ(on(side, v + "send:10:more").discarded, 10u);                        // msg_more_unsent
    EXPECT_EQ(on(side, v + "send:10:eor").plaintexts(), lengths("10"));            // msg_eor
    EXPECT_EQ(on(side, v + "ctrl:10:100:more").returns, (std::vector<int64_t>{-EINVAL}));  // cmsg_msg_more
    Seen then_cmsg = on(side, v + "send:10:more ctrl:10:100");                     // msg_more_then_cmsg
    ASSERT_EQ(then_cmsg.records.size(), 2u);
    EXPECT_EQ(then_cmsg.records[0], (Record{kContentData, 10}));
    EXPECT_EQ(then_cmsg.records[1], (Record{100, 10}));
    for (int k : {1, 17, 18, 64}) {  // sendmsg_fragmented: k iovecs of 13 bytes, one record
      std::string iov = "13";
      for (int i = 1; i < k; i++)
        iov += "+13";
      Seen f = on(side, v + "sendmsg:" + iov);
      EXPECT_EQ(f.plaintexts(), lengths(std::to_string(13 * k))) << k << " iovecs";
      EXPECT_EQ(f.returns, (std::vector<int64_t>{13 * k}));
    }
    std::string large = v;  // sendmsg_large
    for (int i = 0; i < 128; i++)
      large += " send:16384";
    EXPECT_EQ(on(side, large).plaintexts(), lengths("16384*128"));
    std::string stress = "16";  // sendmsg_multiple_stress: 1024 iovecs of 16 bytes
    for (int i = 1; i < 1024; i++)
      stress += "+16";
    EXPECT_EQ(on(side, v + "sendmsg:" + stress).plaintexts(), lengths("16384"));
    EXPECT_EQ(on(side, v + "splice:16384").plaintexts(), lengths("16384"));                     // splice_from_pipe
    EXPECT_EQ(on(side, v + "splice:8000 splice:8000").plaintexts(), lengths("8000,8000"));      // splice_from_pipe2
    EXPECT_EQ(on(side, v + "send:10 splice:16384").plaintexts(), lengths("10,16384"));          // send_and_splice
    EXPECT_EQ(on(side, v + "send:32768").plaintexts(), lengths("16384,16384"));  // single_send_multiple_recv
    EXPECT_EQ(on(side, v + "send:10 send:10").plaintexts(), lengths("10,10"));   // multiple_send_single_recv
    EXPECT_EQ(on(side, v + "ctrl:5:100 ctrl:5:100").records,                     // control_msg_nomerge
              (std::vector<Record>{{100, 5}, {100, 5}}));
    EXPECT_EQ(on(side, v + "send:5 ctrl:5:100 send:5").records,  // data_control_data
              (std::vector<Record>{{kContentData, 5}, {100, 5}, {kContentData, 5}}));
    EXPECT_EQ(on(side, "t shut " + v.substr(2) + "send:10:more").discarded, 10u);  // shutdown_unsent
    // bad_in_large_read: each record on the wire is 64 + 29 (1.2) or 64 + 22 (1.3) bytes.
    if (side == Side::impl) {
      EXPECT_EQ(on(side, v + "send:64 send:64 send:64").wire_bytes, 3u * (64 + (v13 ? 22 : 29)));
    }
  }
  // multi_chunk_sendfile: sendfile(chunk) until the file is sent; nothing stays open.
  const std::pair<uint32_t, uint32_t> pairs[] = {
      {4096, 4096}, {4096, 0},     {4096, 1},    {4096, 2048},  {8192, 2048},  {4096, 8192},  {8192, 4096},
      {12288, 1024}, {12288, 2000}, {15360, 100}, {15360, 300},  {1, 4096},     {2048, 4096},  {2048, 8192},
      {1024, 12288}, {2000, 12288}, {100, 15360}, {300, 15360}};
  for (auto [chunk, extra] : pairs) {
    std::string text = "t";
    uint32_t size = chunk + extra, at = 0;
    for (; at + chunk <= size && at < size; at += chunk)
      text += " sendfile:" + std::to_string(chunk) + "@" + std::to_string(at);
    if (at < size)
      text += " sendfile:" + std::to_string(size - at) + "@" + std::to_string(at) + ":short";
    if (chunk == 1)  // 4097 one-byte calls would be the same records; keep the table fast
      text = "t sendfile:1 sendfile:4096@1";
    Seen seen = on(side, text);
    uint64_t total = 0;
    for (uint32_t len : seen.plaintexts())
      total += len;
    EXPECT_EQ(total, size) << text;
    EXPECT_EQ(seen.discarded, 0u) << text;
  }
  // tls_12_tx_max_payload_len and its _open_rec variant.
  EXPECT_EQ(on(side, "t maxpay=128 send:1024").plaintexts(), lengths("128*8"));
  EXPECT_EQ(on(side, "t maxpay=512 send:256:more send:768:eor").plaintexts(), lengths("512,512"));
}

TEST_P(BothSides, DevicePathRecords) {
  Side side = GetParam();
  auto dev = [&](const std::string &text) { return on(side, text, Profile::tls_newest, Path::device); };
  EXPECT_EQ(dev("x send:20000").plaintexts(), lengths("16384,3616"));
  EXPECT_EQ(dev("x send:0").plaintexts(), lengths("0"));  // a zero-length send closes an empty record
  // Zerocopy splices are a frag each; frag 0 is the prepend, and a record closes at 16
  // frags under MORE (one slot kept for the tag): 15 splices of 100 bytes.
  std::string splices = "x zc";
  for (int i = 0; i < 20; i++)
    splices += " splice:100:more";
  EXPECT_EQ(dev(splices + " send:1").plaintexts(), lengths("1500,501"));
  // Without zerocopy the pages are copied into the socket fragment: one frag, one record.
  EXPECT_EQ(dev(splices.substr(0, 1) + splices.substr(4) + " send:1").plaintexts(), lengths("2001"));
}

INSTANTIATE_TEST_SUITE_P(Tls, BothSides, ::testing::Values(Side::model, Side::impl),
                         [](const auto &info) { return info.param == Side::model ? "model" : "impl"; });

TEST(TlsWitness, EveryObservationRowHasAWitnessThatShows) {
  int rows = 0;
  for (const auto &b : all_bugs()) {
    if (b.kind != BugKind::observation)
      continue;
    ++rows;
    auto w = witness_of(b.id);
    ASSERT_TRUE(w) << b.name << " has no witness";
    std::ostringstream out;
    EXPECT_TRUE(observe(*w, out)) << out.str();
  }
  EXPECT_EQ(rows, 2);
}

TEST(TlsImpl, ContentBytesFollowTheirFormulaAcrossBlocks) {
  std::vector<uint8_t> got(70000);
  fill_content(3, 65000, got.data(), got.size());
  for (uint64_t j = 0; j < got.size(); j++) {
    uint64_t k = 65000 + j;
    ASSERT_EQ(got[j], static_cast<uint8_t>((3 * 151) ^ (k * 7) ^ (k >> 8) ^ (k >> 16))) << "position " << k;
  }
}

TEST(TlsAead, OpensWhatItSealedAndRefusesATamperedRecord) {
  for (bool v13 : {false, true}) {
    RecordSealer sealer(fixed_test_keys(v13));
    std::vector<uint8_t> wire, hello = {'H', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd'};
    for (uint8_t type : {kContentData, uint8_t{21}, kContentData}) {
      auto r = sealer.seal(type, hello);
      EXPECT_EQ(r.size(), hello.size() + overhead_size(v13));
      wire.insert(wire.end(), r.begin(), r.end());
    }
    auto empty = sealer.seal(kContentData, {});
    wire.insert(wire.end(), empty.begin(), empty.end());
    std::string why;
    auto opened = open_stream(fixed_test_keys(v13), wire, &why);
    ASSERT_TRUE(opened) << why;
    ASSERT_EQ(opened->size(), 4u);
    EXPECT_EQ((*opened)[1].type, 21);
    EXPECT_EQ((*opened)[2].plaintext, hello);
    EXPECT_TRUE((*opened)[3].plaintext.empty());
    // The raw vectors of SPEC §4: an 11-byte TLS 1.2 record is 40 bytes, an empty one 29.
    if (!v13) {
      EXPECT_EQ(wire.size(), 3 * 40u + 29u);
    }
    wire[wire.size() - 3] ^= 0x80;
    EXPECT_FALSE(open_stream(fixed_test_keys(v13), wire, &why));
    EXPECT_NE(why.find("record 3"), std::string::npos) << why;
    wire.resize(wire.size() - 5);
    EXPECT_FALSE(open_stream(fixed_test_keys(v13), wire, &why));
  }
}

// An output one byte short of payload + overhead is refused, untouched, and the sequence
// number not spent (the mirrors report it as an aead_bounds overrun).
TEST(TlsAead, RefusesAnOutputTooShortToHoldTheRecord) {
  RecordSealer sealer(fixed_test_keys(false));
  std::vector<uint8_t> hello(11, 'h'), out(hello.size() + overhead_size(false) - 1, 0xee);
  EXPECT_FALSE(sealer.seal(kContentData, hello.data(), hello.size(), out.data(), out.size()));
  EXPECT_EQ(out, std::vector<uint8_t>(out.size(), 0xee));
  EXPECT_EQ(sealer.keys().seq, 0u);
  out.push_back(0xee);
  EXPECT_TRUE(sealer.seal(kContentData, hello.data(), hello.size(), out.data(), out.size()));
  EXPECT_EQ(sealer.keys().seq, 1u);
}

}  // namespace
