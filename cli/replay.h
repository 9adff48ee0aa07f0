// SPDX-License-Identifier: GPL-2.0-only
// `splicecheck replay`, `encode` and `shrink`: one case in the one trace format, as text
// (the header names component, profile and any bug row) or as a raw fuzz input of a
// named harness (--harness, with --profile/--bug); see props/trace_check.h.
#pragma once

#include <cli/options.h>

#include <ostream>

namespace sc::cli {

// Exit status: 0 as expected, 1 not, 2 unreadable or malformed input or bad usage.
int replay_command(const Options &o, std::ostream &out, std::ostream &err);
// Exit status: 0 written, 2 not a trace or outside the fuzz ranges.
int encode_command(const Options &o, std::ostream &out, std::ostream &err);
// Exit status: 0 shrunk and written, 1 the input breaks no check, 2 bad input.
int shrink_command(const Options &o, std::ostream &out, std::ostream &err);

}  // namespace sc::cli
