// SPDX-License-Identifier: GPL-2.0-only
// The boundary × path table (issue 19): for each component, each limit reached one
// below, exactly and one above, on each path that can reach it. The property runners
// mark the cells a generated case hits; a cell counts each case once, so the table
// says how many cases of a run reached it (`run --coverage`, the JSON report).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace sc::boundary {

enum class Side { below, exact, above };

struct Cell {
  std::string component, limit, path;
  std::array<uint64_t, 3> cases{};  // by Side
};

// Where `value` stands against `limit`: nothing unless it is limit - 1, limit or limit + 1.
bool side_of(uint64_t value, uint64_t limit, Side *side);
// The current case reaches the cell (once per case, whatever the number of calls).
void hit(const std::string &component, const std::string &limit, const std::string &path, Side side);
// `value` against `limit`: hit() when it is one below, at, or one above.
void reach(const std::string &component, const std::string &limit, const std::string &path, uint64_t value,
           uint64_t bound);
// The current case ended (passed, failed or was cut short): its cells count once, or
// not at all when `counted` is false (a shrinking step re-running a failed case).
void case_done(bool counted = true);

// Ends the case on scope exit, also when a failure or a discard throws out of it.
class CaseScope {
 public:
  explicit CaseScope(bool counted) : counted_(counted) {}
  ~CaseScope() { case_done(counted_); }
  CaseScope(const CaseScope &) = delete;
  CaseScope &operator=(const CaseScope &) = delete;

 private:
  bool counted_;
};

// Every cell that the runs declared (declare()) or hit, sorted; zero counts included.
std::vector<Cell> table();
// A cell the run is meant to reach: listed with zeros until a case hits it.
void declare(const std::string &component, const std::string &limit, const std::string &path);
void reset();

// The table as text (one row per cell, the three counts) and as a JSON array.
std::string table_text(const std::vector<Cell> &cells);
std::string table_json(const std::vector<Cell> &cells);

}  // namespace sc::boundary
