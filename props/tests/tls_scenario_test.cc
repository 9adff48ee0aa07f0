// SPDX-License-Identifier: GPL-2.0-only
// The TLS scenario language: the oracle's scenarios (KERNEL-ORACLE.md (a)-(h) and the
// probes) parse and print back unchanged; malformed text is refused with its position.
#include <api/tls_scenario.h>
#include <gtest/gtest.h>
#include <props/tests/crlf.h>

using namespace sc::tls;

namespace {

// KERNEL-ORACLE.md's table (a)-(h) and some probes, as the oracle writes them.
constexpr const char *kOracleScenarios = R"(# (a)-(h)
a v12 send:100
b v12 send:20000
c v12 send:1000:more send:1000:more send:1000
d v12 send:16384
e v12 send:16385
f v12 sendfile:40000
g v12 splice:10000
h v12 send:5000:more sendfile:5000
# probes
p1 v12 shut send:100:more
p2 v12 send:100:more sleep:300 send:100
p3 v12 sendmsg:100+200+300
p4 v12 sendfile:200000@100
p5 v12 splice:5000:more send:100
p6 v12 send:100:more ctrl:50:21
p7 v13 zc sendfile:40000
p8 v13 maxpay=1000 send:5000:eor write:20
)";

// sndbuf is no oracle scenario (no syscall fails a memory wait), but it round-trips.
TEST(TlsScenario, SndbufRoundTrips) {
  std::string why;
  for (const char *line : {"s v12 sndbuf:5 sendpage:20000", "s v12 sndbuf:1:intr splice:100"}) {
    auto s = parse_scenario(line, &why);
    ASSERT_TRUE(s) << why;
    EXPECT_EQ(format_scenario(*s), line);
    EXPECT_EQ(s->ops[0].bytes(), 0u);
  }
  EXPECT_FALSE(parse_scenario("s sndbuf:0", &why));
  EXPECT_NE(why.find("column 10: '0' is not a whole number from 1 to 1048576"), std::string::npos) << why;
  EXPECT_FALSE(parse_scenario("s sndbuf:2:more", &why));
  EXPECT_NE(why.find("'more' is not a flag sndbuf takes (intr)"), std::string::npos) << why;
  EXPECT_FALSE(parse_scenario("s send:2:intr", &why));
}

TEST(TlsScenario, OracleScenariosRoundTrip) {
  std::string why;
  auto all = parse_scenarios(kOracleScenarios, &why);
  ASSERT_TRUE(all) << why;
  ASSERT_EQ(all->size(), 16u);
  for (const auto &s : *all) {
    auto back = parse_scenario(format_scenario(s), &why);
    ASSERT_TRUE(back) << why;
    EXPECT_EQ(*back, s) << format_scenario(s);
  }
  const Scenario &c = (*all)[2];
  ASSERT_EQ(c.ops.size(), 3u);
  EXPECT_EQ(c.ops[0].flag, Flag::more);
  EXPECT_EQ(c.ops[2].flag, Flag::none);
  EXPECT_EQ((*all)[10].ops[0].sizes, (std::vector<uint32_t>{100, 200, 300}));
  EXPECT_EQ((*all)[10].ops[0].bytes(), 600u);
  EXPECT_EQ((*all)[11].ops[0].offset, 100u);
  EXPECT_EQ((*all)[13].ops[1].record_type, 21);
  EXPECT_TRUE((*all)[14].tls13);
  EXPECT_TRUE((*all)[14].zerocopy);
  EXPECT_EQ((*all)[15].max_payload, 1000u);
  EXPECT_EQ(format_scenario((*all)[0]), "a v12 send:100");
}

TEST(TlsScenario, MalformedTextIsRefusedWithLineAndColumn) {
  const std::pair<const char *, const char *> bad[] = {
      {"x v12 sned:100\n", "line 1, column 7: unknown op 'sned'"},
      {"\n# c\nx send:abc\n", "line 3, column 8: 'abc' is not a whole number"},
      {"x send:100:later\n", "line 1, column 12: 'later' is not a flag send takes (more, eor)"},
      {"x write:100:more\n", "column 13: 'more' is not a flag write takes (none)"},
      {"x sendmsg:1+x+3\n", "column 13: 'x' is not a whole number"},
      {"x ctrl:100\n", "column 11: ctrl needs a record type"},
      {"x ctrl:100:300\n", "column 12: record type '300' is not 0..255"},
      {"x v12 v13 send:1\n", "column 7: the TLS version is given twice"},
      {"x maxpay=10 send:1\n", "column 10: maxpay is 64..16384"},
      {"x v12\n", "scenario 'x' has no ops"},
      {"send:100\n", "column 1: a scenario starts with its name"},
      {"x send\n", "column 7: send needs a size"},
      {"x send:100:more:eor\n", "column 17: one flag per op"},
      {"x sendfile:10@\n", "column 15: '' is not a whole number"},
      {"x send:99999999999\n", "column 8: '99999999999' is not a whole number"},
      {"x send:16777217\n", "column 8: '16777217' is not a whole number from 0 to 16777216"},
      // 4 GiB of iovecs used to wrap a 32-bit total: judged as a 100-byte send.
      {"x sendmsg:16777216+16777216\n", "column 11: the iovecs add up to more than 16777216 bytes"},
      {"x sleep:10000 sleep:10000 sleep:10000 sleep:10000 sleep:10000 sleep:10000 sleep:1\n",
       "column 75: the sleeps add up to more than 60000 ms"},
  };
  for (auto [text, want] : bad) {
    std::string why;
    EXPECT_FALSE(parse_scenarios(text, &why)) << text;
    EXPECT_NE(why.find(want), std::string::npos) << "got: " << why;
  }
}

std::string repeated(const std::string &word, size_t n) {
  std::string out = "x v12";
  for (size_t i = 0; i < n; i++)
    out += " " + word;
  return out + "\n";
}

TEST(TlsScenario, WholeScenarioCapsAreChecked) {
  std::string why;
  // 256 sends of 16 MiB, each within its own limit: 4 GiB in all used to die of bad_alloc.
  EXPECT_FALSE(parse_scenarios(repeated("send:16777216", 256), &why));
  EXPECT_NE(why.find("line 1, column 35: the ops ask to send more than 33554432 bytes"), std::string::npos) << why;
  EXPECT_TRUE(parse_scenarios(repeated("send:16777216", 2), &why)) << why;
  EXPECT_FALSE(parse_scenarios(repeated("send:1", kMaxScenarioOps + 1), &why));
  EXPECT_NE(why.find("more than 1024 ops in one scenario"), std::string::npos) << why;
  EXPECT_TRUE(parse_scenarios(repeated("send:1", kMaxScenarioOps), &why)) << why;
  std::string iovecs = "x sendmsg:1";
  for (uint32_t i = 0; i < kMaxIovecs; i++)
    iovecs += "+1";
  EXPECT_FALSE(parse_scenarios(iovecs, &why));
  EXPECT_NE(why.find("more than 1024 iovecs (UIO_MAXIOV)"), std::string::npos) << why;
}

TEST(TlsScenario, CrlfAndAMissingLastNewlineReadAsLf) {
  auto parse = [](const std::string &text, std::string *why) { return parse_scenarios(text, why); };
  expect_crlf_reads_as_lf(parse, "a v12 send:100\nb v13 splice:5000:more send:1\n");
}

}  // namespace
