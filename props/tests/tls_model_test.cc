// SPDX-License-Identifier: GPL-2.0-only
// The software-path record model against what real kernels emitted (KERNEL-ORACLE.md:
// scenarios (a)-(h) and the probe table, 6.1 and 6.12 columns) and SPEC §3.8's examples.
#include <api/tls_scenario.h>
#include <gtest/gtest.h>
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
