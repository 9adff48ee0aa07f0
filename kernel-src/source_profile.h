// SPDX-License-Identifier: GPL-2.0-only
// A kernel tree's allocator as something to run: which model rules and which of our
// mirrors it is held to, built and loaded from one level of the tree. `splicecheck
// kernel-src`, the alloc fuzz harness and `replay --profile src:...` share it.
#pragma once

#include <api/profiles.h>
#include <kernel-src/layout_rules.h>
#include <kernel-src/loaded.h>
#include <kernel-src/tree.h>
#include <props/trace_check.h>

#include <memory>
#include <optional>
#include <string>

namespace sc::ksrc {


// Builds the tree copy at `copy` in `build_dir` and loads it as `label`. `shown_as` names
// the tree in errors. nullptr with *why when it has no allocator, does not compile or load.
std::unique_ptr<LoadedSource> build_and_load(const fs::path &copy, const fs::path &build_dir, const std::string &label,
                                             const std::string &shown_as, Layout *layout, std::string *why);

// The target of a raw alloc input on kernel source: "src:SPEC" (SPEC as kernel-src
// --source takes it), three-way where the layout has a mirror. The loaded code lives as
// long as the target. Sets *skipped when the source package could not be fetched.
std::optional<Target> make_source_target(Harness h, std::string_view profile, std::string_view bug, std::string *why,
                                         bool *skipped);
inline bool is_source_profile(std::string_view profile) { return profile.substr(0, 4) == "src:"; }

}  // namespace sc::ksrc
