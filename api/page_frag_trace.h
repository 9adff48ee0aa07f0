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

#include <api/op_text.h>
#include <api/page_frag.h>

namespace sc::alloc {

using Trace = OpTrace<Component::alloc, Profile::series, Op>;
inline std::string format_trace(const Trace &t) { return format_op_trace(t, format_op); }
// On error returns nullopt and sets *why to "line N: what is wrong".
inline std::optional<Trace> parse_trace(std::string_view text, std::string *why) {
  return parse_op_trace<Trace>(text, parse_op, why);
}

}  // namespace sc::alloc
