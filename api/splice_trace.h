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

#include <api/bugs.h>
#include <api/splice.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sc::splice {

struct Trace {
  Profile profile = Profile::splice_series;
  std::optional<BugId> bug;
  std::vector<Op> ops;
  bool operator==(const Trace &) const = default;
};

std::string format_trace(const Trace &trace);
// On error returns nullopt and sets *why to "line N: what is wrong".
std::optional<Trace> parse_trace(std::string_view text, std::string *why);

}  // namespace sc::splice
