// SPDX-License-Identifier: GPL-2.0-only
// The software-path record model against what real kernels emitted (KERNEL-ORACLE.md:
// scenarios (a)-(h) and the probe table, 6.1 and 6.12 columns) and SPEC §3.8's examples.
#include <api/tls_scenario.h>
#include <gtest/gtest.h>
#include <model/tls_model.h>

using namespace sc::tls;

namespace {

// "16384*3,7232" -> plaintext lengths; "none" -> no record.
std::vector<uint32_t> lengths(const std::string &spec) {
  std::vector<uint32_t> out;
  if (spec == "none")
    return out;
  for (size_t pos = 0; pos <= spec.size();) {
    size_t comma = spec.find(',', pos);
    std::string item = spec.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    size_t star = item.find('*');
    uint32_t len = std::stoul(item.substr(0, star));
    uint32_t times = star == std::string::npos ? 1 : std::stoul(item.substr(star + 1));
    out.insert(out.end(), times, len);
    if (comma == std::string::npos)
      break;
    pos = comma + 1;
  }
  return out;
}

struct Observed {
  const char *scenario;
  const char *on_6_1;
  const char *on_6_12;  // also 7.2: it split a 400-scenario set exactly as 6.12
};

constexpr Observed kOracle[] = {
    {"a send:100", "100", "100"},
    {"b send:20000", "16384,3616", "16384,3616"},
    {"c send:1000:more send:1000:more send:1000", "3000", "3000"},
    {"d send:16384", "16384", "16384"},
    {"e send:16385", "16384,1", "16384,1"},
    {"f sendfile:40000", "16384*2,7232", "16384*2,7232"},
    {"g splice:10000", "10000", "10000"},
    {"h send:5000:more sendfile:5000", "10000", "10000"},
    {"p send:100:more", "none", "none"},
    {"p send:100:more send:0", "none", "none"},
    {"p shut send:100:more", "none", "none"},
    {"p send:100:more sleep:300 send:100", "200", "200"},
    {"p send:10000:more send:10000", "16384,3616", "16384,3616"},
    {"p send:16384:more send:1", "16384,1", "16384,1"},
    {"p send:16383:more send:2", "16384,1", "16384,1"},
    {"p send:100000", "16384*6,1696", "16384*6,1696"},
    {"p sendmsg:100+200+300", "600", "600"},
    {"p sendmsg:1000+1000:more send:100", "2100", "2100"},
    {"p write:20000", "16384,3616", "16384,3616"},
    {"p sendfile:200000", "16384*12,3392", "16384*12,3392"},
    {"p sendfile:200000@100", "16384*3,16284,16384*8,3492", "16384*12,3392"},
    {"p sendfile:70000@1000", "16384*3,15384,5464", "16384*4,4464"},
    {"p sendfile:4097", "4097", "4097"},
    {"p sendfile:16384", "16384", "16384"},
    {"p sendfile:16385", "16384,1", "16384,1"},
    {"p sendfile:5000 send:100", "5000,100", "5000,100"},
    {"p send:100:more sendfile:20000", "16384,3716", "16384,3716"},
    {"p splice:100000", "16384*6,1696", "16384*6,1696"},
    {"p splice:5000:more send:100", "5000,100", "5100"},
    {"p splice:3000:more", "3000", "none"},
    {"p send:3000:more splice:3000", "6000", "6000"},
    {"p zc sendfile:40000", "16384*2,7232", "16384*2,7232"},
    {"p v13 send:20000", "16384,3616", "16384,3616"},
    {"p v13 send:1000:more send:1000:more send:1000", "3000", "3000"},
    {"p v13 sendfile:40000", "16384*2,7232", "16384*2,7232"},
};

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
