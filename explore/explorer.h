// SPDX-License-Identifier: GPL-2.0-only
// Runs a scenario under a strategy: PCT (Burckhardt et al., ASPLOS 2010: random task
// priorities and d-1 priority change points; a bug of depth d shows with probability at
// least 1/(n k^(d-1)) per schedule) or bounded (iterative context bounding: every
// schedule with at most K preemptions, exhaustively, by stateless re-execution).
#pragma once

#include <api/bugs.h>
#include <explore/scenarios.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace sc::explore {

enum class Strategy { pct, bounded };

struct Target {
  const Scenario *scenario;
  Profile profile;  // the mirror, or the rules a kernel tree's code is held to
  bool fixed = false;
  std::optional<BugId> mutant;  // a mutant row switched on in the code
  // A src: profile: the tree as kernel-src --source names it, and its code built with
  // SC_EXPLORE, run instead of the mirror.
  std::string source;
  std::shared_ptr<ksrc::GlueObject> code;
};
// "alloc/v6.13" or "alloc/src:7.2 (v6.13 rules)".
std::string profile_label(const Target &t);
// Builds a src: profile into t (obtain, compile with SC_EXPLORE, load); *skipped when the
// source package could not be fetched.
bool load_source(Target &t, const std::string &spec, std::string *why, bool *skipped);

// "R1:pre-series:racy:0*3.1.0*2" (decisions run-length coded; "-" for none).
std::string replay_string(const Target &t, const std::vector<uint32_t> &decisions);
std::optional<std::pair<Target, std::vector<uint32_t>>> parse_replay(const std::string &s, std::string *why,
                                                                     bool *skipped);

struct Outcome {
  std::optional<Failure> failure;
  std::vector<uint32_t> decisions;
  unsigned preemptions = 0;
  size_t steps = 0;
  std::string trace;    // per step: task, cpu, where it stopped
  std::string history;  // the calls and their results
  // A replayed schedule named a choice the run did not offer, or more decisions than the
  // run made: the string does not belong to this scenario and profile.
  bool diverged = false;
};

// One schedule: the given decisions, then the default (the running task goes on).
Outcome run_schedule(const Target &t, const std::vector<uint32_t> &decisions);

struct Search {
  Strategy strategy = Strategy::pct;
  unsigned depth = 3;        // pct
  unsigned preemptions = 2;  // bounded
  uint64_t schedules = 100000;
  uint64_t seed = 1;
};

struct SearchResult {
  // The first schedule that broke a check no known defect explains (the target row's,
  // or one no row names). A check a profile row explains (a sequential defect of the
  // profile, e.g. 01's drain leak) is a known defect: noted, and the search goes on.
  std::optional<Outcome> found;
  std::optional<Outcome> known;  // the first such schedule
  uint64_t known_schedules = 0;
  uint64_t schedules = 0;  // run, the finding's included
  bool exhausted = false;  // bounded: every schedule within the bound was run
  double seconds = 0;
  double pct_bound = 0;    // pct: the per-schedule probability bound for depth d
};

SearchResult search(const Target &t, const Search &how);

// Rows a finding may be explained by: the profile's rows (and the mutant), plus the
// scenario's race row where it is in effect and not fixed.
std::vector<BugId> rows_in_effect(const Target &t);
// The rows a search looks for: the race row in effect, or the mutant switched on.
std::vector<BugId> target_rows(const Target &t);

}  // namespace sc::explore
