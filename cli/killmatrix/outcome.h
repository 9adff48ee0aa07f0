// SPDX-License-Identifier: GPL-2.0-only
// What a finished detector process says about one attempt of one cell: each detector's
// output read the way its own CTest test reads it (EXPECTED/OBSERVED lines, libFuzzer's
// "found at execution", the explorer's schedule count, a ThreadSanitizer warning).
#pragma once

#include <api/bugs.h>
#include <cli/killmatrix/jobs.h>
#include <cli/killmatrix/matrix.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sc::km {

// What one detector process said about one seed.
struct Outcome {
  enum Kind { found, not_found, clean, false_alarm, skipped, failed } kind = failed;
  uint64_t work = 0;
  double seconds = 0;
  std::optional<int> shrunk;
  std::string replay, note;
};

// One attempt as it was started.
struct Started {
  Detector detector;
  bool clean;       // a clean counterpart: any finding is a false alarm
  std::string row;  // the bug row (empty when clean)
  uint64_t seed;
  std::vector<std::string> argv;
  std::filesystem::path keep;  // fuzz: where kill.sh left the shrunk regression
  uint64_t rounds;             // tsan: the stress rounds asked for
};

Outcome judge(const Started &t, const Finished &f);

// The kernel an allocator row's oracle cell runs on: 6.1 for a row in the pre-series
// allocator, else 7.2 (the v6.13 allocator's rows).
std::string alloc_oracle_kernel(BugId row);

}  // namespace sc::km
