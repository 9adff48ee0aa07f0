// SPDX-License-Identifier: GPL-2.0-only
// Holds the model and the kernel mirror to what a real kernel did with a scenario, and
// shrinks a scenario they disagree on by re-running the kernel on smaller candidates.
#pragma once

#include <api/bugs.h>
#include <api/profiles.h>
#include <oracle/kernel_run.h>

#include <functional>
#include <optional>
#include <string>

namespace sc::oracle {

enum class Side { model, impl };
const char *side_name(Side s);

// What one side gives for a scenario, in the kernel's terms (TLS 1.3 records show the
// outer type 23, as the guest's header reader sees them).
KernelOutcome predict(Side side, const tls::Scenario &s, const tls::Rules &rules, Profile profile,
                      std::optional<BugId> bug);

struct Verdict {
  KernelOutcome kernel, model, impl;
  bool model_agrees = true, impl_agrees = true;
};
Verdict judge(const tls::Scenario &s, const KernelOutcome &kernel, const tls::Rules &rules, Profile profile,
              std::optional<BugId> bug);

std::string outcome_text(const KernelOutcome &o);

// Smaller scenarios to try: blocks of ops and each op dropped, each op's sizes halved,
// each option off.
std::vector<tls::Scenario> shrink_candidates(const tls::Scenario &s);

// Shrinks scenarios while their side still disagrees with the kernel. `run` boots the
// kernel on a batch of scenarios; each round puts every job's candidates in one boot.
struct ShrinkJob {
  tls::Scenario scenario;
  Verdict verdict;
  Side side;
};
using KernelRunner = std::function<std::optional<KernelRun>(const std::vector<tls::Scenario> &, std::string *)>;
// Returns the number of kernel runs, or nullopt with *why when one failed.
std::optional<int> shrink_all(std::vector<ShrinkJob> &jobs, const KernelRunner &run, const tls::Rules &rules,
                              Profile profile, std::optional<BugId> bug, std::string *why);

}  // namespace sc::oracle
