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

const char *component_name(Component c) {
  switch (c) {
  case Component::alloc:
    return "alloc";
  case Component::splice:
    return "splice";
  case Component::tls:
    return "tls";
  }
  return "?";
}

std::optional<Component> parse_component(std::string_view name) {
  if (name == "alloc")
    return Component::alloc;
  if (name == "splice")
    return Component::splice;
  if (name == "tls")
    return Component::tls;
  return std::nullopt;
}

}  // namespace sc
