// SPDX-License-Identifier: GPL-2.0-only
#include <oracle/kernel_run.h>

#include <api/text_lines.h>
#include <oracle/runner.h>

namespace sc::oracle {
namespace {

// A RESULT line's blank-separated fields with their 1-based columns.
struct Word {
  std::string_view text;
  size_t col;
};
std::vector<Word> split(std::string_view s, char sep, size_t col) {
  std::vector<Word> out;
  if (s.empty())
    return out;
  for (size_t start = 0;;) {
    size_t at = s.find(sep, start);
    out.push_back({s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start), col + start});
    if (at == std::string_view::npos)
      return out;
    start = at + 1;
  }
}

// "key=value" from a RESULT line's fields: the value and its column.
std::optional<Word> field(const std::vector<Word> &fields, std::string_view key) {
  for (auto f : fields)
    if (f.text.size() > key.size() && f.text.substr(0, key.size()) == key && f.text[key.size()] == '=')
      return Word{f.text.substr(key.size() + 1), f.col + key.size() + 1};
  return std::nullopt;
}

// What a stored result may hold (the Limits table): a return is at most what one op may
// ask, an error is -1..-MAX_ERRNO (4095); records, 16-bit lengths, no more bytes than a
// scenario may send and no more records than that at the smallest maximum payload.
constexpr uint64_t kMaxErrno = 4095;
constexpr uint64_t kMaxRecords = tls::kMaxScenarioBytes / tls::kMinMaxPayload + tls::kMaxScenarioOps;
constexpr uint64_t kMaxTrailing = UINT32_MAX;

bool parse_result(std::string_view line, std::string *name, KernelOutcome *out, std::string *why) {
  auto fields = split(line, ' ', 1);
  auto bad = [&](size_t col, const std::string &what) {
    *why = "column " + std::to_string(col) + ": " + what;
    return false;
  };
  if (fields.size() < 6)
    return bad(1, "a RESULT line needs name, rets, records, trailing and us");
  *name = std::string(fields[1].text);
  auto rets = field(fields, "rets"), records = field(fields, "records"), trailing = field(fields, "trailing");
  if (!rets || !records || !trailing)
    return bad(1, "missing rets=, records= or trailing=");
  for (auto r : split(rets->text, ',', rets->col)) {
    bool err = !r.text.empty() && r.text[0] == 'E';
    auto v = err ? parse_number(r.text.substr(1), 1, kMaxErrno) : parse_number(r.text, 0, tls::kMaxOpBytes);
    if (!v || out->returns.size() == tls::kMaxScenarioOps)
      return bad(r.col, "bad return '" + std::string(r.text) + "' (a byte count 0.." + std::to_string(tls::kMaxOpBytes) +
                            " or E1..E" + std::to_string(kMaxErrno) + ", at most " +
                            std::to_string(tls::kMaxScenarioOps) + " of them)");
    out->returns.push_back(err ? -static_cast<int64_t>(*v) : static_cast<int64_t>(*v));
  }
  uint64_t plaintext = 0;
  for (auto r : split(records->text, ',', records->col)) {
    auto colon = r.text.find(':');
    auto type = parse_number(r.text.substr(0, colon), 0, 255);
    auto len = colon == std::string_view::npos ? std::nullopt : parse_number(r.text.substr(colon + 1), 0, 65535);
    if (!type || !len || out->records.size() == kMaxRecords || (plaintext += *len) > tls::kMaxScenarioBytes)
      return bad(r.col, "bad record '" + std::string(r.text) + "' (TYPE:LEN, 0..255:0..65535, at most " +
                            std::to_string(kMaxRecords) + " records and " + std::to_string(tls::kMaxScenarioBytes) +
                            " bytes)");
    out->records.push_back({static_cast<uint8_t>(*type), static_cast<uint32_t>(*len)});
  }
  auto t = parse_number(trailing->text, 0, kMaxTrailing);
  if (!t)
    return bad(trailing->col, "bad trailing= (0.." + std::to_string(kMaxTrailing) + ")");
  out->trailing = *t;
  return true;
}

}  // namespace

std::optional<KernelRun> parse_guest_output(const std::string &text, std::string *why) {
  KernelRun run;
  run.text = text;
  bool done = false;
  TextLines lines(text);
  for (std::string_view view; lines.next(&view);) {
    std::string line(view);
    auto fail = [&](const std::string &what) {
      *why = "guest output line " + std::to_string(lines.number()) + ", " + what;
      return std::nullopt;
    };
    if (line.empty())
      continue;
    if (done)
      return fail("column 1: text after the run's end");
    if (line.rfind("ORACLE kernel=", 0) == 0) {
      run.release = line.substr(14, line.find(' ', 14) - 14);
    } else if (line.rfind("ORACLE done", 0) == 0) {
      done = true;
    } else if (line.rfind("ORACLE error", 0) == 0 || line.rfind("ERROR ", 0) == 0) {
      return fail("column 1: the guest reports: " + line);
    } else if (line.rfind("RESULT ", 0) == 0) {
      std::string name, what;
      KernelOutcome o;
      if (!parse_result(line, &name, &o, &what))
        return fail(what);
      if (run.outcomes.size() == tls::kMaxScenarios)
        return fail("column 1: more than " + std::to_string(tls::kMaxScenarios) + " results");
      if (!run.outcomes.emplace(name, o).second)
        return fail("column 8: scenario '" + name + "' twice");
    } else {
      return fail("column 1: not a line the guest writes: '" + line.substr(0, 60) + "'");
    }
  }
  if (run.release.empty()) {
    *why = "guest output has no 'ORACLE kernel=' line";
    return std::nullopt;
  }
  if (!done) {
    *why = "guest output ends before 'ORACLE done' (the guest did not finish)";
    return std::nullopt;
  }
  return run;
}

std::optional<KernelRun> boot_and_run(const KernelSpec &k, const std::vector<tls::Scenario> &scenarios,
                                      std::string *why) {
  std::string input;
  for (const auto &s : scenarios)
    input += tls::format_scenario(s) + "\n";
  auto r = run_runner({SC_ORACLE_RUN, k.kernel, SC_ORACLE_GUEST, input, {{"ORACLE_MODULES", k.modules}},
                       std::to_string(scenarios.size()) + " scenario(s)"},
                      why);
  if (!r)
    return std::nullopt;
  if (r->exit_code != 0) {
    *why = r->exit_code == 3   ? "the kernel could not be fetched (see above)"
           : r->exit_code == 2 ? "the runner refused its arguments (see above)"
           : r->exit_code == 4 ? "the kernel run failed (see above)"
                               : "the kernel run failed: " + r->status;
    return std::nullopt;
  }
  return parse_guest_output(r->output, why);
}

}  // namespace sc::oracle
