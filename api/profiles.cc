// SPDX-License-Identifier: GPL-2.0-only
#include <api/profiles.h>

namespace sc {

const std::vector<ProfileInfo> &all_profiles() {
  static const std::vector<ProfileInfo> table = {
#define PROFILE(component, id, name, help) {Component::component, Profile::id, name, help},
#include <api/profiles.def>
#undef PROFILE
  };
  return table;
}

const ProfileInfo &profile_info(Profile p) { return all_profiles()[static_cast<size_t>(p)]; }

std::vector<Profile> profiles_of(Component c) {
  std::vector<Profile> out;
  for (const auto &info : all_profiles())
    if (info.component == c)
      out.push_back(info.id);
  return out;
}

bool is_alias(Profile p) { return p == Profile::series; }

std::optional<Profile> parse_profile(Component c, std::string_view name) {
  for (const auto &info : all_profiles())
    if (info.component == c && name == info.name)
      return info.id;
  return std::nullopt;
}

namespace {

struct ComponentInfo {
  const char *name;
  Profile default_profile, clean_profile;
};

constexpr ComponentInfo kComponentInfo[] = {
#define COMPONENT(id, default_profile, clean_profile) {#id, Profile::default_profile, Profile::clean_profile},
#include <api/components.def>
#undef COMPONENT
};

}  // namespace

const char *component_name(Component c) { return kComponentInfo[static_cast<size_t>(c)].name; }
Profile default_profile(Component c) { return kComponentInfo[static_cast<size_t>(c)].default_profile; }
Profile clean_profile(Component c) { return kComponentInfo[static_cast<size_t>(c)].clean_profile; }

std::optional<Component> parse_component(std::string_view name) {
  for (Component c : kComponents)
    if (name == component_name(c))
      return c;
  return std::nullopt;
}

}  // namespace sc
