// SPDX-License-Identifier: GPL-2.0-only
// The one text form of a TLS case, as replay, shrink and the fuzz corpus keep it:
//
//   # splicecheck tls <profile> [bug]
//   path device                  (optional; sw when absent)
//   fuzz v12 send:100:more splice:5000
//
// Later lines starting with '#' and blank lines are comments. Parse and print round-trip.
#pragma once

#include <api/bugs.h>
#include <api/tls_scenario.h>

#include <optional>
#include <string>
#include <string_view>

namespace sc::tls {

struct Trace {
  Profile profile = Profile::tls_newest;
  std::optional<BugId> bug;
  Path path = Path::sw;
  Scenario scenario;
  bool operator==(const Trace &) const = default;
};

std::string format_trace(const Trace &trace);
// On error returns nullopt and sets *why to "line N: what is wrong".
std::optional<Trace> parse_trace(std::string_view text, std::string *why);

}  // namespace sc::tls
