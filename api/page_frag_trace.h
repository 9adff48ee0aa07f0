// SPDX-License-Identifier: GPL-2.0-only
// The one text form of an allocator op trace:
//
//   # splicecheck alloc <profile> [bug]
//   Alloc cpu=0 fragsz=32768 gfp=GFP_KERNEL|__GFP_ZERO align=1
//   Dirty idx=0
//   ...
//
// Later lines starting with '#' and blank lines are comments. Parse and print round-trip.
#pragma once

#include <api/bugs.h>
#include <api/page_frag.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sc::alloc {

struct Trace {
  Profile profile = Profile::series;
  std::optional<BugId> bug;
  std::vector<Op> ops;
  bool operator==(const Trace &) const = default;
};

std::string format_trace(const Trace &trace);
// On error returns nullopt and sets *why to "line N: what is wrong".
std::optional<Trace> parse_trace(std::string_view text, std::string *why);

}  // namespace sc::alloc
