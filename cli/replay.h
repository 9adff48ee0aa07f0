// SPDX-License-Identifier: GPL-2.0-only
// `splicecheck replay FILE`: re-runs one op trace in its text form (the header names the
// profile and any mutant) through model and implementation, every check on, prints each
// op with its observation (both sides' where they differ), and judges a finding with
// run's rule.
#pragma once

#include <ostream>
#include <string>

namespace sc::cli {

// Returns the exit status: 0 as expected, 1 not, 2 unreadable or malformed trace.
int replay_trace_file(const std::string &path, std::ostream &out, std::ostream &err);

}  // namespace sc::cli
