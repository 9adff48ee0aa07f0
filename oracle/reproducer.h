// SPDX-License-Identifier: GPL-2.0-only
// A finding as a standalone kernel module source: it replays an allocator trace on the
// running kernel and prints `splicecheck-repro: FAIL <what>` or `PASS`; it depends on
// nothing of splicecheck, so it can go with an upstream report as it is.
#pragma once

#include <api/page_frag_trace.h>
#include <api/splice_trace.h>

#include <optional>
#include <string>

namespace sc::oracle {

// Each is the oracle's replayer module (oracle/kmod/, read from the source tree) with t
// built in; it adds its verdict line to what it reports. nullopt with *why when the module
// source cannot be read.
// REQUIRES: t holds only Alloc, Free, Dirty and Drain ops (oracle::replayable) that are
// valid in turn.
std::optional<std::string> reproducer_source(const alloc::Trace &t, const std::string &title, std::string *why);

// REQUIRES: t replays on a running kernel (oracle::splice_replayable).
std::optional<std::string> splice_reproducer_source(const splice::Trace &t, const std::string &title,
                                                    std::string *why);

}  // namespace sc::oracle
