// SPDX-License-Identifier: GPL-2.0-only
// What `killmatrix` is asked to run, checked before anything runs: the --rows pattern,
// the --detectors list and the report paths. Each refusal names its flag (exit 2).
#pragma once

#include <cli/killmatrix/matrix.h>

#include <memory>
#include <optional>
#include <regex.h>
#include <string>
#include <vector>

namespace sc::km {

// --rows: a POSIX extended regular expression over bug ids, matched by glibc's regexec,
// whose matching is not backtracking (no pattern makes it exponential). Refused: longer
// than kMaxRowsPattern, back-references (\1: those need backtracking) and counted
// repetition ({m,n}: it is expanded into copies, so nesting multiplies its size).
class RowPattern {
 public:
  static constexpr size_t kMaxRowsPattern = 200;
  static std::optional<RowPattern> compile(const std::string &pattern, std::string *why);
  bool matches(const std::string &id) const;

 private:
  std::shared_ptr<regex_t> re_;
};

// --detectors: a non-empty comma-separated list of known detector names.
std::optional<std::vector<Detector>> parse_detectors(const std::string &list, std::string *why);

// A report path that can be written: an existing writable file, or a new name in an
// existing writable directory. Checked without creating anything.
bool can_write(const std::string &flag, const std::string &path, std::string *why);

}  // namespace sc::km
