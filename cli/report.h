// SPDX-License-Identifier: GPL-2.0-only
// Machine-readable output: results of `run`, the bug table and the profiles, as JSON.
// The schema is documented in docs/json.md; strings are escaped by sc::json_quote
// (api/text_escape.h).
#pragma once

#include <cli/run.h>

#include <string>
#include <vector>

namespace sc::cli {

std::string run_json(const std::vector<ProfileRun> &runs, const RunPlan &plan, bool as_expected);
std::string bugs_json();
std::string profiles_json();

}  // namespace sc::cli
