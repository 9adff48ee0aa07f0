// SPDX-License-Identifier: GPL-2.0-only
// Runs a rapidcheck property with explicit parameters and no console output, and says
// how it ended: what every component's property runner needs from rapidcheck.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace sc {

struct RcResult {
  enum class End { passed, failed, gave_up, error } end;
  int cases = 0;            // passing cases (before the failure, if any)
  std::string description;  // rapidcheck's words for a failure, give-up or error
};

RcResult run_quietly(const std::string &name, const std::string &help, uint64_t seed, int cases, int max_size,
                     const std::function<void()> &body);

// Fills a component's outcome (cases, error) from an RcResult; `recorded` says whether
// the component's checks recorded the failure that rapidcheck reported.
template <typename Outcome> void take_result(const RcResult &r, bool recorded, Outcome *out) {
  out->cases = r.cases;
  switch (r.end) {
  case RcResult::End::passed:
    break;
  case RcResult::End::failed:
    if (!recorded)
      out->error = "failed outside the checks: " + r.description;
    break;
  case RcResult::End::gave_up:
    out->error = "gave up: " + r.description;
    break;
  case RcResult::End::error:
    out->error = "rapidcheck error: " + r.description;
    break;
  }
}

}  // namespace sc
