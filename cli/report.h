// SPDX-License-Identifier: GPL-2.0-only
// Machine-readable output: results of `run`, the bug table and the profiles, as JSON.
// The schema is documented in docs/json.md.
#pragma once

#include <cli/run.h>

#include <string>
#include <vector>

namespace sc::cli {

std::string run_json(const std::vector<ProfileRun> &runs, const RunPlan &plan, bool as_expected);
std::string bugs_json();
// A JSON string literal: quotes, backslashes and control characters escaped.
std::string json_quote(const std::string &s);
std::string profiles_json();

}  // namespace sc::cli
