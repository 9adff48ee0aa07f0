// SPDX-License-Identifier: GPL-2.0-only
// Profiles per component, from api/profiles.def.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sc {

enum class Component {
#define COMPONENT(id, default_profile, clean_profile) id,
#include <api/components.def>
#undef COMPONENT
};
inline constexpr Component kComponents[] = {
#define COMPONENT(id, default_profile, clean_profile) Component::id,
#include <api/components.def>
#undef COMPONENT
};

enum class Profile {
#define PROFILE(component, id, name, help) id,
#include <api/profiles.def>
#undef PROFILE
};

struct ProfileInfo {
  Component component;
  Profile id;
  const char *name;
  const char *help;
};

const std::vector<ProfileInfo> &all_profiles();
const ProfileInfo &profile_info(Profile p);
std::vector<Profile> profiles_of(Component c);
// Aliases (series = p06) are listed but not re-run by a campaign.
bool is_alias(Profile p);
std::optional<Profile> parse_profile(Component c, std::string_view name);
const char *component_name(Component c);
std::optional<Component> parse_component(std::string_view name);
// What a trace, a fuzz target and `run` take when no profile is named.
Profile default_profile(Component c);
// The kill matrix's counterpart of the component's rows: none of them is switched on there.
Profile clean_profile(Component c);

}  // namespace sc
