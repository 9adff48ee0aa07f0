// SPDX-License-Identifier: GPL-2.0-only
// The property x level table of a walk through a series: one column per state of the
// code (a kernel tree and each patch on it, or our mirror profiles in series order), a
// cell per property (ok, or the check that broke), and where each property changes.
#pragma once

#include <cli/run.h>

#include <ostream>
#include <string>
#include <vector>

namespace sc::cli {

struct LevelColumn {
  std::string label;  // the column head: "base", "1", "p05"
  std::string title;  // what the level is, listed under the table
  const ProfileRun *run;
};

// REQUIRES: every run has the same properties in the same order.
void print_level_table(const std::vector<LevelColumn> &levels, std::ostream &out);

}  // namespace sc::cli
