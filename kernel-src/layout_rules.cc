// SPDX-License-Identifier: GPL-2.0-only
#include <kernel-src/layout_rules.h>

namespace sc::ksrc {

std::optional<Profile> mirror_of(Layout l) {
  switch (l) {
  case Layout::page_alloc:
    return Profile::pre_series;
  case Layout::page_frag_alloc:
    return std::nullopt;
  case Layout::page_frag_cache:
    return Profile::v6_13;
  }
  return std::nullopt;
}

Profile model_rules_of(Layout l) { return mirror_of(l).value_or(Profile::pre_series); }

std::string mirror_name(Layout l) {
  auto m = mirror_of(l);
  return m ? std::string("mirror profile ") + profile_info(*m).name : "no mirror (model only, count-down rules)";
}

}  // namespace sc::ksrc
