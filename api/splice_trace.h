// SPDX-License-Identifier: GPL-2.0-only
// The one text form of a splice case:
//
//   # splicecheck splice <profile> [bug]
//   Iter kind=bvec
//   Seg backing=slab offset=100 len=200
//   Seg backing=page offset=4000 len=9000
//   Splice maxsize=65536
//
// Later lines starting with '#' and blank lines are comments. Parse and print round-trip.
#pragma once

#include <api/op_text.h>
#include <api/splice.h>

namespace sc::splice {

using Trace = OpTrace<Component::splice, Profile::splice_series, Op>;
inline std::string format_trace(const Trace &t) { return format_op_trace(t, format_op); }
// On error returns nullopt and sets *why to "line N: what is wrong".
inline std::optional<Trace> parse_trace(std::string_view text, std::string *why) {
  return parse_op_trace<Trace>(text, parse_op, why);
}

}  // namespace sc::splice
