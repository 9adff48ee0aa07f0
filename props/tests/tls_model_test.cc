// SPDX-License-Identifier: GPL-2.0-only
// The software-path record model against what real kernels emitted (KERNEL-ORACLE.md:
// scenarios (a)-(h) and the probe table, 6.1 and 6.12 columns) and SPEC §3.8's examples.
#include <api/tls_scenario.h>
#include <cerrno>
#include <gtest/gtest.h>
#include <impl/tls_impl.h>
#include <model/tls_model.h>
#include <props/tests/tls_oracle_table.h>

using namespace sc::tls;
using sc::tls::oracle_table::kOracle;
using sc::tls::oracle_table::lengths;

namespace {

std::vector<uint32_t> run(const char *text, const Rules &rules, Result *result = nullptr) {
  std::string why;
  auto s = parse_scenario(text, &why);
  EXPECT_TRUE(s) << why;
  Result r = split_records(*s, rules);
  std::vector<uint32_t> out;
  for (const auto &rec : r.records)
    out.push_back(rec.plaintext);
  if (result)
    *result = r;
  return out;
}

TEST(TlsModel, MatchesWhatRealKernelsEmitted) {
  for (const auto &o : kOracle) {
    EXPECT_EQ(run(o.scenario, rules_v6_1()), lengths(o.on_6_1)) << "6.1: " << o.scenario;
    EXPECT_EQ(run(o.scenario, rules_v6_12()), lengths(o.on_6_12)) << "6.12: " << o.scenario;
    EXPECT_EQ(run(o.scenario, rules_newest()), lengths(o.on_6_12)) << "7.2: " << o.scenario;
  }
}

TEST(TlsModel, ControlRecordsKeepTheirTypeAndCloseTheOpenRecord) {
  Result r;
  EXPECT_EQ(run("p send:100:more ctrl:50:21", rules_newest(), &r), lengths("100,50"));
  EXPECT_EQ(r.records[0].type, kContentData);
  EXPECT_EQ(r.records[1].type, 21);
  EXPECT_EQ(run("p ctrl:20000:21", rules_v6_1(), &r), lengths("16384,3616"));
  EXPECT_EQ(r.records[1].type, 21);
  EXPECT_TRUE(run("p ctrl:100:22:more", rules_newest(), &r).empty());
  EXPECT_EQ(r.returns[0], -EINVAL);
}

TEST(TlsModel, AcceptedBytesAndWhatCloseDiscards) {
  Result r;
  run("p send:100:more sleep:5 send:30:more", rules_newest(), &r);
  EXPECT_EQ(r.returns, (std::vector<int64_t>{100, 0, 30}));
  EXPECT_EQ(r.discarded, 130u);
  EXPECT_TRUE(r.records.empty());
}

// SPEC §3.8.
TEST(TlsModel, SpecWorkedExamples) {
  EXPECT_EQ(run("x send:40000", rules_newest()), lengths("16384,16384,7232"));
  EXPECT_EQ(run("x send:16000:more send:1000", rules_newest()), lengths("16384,616"));
  EXPECT_EQ(run("x maxpay=128 send:1024", rules_newest()), lengths("128*8"));
  EXPECT_EQ(run("x maxpay=512 send:256:more send:768:eor", rules_newest()), lengths("512,512"));
  Result r;
  EXPECT_TRUE(run("x maxpay=512 send:1", rules_v6_12(), &r).empty());
  EXPECT_EQ(r.returns[0], -ENOPROTOOPT);
  // 20 one-page splices of 100 bytes with MORE: a record closes at 17 entries.
  std::string twenty = "x";
  for (int i = 0; i < 20; i++)
    twenty += " splice:100:more";
  EXPECT_EQ(run((twenty + " send:1").c_str(), rules_newest()), lengths("1700,301"));
}

}  // namespace

namespace {

struct WaitCase {
  const char *scenario;
  std::vector<int64_t> v6_1, later;  // returns on 6.1, and on v6.5 and after
  uint32_t passes_before;            // of the failing op, before its failed wait
};

}  // namespace

// A failed send-buffer wait on the software path, at every level (issue 19): sendmsg
// ends with what earlier passes took, or the error; splice calls again after a short
// sendmsg (v6.5+), an in-kernel sendpage user stops. Model and mirror agree.
TEST(TlsModel, FailedSendBufferWaitsEndTheCallWithWhatItTook) {
  const WaitCase cases[] = {
      {"a sndbuf:2 send:40000", {0, 16384}, {0, 16384}, 1},
      {"b sndbuf:1:intr send:100:more send:50", {0, -EINTR, 50}, {0, -EINTR, 50}, 0},
      {"c sndbuf:2 splice:70000", {0, 4096}, {0, 70000}, 1},
      {"d sndbuf:1 splice:5000", {0, -EAGAIN}, {0, -EAGAIN}, 0},
      {"e sndbuf:3 sendpage:20000@10", {0, 8182}, {0, 8182}, 2},
      {"f send:10:more sndbuf:3 sendmsg:30000+10000", {10, 0, 32758}, {10, 0, 32758}, 2},
  };
  for (sc::Profile p : {sc::Profile::tls_v6_1, sc::Profile::tls_v6_5, sc::Profile::tls_v6_12, sc::Profile::tls_newest})
    for (const auto &c : cases) {
      std::string why;
      auto s = parse_scenario(c.scenario, &why);
      ASSERT_TRUE(s) << why;
      Result m = split_records(*s, rules_of(p));
      const auto &want = p == sc::Profile::tls_v6_1 ? c.v6_1 : c.later;
      EXPECT_EQ(m.returns, want) << c.scenario;
      ASSERT_EQ(m.failed_waits.size(), 1u) << c.scenario;
      EXPECT_EQ(m.failed_waits[0].passes_before, c.passes_before) << c.scenario;
      sc::tls::ImplRun run = run_impl(*s, p, Path::sw);
      EXPECT_EQ(run.returns, want) << c.scenario;
      EXPECT_EQ(run.discarded, m.discarded) << c.scenario;
    }
}
