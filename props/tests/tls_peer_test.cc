// SPDX-License-Identifier: GPL-2.0-only
// The records the model predicts, sealed by our own record layer, read back by a real
// OpenSSL server for TLS 1.2 and 1.3: every accepted byte arrives, in order.
#include <api/tls_scenario.h>
#include <gtest/gtest.h>
#include <model/tls_model.h>
#include <props/tls_check.h>
#include <props/tls_peer.h>

using namespace sc;
using namespace sc::tls;

namespace {

class Peer : public ::testing::TestWithParam<bool> {};

TEST_P(Peer, ReadsBackEveryByteOfTheOracleScenarios) {
  const char *scenarios[] = {
      "a send:100", "b send:20000", "c send:1000:more send:1000:more send:1000", "d send:16384", "e send:16385",
      "f sendfile:40000", "g splice:10000", "h send:5000:more sendfile:5000", "p send:100:more ctrl:50:21 send:7",
      "p send:100000", "p sendfile:200000@100"};
  for (const char *text : scenarios) {
    std::string why;
    auto s = parse_scenario(text, &why);
    ASSERT_TRUE(s) << why;
    s->tls13 = GetParam();
    auto peer = OpenSslPeer::connect(s->tls13, &why);
    ASSERT_TRUE(peer) << why;
    Result r = split_records(*s, rules_newest());
    // The stream's bytes: the data records' payloads in order; a control record's
    // payload is read back only as the alert/handshake it is, so skip its bytes here.
    std::vector<uint8_t> wire, want;
    uint64_t at = 0;
    for (const auto &rec : r.records) {
      std::vector<uint8_t> plain(rec.plaintext);
      for (auto &b : plain)
        b = static_cast<uint8_t>(at++ * 7 + 3);
      if (rec.type != kContentData)
        continue;
      want.insert(want.end(), plain.begin(), plain.end());
      auto sealed = peer->seal(rec.type, plain);
      wire.insert(wire.end(), sealed.begin(), sealed.end());
      // The header's length field: plaintext + 24 (1.2) or + 17 (1.3).
      EXPECT_EQ((sealed[3] << 8 | sealed[4]), rec.plaintext + (s->tls13 ? 17 : 24)) << text;
    }
    auto got = peer->deliver(wire, &why);
    ASSERT_TRUE(got) << text << ": " << why;
    EXPECT_EQ(*got, want) << text;
  }
}

// The kernel mirrors' own stream, sealed with the handshake's client keys: the peer
// reads back every accepted byte, on every profile and, for TLS 1.2, on both paths.
TEST_P(Peer, ReadsBackWhatTheKernelMirrorsSent) {
  const char *scenarios[] = {"b send:20000", "c send:1000:more send:1000:more send:1000", "f sendfile:40000",
                             "g splice:10000", "p zc sendfile:70000@1000", "p sendmsg:100+200+300:eor send:16385",
                             "p send:3000:more splice:3000 sendpage:9000@17"};
  std::string why;
  auto peer = OpenSslPeer::connect(GetParam(), &why);
  ASSERT_TRUE(peer) << why;
  for (const char *text : scenarios)
    for (Profile profile : {Profile::tls_v6_1, Profile::tls_v6_5, Profile::tls_newest})
      for (Path path : {Path::sw, Path::device}) {
        if (path == Path::device && GetParam())
          continue;  // the offload is TLS 1.2 only
        auto s = parse_scenario(text, &why);
        ASSERT_TRUE(s) << why;
        s->tls13 = GetParam();
        auto f = judge(*s, profile, path, peer.get());
        EXPECT_FALSE(f) << text << " on " << profile_info(profile).name << " " << path_name(path) << ": "
                        << check_name(f->check) << ": " << f->divergence;
      }
}

TEST_P(Peer, RefusesATamperedRecord) {
  std::string why;
  auto peer = OpenSslPeer::connect(GetParam(), &why);
  ASSERT_TRUE(peer) << why;
  auto sealed = peer->seal(kContentData, std::vector<uint8_t>(100, 0x41));
  sealed[20] ^= 1;
  EXPECT_FALSE(peer->deliver(sealed, &why));
  EXPECT_NE(why.find("refused"), std::string::npos) << why;
}

INSTANTIATE_TEST_SUITE_P(Versions, Peer, ::testing::Values(false, true),
                         [](const auto &info) { return info.param ? "tls13" : "tls12"; });

}  // namespace
