// SPDX-License-Identifier: GPL-2.0-only
// `splicecheck gate`: the kill matrix read off the CTest results every build left
// (build/<preset>/junit*.xml, written by ci/test), without running a detector again.
// A row's detector is its CTest tests: row.<id>.seedN (stateful or props in default,
// asan-ubsan in asan-ubsan), .witness, .oracle, .kernel-src, .explore.pct|bounded in
// default, .tsan in tsan, .fuzz and .fuzz.src in fuzz.
#include <cli/killmatrix/builds.h>
#include <cli/killmatrix/junit.h>
#include <cli/killmatrix/killmatrix_cmd.h>
#include <cli/killmatrix/matrix.h>

#include <api/bugs.h>
#include <api/profiles.h>

#include <algorithm>
#include <map>
#include <regex>

namespace sc::cli {
namespace {

namespace fs = std::filesystem;
using km::Detector;
using km::Status;

using TestResult = km::JunitTest;

// Which build answers for a detector.
const char *preset_of(Detector d) {
  switch (d) {
  case Detector::asan_ubsan: return "asan-ubsan";
  case Detector::tsan: return "tsan";
  case Detector::fuzz: return "fuzz";
  default: return "default";
  }
}

// The detector a test of `preset` stands for, or nullopt when it is not a per-row test.
std::optional<Detector> detector_of(const std::string &suffix, const std::string &preset, Component c) {
  if (std::regex_match(suffix, std::regex("seed[0-9]+")))
    return preset == "asan-ubsan" ? std::optional(Detector::asan_ubsan)
           : preset == "default"  ? std::optional(c == Component::tls ? Detector::props : Detector::stateful)
                                  : std::nullopt;
  static const std::vector<std::tuple<std::string, std::string, Detector>> kTests = {
      {"witness", "default", Detector::witness},       {"oracle", "default", Detector::oracle},
      {"kernel-src", "default", Detector::kernel_src}, {"explore.pct", "default", Detector::explore},
      {"explore.bounded", "default", Detector::explore}, {"tsan", "tsan", Detector::tsan},
      {"fuzz", "fuzz", Detector::fuzz},                {"fuzz.src", "fuzz", Detector::fuzz}};
  for (const auto &[test, in, d] : kTests)
    if (suffix == test && preset == in)
      return d;
  return std::nullopt;
}

// Clean counterparts as the CTest suite has them.
struct CleanTest {
  const char *pattern, *name, *what, *preset;
  Detector detector;
};
const CleanTest kCleanTests[] = {
    {"cli\\.p05_finds_nothing", "alloc/p05", "every allocator property on p05, 500 cases", "default", Detector::stateful},
    {"cli\\.p05_finds_nothing", "alloc/p05", "every allocator property on p05, 500 cases", "asan-ubsan",
     Detector::asan_ubsan},
    {"cli\\.splice_profile\\..*", "splice", "every splice property per profile, rows in effect allowed", "default",
     Detector::stateful},
    {"cli\\.tls_profile\\..*", "tls", "every TLS property per profile, rows in effect allowed", "default", Detector::props},
    {"fuzz\\.smoke\\..*", "fuzz smoke", "each harness on its default profile from the seeds, fixed runs", "fuzz",
     Detector::fuzz},
    {"explore\\.(fixed|R2)\\..*", "explore fixes", "each race scenario with its fix, and R2, k=2 exhausted", "default",
     Detector::explore},
    {"race\\.series_cross_cpu_free", "alloc/series stress", "real threads on the series' allocator", "tsan",
     Detector::tsan},
    {"oracle\\.kernel_.*", "tls/real kernels", "6.1, 6.12, 7.2: the committed set and 200 random scenarios", "default",
     Detector::oracle},
};

void add_results(km::Cell &c, const std::vector<TestResult> &tests, bool clean) {
  c.unit = "tests";
  int passed = 0, failed = 0, skipped = 0;
  std::vector<double> seconds;
  for (const auto &t : tests) {
    c.attempts.push_back({t.seed.value_or(0), t.end == TestResult::passed, 1, t.seconds});
    seconds.push_back(t.seconds);
    passed += t.end == TestResult::passed;
    failed += t.end == TestResult::failed;
    skipped += t.end == TestResult::skipped;
    if (t.end != TestResult::passed)
      c.note += (c.note.empty() ? "" : ", ") + t.name + (t.end == TestResult::failed ? " failed" : " skipped");
  }
  std::sort(seconds.begin(), seconds.end());
  c.median_work = tests.size();
  c.median_seconds = seconds[(seconds.size() - 1) / 2];
  if (skipped == static_cast<int>(tests.size()))
    c.status = Status::skipped;
  else if (clean)
    c.status = failed ? Status::false_alarm : Status::clean;
  else
    c.status = failed == 0 ? Status::found : passed ? Status::partly : Status::not_found;
  if (!clean && c.status == Status::found && skipped)
    c.status = Status::partly;
}

}  // namespace

int gate_command(const Options &o, std::ostream &out, std::ostream &err) {
  for (const auto &flag : o.given)
    if (flag != "builds" && flag != "json" && flag != "markdown" && flag != "html" && flag != "sarif" && flag != "junit") {
      err << "splicecheck: 'gate' takes --builds, --json, --markdown, --html, --sarif and --junit, not --" << flag << "\n";
      return 2;
    }
  std::string why;
  auto builds = km::Builds::find(o.has("builds") ? o.builds : "", &why);
  if (!builds) {
    err << "splicecheck: " << why << "\n";
    return 2;
  }
  std::map<std::string, std::vector<TestResult>> by_preset;
  for (const char *preset : {"default", "asan-ubsan", "tsan", "fuzz"}) {
    std::error_code ec;
    for (const auto &e : fs::directory_iterator(builds->root() / preset, ec))
      if (e.path().filename().string().rfind("junit", 0) == 0 && e.path().extension() == ".xml") {
        // A file that cannot be read is bad input (2), never tests that seem missing (1).
        auto tests = km::read_junit(e.path().string(), &why);
        if (!tests) {
          err << "splicecheck: " << why << "\n";
          return 2;
        }
        by_preset[preset].insert(by_preset[preset].end(), tests->begin(), tests->end());
      }
  }
  if (by_preset.empty()) {
    err << "splicecheck: no CTest results (junit*.xml) under " << builds->root().string()
        << "/<preset>/: run ci/test, or ctest --output-junit junit.xml in each build\n";
    return 2;
  }
  km::Matrix m;
  m.source = "ctest";
  for (const auto &[preset, tests] : by_preset)
    m.builds.push_back(preset);
  for (const auto &b : all_bugs()) {
    km::Row r = km::row_of(b);
    std::map<Detector, std::vector<TestResult>> found;
    std::string prefix = "row." + r.id + ".";
    for (const auto &[preset, tests] : by_preset)
      for (const auto &t : tests)
        if (t.name.rfind(prefix, 0) == 0)
          if (auto d = detector_of(t.name.substr(prefix.size()), preset, b.component))
            found[*d].push_back(t);
    for (Detector d : km::kDetectors) {
      bool claimed = std::find(r.claims.begin(), r.claims.end(), km::detector_name(d)) != r.claims.end();
      if (!claimed && !found.count(d))
        continue;
      km::Cell c;
      c.row = r.id;
      c.detector = d;
      if (found.count(d)) {
        add_results(c, found[d], false);
      } else if (!by_preset.count(preset_of(d))) {
        c.status = Status::not_built;
        c.note = std::string("no CTest results of the ") + preset_of(d) + " build";
      } else {
        c.status = Status::not_found;
        c.note = std::string("the ") + preset_of(d) + " build has no test row." + r.id + ".* for it";
      }
      m.cells.push_back(c);
    }
    m.rows.push_back(r);
  }
  for (const auto &ct : kCleanTests) {
    auto it = by_preset.find(ct.preset);
    if (it == by_preset.end())
      continue;
    std::vector<TestResult> tests;
    for (const auto &t : it->second)
      if (std::regex_match(t.name, std::regex(ct.pattern)))
        tests.push_back(t);
    if (tests.empty())
      continue;
    auto cl = std::find_if(m.clean.begin(), m.clean.end(), [&](const km::Clean &c) { return c.name == ct.name; });
    if (cl == m.clean.end()) {
      m.clean.push_back({ct.name, ct.what, {}});
      cl = m.clean.end() - 1;
    }
    km::Cell c;
    c.row = ct.name;
    c.detector = ct.detector;
    add_results(c, tests, true);
    cl->cells.push_back(c);
  }
  return write_reports(m, o, out, err);
}

}  // namespace sc::cli
