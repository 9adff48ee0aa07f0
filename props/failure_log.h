// SPDX-License-Identifier: GPL-2.0-only
// What a component's property runner keeps about one property's run on this thread:
// the last failing case (shrinking keeps only failing candidates, so after a run it is
// the shrunk counterexample), the check and triggered rows shrinking is fixed on (so a
// shrunk trace never trades one defect for another, which would move a row between
// EXPECTED and MISSED, or a failure no row explains into one a row does),
// and how many cases ended at a divergence another check owns.
#pragma once

#include <api/bugs.h>
#include <props/boundary.h>
#include <props/rc_run.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sc {

// A component's property: an op generator's settings plus the checks it asserts.
template <typename GenConfig, typename CheckSet> struct PropertyOf {
  const char *name;
  const char *help;
  GenConfig gen;
  CheckSet asserted;
};

template <typename Property> const Property *find_named(const std::vector<Property> &table, std::string_view name) {
  for (const auto &p : table)
    if (name == p.name)
      return &p;
  return nullptr;
}

template <typename Finding, typename Op> struct PropertyFailureOf {
  Finding finding;
  std::vector<Op> trace;  // shrunk, up to and including the failing op
};

template <typename Failure> struct PropertyOutcomeOf {
  int cases = 0;      // passing cases before the failure (or all of them)
  int cut_short = 0;  // cases that ended at a divergence another check owns, before any failure
  std::optional<Failure> failure;
  std::string error;  // rapidcheck gave up or failed for another reason
};

template <typename Check, typename Failure> class FailureLog {
 public:
  // A run starts: forget the last one, fix shrinking on the first failing check.
  void begin() {
    last_.reset();
    target_.reset();
    cut_short_ = 0;
    fixate_ = true;
  }
  void end() { fixate_ = false; }

  // Records a case's failure; false when shrinking is fixed on another check, or on
  // other triggered rows, and the case must count as passing.
  bool record(Check check, const std::vector<BugId> &triggered, Failure failure) {
    auto key = std::pair(check, triggered);
    if (fixate_ && target_ && key != *target_)
      return false;
    if (fixate_)
      target_ = std::move(key);
    last_ = std::move(failure);
    return true;
  }

  // A case finished; it ended early when the sides diverged before any asserted failure.
  void case_done(bool diverged) {
    if (diverged && !target_)
      cut_short_++;
  }

  const std::optional<Failure> &last() const { return last_; }
  int cut_short() const { return cut_short_; }

 private:
  std::optional<Failure> last_;
  std::optional<std::pair<Check, std::vector<BugId>>> target_;
  int cut_short_ = 0;
  bool fixate_ = false;
};

// Runs one property's cases with `log` keeping its failures, and fills the component's
// outcome: passing cases, cases cut short, the shrunk failure or an error.
template <typename Outcome, typename Check, typename Failure>
Outcome run_logged(FailureLog<Check, Failure> &log, const std::string &name, const std::string &help, uint64_t seed,
                   int cases, int max_size, const std::function<void()> &one_case) {
  log.begin();
  // Once a failure is logged the cases are shrinking steps: the boundary table leaves them out.
  RcResult result = run_quietly(name, help, seed, cases, max_size, [&] {
    boundary::CaseScope scope(!log.last());
    one_case();
  });
  log.end();
  Outcome out;
  out.cut_short = log.cut_short();
  if (result.end == RcResult::End::failed)
    out.failure = log.last();
  take_result(result, out.failure.has_value(), &out);
  return out;
}

}  // namespace sc
