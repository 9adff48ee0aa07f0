// SPDX-License-Identifier: GPL-2.0-only
// The JUnit files CTest writes (ctest --output-junit), as `gate` reads them: every
// <testcase> with its outcome, or an error naming the line. A file that is cut short or
// corrupt is an error, never a list of tests that seem to be missing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sc::km {

inline constexpr uint64_t kMaxJunitTests = 1000000;  // per file
inline constexpr double kMaxJunitSeconds = 1e7;      // per test (115 days)

struct JunitTest {
  std::string name;
  enum End { passed, failed, skipped } end = passed;
  double seconds = 0;
  std::optional<uint64_t> seed;  // a name ending in seedN
  size_t line = 0;
};

// Parses a whole JUnit file: one <testsuite> whose tests="N" matches its N <testcase>
// elements. On error returns nullopt and sets *why to "line L: what is wrong".
std::optional<std::vector<JunitTest>> parse_junit(std::string_view xml, std::string *why);
// Reads and parses path; *why is "cannot read 'PATH': ..." on any failure.
std::optional<std::vector<JunitTest>> read_junit(const std::string &path, std::string *why);

}  // namespace sc::km
