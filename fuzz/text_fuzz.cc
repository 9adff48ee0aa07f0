// SPDX-License-Identifier: GPL-2.0-only
// text_fuzz: every text reader splicecheck has, under one harness. The first byte picks
// the reader (its value mod 7; the seeds use 'p'..'v'), the rest is the file:
//   p alloc trace   q splice trace   r tls trace   s tls scenario file
//   t stored oracle results (guest output)   u CTest JUnit (gate)   v explore schedule
// Each input must give a clean error or a valid parse, never a crash: an error names its
// line (and column, where the reader promises one); a valid parse stays within the
// reader's caps (the work a later run does is bounded by them) and, where a printer
// exists, prints and parses back to itself.
#include <api/op_text.h>
#include <api/page_frag_trace.h>
#include <api/splice_trace.h>
#include <api/tls_scenario.h>
#include <api/tls_trace.h>
#include <cli/killmatrix/junit.h>
#include <explore/schedule_text.h>
#include <oracle/kernel_run.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

using namespace sc;

[[noreturn]] void broken(const char *reader, const std::string &what) {
  std::fprintf(stderr, "text_fuzz: %s reader: %s\n", reader, what.c_str());
  std::abort();
}

void require(bool ok, const char *reader, const std::string &what) {
  if (!ok)
    broken(reader, what);
}

// Errors of the line-and-column readers read "line L, column C: ...".
void require_position(const std::string &why, const char *reader) {
  require(why.rfind("line ", 0) == 0 && why.find(", column ") != std::string::npos, reader,
          "error without line and column: " + why);
}

void within_caps(const tls::Scenario &s, const char *reader) {
  require(!s.ops.empty() && s.ops.size() <= tls::kMaxScenarioOps, reader, "op count outside 1..kMaxScenarioOps");
  uint64_t total = 0;
  for (const auto &op : s.ops) {
    require(!op.sizes.empty() && op.sizes.size() <= tls::kMaxIovecs, reader, "iovec count outside 1..UIO_MAXIOV");
    uint64_t sum = 0;
    for (uint32_t n : op.sizes)
      sum += n;
    bool no_bytes = op.kind == tls::OpKind::sleep || op.kind == tls::OpKind::sndbuf;  // sizes[0] is no byte count
    require(no_bytes || sum == op.bytes(), reader, "an op's byte count wraps");
    require(sum <= (op.kind == tls::OpKind::sleep    ? tls::kMaxSleepMs
                    : op.kind == tls::OpKind::sndbuf ? tls::kMaxSndbufCheck
                                                     : tls::kMaxOpBytes),
            reader, "an op past its cap");
    total += op.bytes();
  }
  require(total <= tls::kMaxScenarioBytes, reader, "a scenario past its byte cap");
}

template <typename Trace, typename Parse, typename Format>
void op_trace(std::string_view text, const char *reader, Parse parse, Format format) {
  std::string why;
  auto t = parse(text, &why);
  if (!t)
    return require_position(why, reader);
  require(t->ops.size() <= kMaxTraceOps, reader, "more ops than kMaxTraceOps");
  auto back = parse(format(*t), &why);
  require(back && *back == *t, reader, "does not print and parse back: " + why);
}

void tls_trace(std::string_view text) {
  std::string why;
  auto t = tls::parse_trace(text, &why);
  if (!t)
    return require_position(why, "tls trace");
  within_caps(t->scenario, "tls trace");
  auto back = tls::parse_trace(tls::format_trace(*t), &why);
  require(back && *back == *t, "tls trace", "does not print and parse back: " + why);
}

void scenarios(std::string_view text) {
  std::string why;
  auto all = tls::parse_scenarios(text, &why);
  if (!all)
    return require_position(why, "scenario");
  require(all->size() <= tls::kMaxScenarios, "scenario", "more scenarios than kMaxScenarios");
  std::string printed;
  for (const auto &s : *all) {
    within_caps(s, "scenario");
    printed += tls::format_scenario(s) + "\n";
  }
  auto back = tls::parse_scenarios(printed, &why);
  require(back && *back == *all, "scenario", "does not print and parse back: " + why);
}

void guest_output(std::string_view text) {
  std::string why;
  auto run = oracle::parse_guest_output(std::string(text), &why);
  if (!run)
    return require(why.rfind("guest output ", 0) == 0, "guest output", "error without its place: " + why);
  require(run->outcomes.size() <= tls::kMaxScenarios, "guest output", "more results than kMaxScenarios");
  for (const auto &[name, o] : run->outcomes) {
    require(o.returns.size() <= tls::kMaxScenarioOps, "guest output", "more returns than kMaxScenarioOps");
    for (int64_t r : o.returns)
      require(r >= -4095 && r <= tls::kMaxOpBytes, "guest output", "a return outside -4095..kMaxOpBytes");
    uint64_t bytes = 0;
    for (const auto &rec : o.records)
      bytes += rec.plaintext;
    require(bytes <= tls::kMaxScenarioBytes, "guest output", "records past kMaxScenarioBytes");
  }
}

void junit(std::string_view text) {
  std::string why;
  auto tests = km::parse_junit(text, &why);
  if (!tests)
    return require(why.rfind("line ", 0) == 0, "junit", "error without its line: " + why);
  require(tests->size() <= km::kMaxJunitTests, "junit", "more tests than kMaxJunitTests");
  for (const auto &t : *tests)
    require(!t.name.empty() && std::isfinite(t.seconds) && t.seconds >= 0 && t.seconds <= km::kMaxJunitSeconds,
            "junit", "a test without a name or with time outside 0..1e7");
}

// The schedule field of a replay string: what follows its last ':' (the whole input
// when there is none). The rest of a replay string names scenarios and profiles, which
// the explorer's own tables check.
void schedule(std::string_view text) {
  auto colon = text.rfind(':');
  auto field = colon == std::string_view::npos ? text : text.substr(colon + 1);
  std::string why;
  auto d = explore::decode_decisions(field, &why);
  if (!d)
    return require(why.rfind("bad schedule token", 0) == 0, "schedule", "unexpected error: " + why);
  require(d->size() <= explore::kMaxScheduleDecisions, "schedule", "more decisions than kMaxScheduleDecisions");
  auto back = explore::decode_decisions(explore::encode_decisions(*d), &why);
  require(back && *back == *d, "schedule", "does not print and parse back: " + why);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) { return 0; }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0;
  std::string_view text(reinterpret_cast<const char *>(data) + 1, size - 1);
  switch (data[0] % 7) {
  case 0:
    op_trace<alloc::Trace>(text, "alloc trace", alloc::parse_trace, alloc::format_trace);
    break;
  case 1:
    op_trace<splice::Trace>(text, "splice trace", splice::parse_trace, splice::format_trace);
    break;
  case 2:
    tls_trace(text);
    break;
  case 3:
    scenarios(text);
    break;
  case 4:
    guest_output(text);
    break;
  case 5:
    junit(text);
    break;
  case 6:
    schedule(text);
    break;
  }
  return 0;
}
