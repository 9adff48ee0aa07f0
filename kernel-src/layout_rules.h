// SPDX-License-Identifier: GPL-2.0-only
// What a kernel tree's allocator is held to: the model's carving rules and our mirror of
// its layout.
#pragma once

#include <api/profiles.h>
#include <kernel-src/tree.h>

#include <optional>
#include <string>

namespace sc::ksrc {

// Our impl/ mirror of a layout. The series' own file has none: which patch level a tree is
// at cannot be told from the file, so it runs against the model alone (count-down rules,
// as the series carves at every level).
std::optional<Profile> mirror_of(Layout l);
Profile model_rules_of(Layout l);
std::string mirror_name(Layout l);

}  // namespace sc::ksrc
