// SPDX-License-Identifier: GPL-2.0-only
// One cell of the kill matrix computed in this process: the properties of a profile (or
// of a kernel tree's own allocator) run one by one, in `run`'s order, until one finds
// the row. Run by the matrix as `splicecheck killmatrix --cell props|kernel-src ...` in
// whichever build the column needs (default, asan-ubsan), and printed as one line the
// matrix reads back (parse_cell_line).
#pragma once

#include <api/bugs.h>
#include <api/profiles.h>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace sc::km {

struct CellRun {
  bool found = false;
  uint64_t cases = 0;  // every case run up to the finding (all of them if none)
  double seconds = 0;
  std::optional<int> shrunk;  // ops in the shrunk trace of the finding
  int unexplained = 0;        // failures no row in effect explains: false alarms
  std::string error;          // a property that gave up or broke down
  std::string replay;
};

// The row's own profile (or `profile`) with the row switched on when it is a mutant; no
// row: the profile as it is, where every failure must be explained by its rows.
// fixed: every profile row's fix switch on (the fix pass of `run`), none of them in effect.
CellRun props_cell(Component c, Profile profile, std::optional<BugId> row, uint64_t seed, int cases, bool fixed = false);
// A kernel tree's allocator (kernel-src --source SPEC), or its splice functions for a
// splice row, three-way beside our mirror.
// nullopt with *why (and *skipped when the source package cannot be had).
std::optional<CellRun> kernel_src_cell(const std::string &spec, std::optional<BugId> row, uint64_t seed, int cases,
                                       std::string *why, bool *skipped);

void print_cell_line(const CellRun &r, std::ostream &out);
// Reads the line print_cell_line wrote, from anywhere in a process's output.
std::optional<CellRun> parse_cell_line(const std::string &output);

}  // namespace sc::km
