// SPDX-License-Identifier: GPL-2.0-only
// `splicecheck killmatrix`: every bug row against every detector that applies, each
// detector run in the build it needs, 5 seeds a cell, the work per cell bounded by
// --budget; and clean counterparts that must show nothing. `splicecheck gate` builds the
// same matrix from the builds' CTest results instead of running anything.
#pragma once

#include <cli/killmatrix/matrix.h>
#include <cli/options.h>

#include <ostream>

namespace sc::cli {

// Exit: 0 every row found by every detector it claims and no false alarm, 1 not, 2 bad usage.
int killmatrix_command(const Options &o, std::ostream &out, std::ostream &err);
int gate_command(const Options &o, std::ostream &out, std::ostream &err);

// Prints the matrix as Markdown and its failures, writes the report files --json,
// --markdown, --html, --sarif and --junit name. Exit as killmatrix_command's.
int write_reports(const km::Matrix &m, const Options &o, std::ostream &out, std::ostream &err);

}  // namespace sc::cli
