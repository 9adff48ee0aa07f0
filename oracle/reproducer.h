// SPDX-License-Identifier: GPL-2.0-only
// A finding as a standalone kernel module source: it replays an allocator trace on the
// running kernel and prints `splicecheck-repro: FAIL <what>` or `PASS`; it depends on
// nothing of splicecheck, so it can go with an upstream report as it is.
#pragma once

#include <api/page_frag_trace.h>

#include <string>

namespace sc::oracle {

// REQUIRES: t holds only Alloc, Free, Dirty and Drain ops (oracle::replayable) that are
// valid in turn.
std::string reproducer_source(const alloc::Trace &t, const std::string &title);

}  // namespace sc::oracle
