// SPDX-License-Identifier: GPL-2.0-only
#include <api/bugs.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <sstream>

namespace sc {
namespace {

std::vector<std::string> words(const char *text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;)
    out.push_back(w);
  return out;
}

// "pre-series..p04 v6.13" -> the profiles in those ranges, in table order.
std::vector<Profile> expand_profiles(Component c, const char *spec, const char *row) {
  std::vector<Profile> out;
  for (const auto &w : words(spec)) {
    auto dots = w.find("..");
    auto first = parse_profile(c, w.substr(0, dots));
    auto last = dots == std::string::npos ? first : parse_profile(c, w.substr(dots + 2));
    if (!first || !last || *last < *first) {
      std::fprintf(stderr, "splicecheck: bugs.def row %s: bad profile range '%s'\n", row, w.c_str());
      std::abort();
    }
    for (auto p = static_cast<int>(*first); p <= static_cast<int>(*last); p++)
      out.push_back(static_cast<Profile>(p));
  }
  return out;
}

BugKind kind_of(std::string_view k) {
  return k == "mutant" ? BugKind::mutant : k == "observation" ? BugKind::observation : k == "race" ? BugKind::race
                                                                                                    : BugKind::profile;
}

}  // namespace

const char *kind_name(BugKind k) {
  return k == BugKind::mutant ? "mutant" : k == BugKind::observation ? "observation" : k == BugKind::race ? "race"
                                                                                                      : "profile";
}

bool BugInfo::covers(Profile p) const { return std::find(profiles.begin(), profiles.end(), p) != profiles.end(); }

bool BugInfo::identified_by(std::string_view check) const {
  return std::find(checks.begin(), checks.end(), check) != checks.end();
}

Profile BugInfo::default_profile() const {
  // A mutant is best shown where no profile row competes with it for the same checks.
  for (Profile p : profiles)
    if (bugs_in_effect(component, p, std::nullopt).empty())
      return p;
  return profiles.front();
}

const std::vector<BugInfo> &all_bugs() {
  static const std::vector<BugInfo> table = [] {
    std::vector<BugInfo> t;
#define BUG(id, component, kind, profiles, checks, detectors, upstream, help)                            \
  t.push_back(BugInfo{BugId::id, #id, Component::component, kind_of(#kind),                             \
                      expand_profiles(Component::component, profiles, #id), words(checks), words(detectors), \
                      upstream, help});
#include <api/bugs.def>
#undef BUG
    return t;
  }();
  return table;
}

const BugInfo &bug_info(BugId id) { return all_bugs()[static_cast<size_t>(id)]; }

std::optional<BugId> parse_bug(std::string_view name) {
  for (const auto &b : all_bugs())
    if (name == b.name)
      return b.id;
  return std::nullopt;
}

std::vector<BugId> bugs_in_effect(Component c, Profile p, std::optional<BugId> switched_on) {
  std::vector<BugId> out;
  for (const auto &b : all_bugs())
    if (b.component == c && b.covers(p) && (b.kind == BugKind::profile || b.id == switched_on))
      out.push_back(b.id);
  return out;
}

bool row_explains(BugId row, std::string_view check, const std::vector<BugId> &triggered) {
  const BugInfo &b = bug_info(row);
  if (!b.identified_by(check))
    return false;
  return b.kind != BugKind::profile || std::find(triggered.begin(), triggered.end(), row) != triggered.end();
}

std::vector<BugId> explaining_rows(const std::vector<BugId> &in_effect, std::string_view check,
                                   const std::vector<BugId> &triggered) {
  std::vector<BugId> out;
  for (BugId id : in_effect)
    if (row_explains(id, check, triggered))
      out.push_back(id);
  return out;
}

namespace {

struct Fix {
  BugId row;
  const char *name, *help;
};
const Fix kFixes[] = {
#define FIX(row, name, help) {BugId::row, #name, help},
#include <api/fixes.def>
#undef FIX
};

const Fix *fix_of(BugId id) {
  for (const auto &f : kFixes)
    if (f.row == id)
      return &f;
  return nullptr;
}

}  // namespace

const char *fix_name(BugId id) { return fix_of(id) ? fix_of(id)->name : nullptr; }
const char *fix_help(BugId id) { return fix_of(id) ? fix_of(id)->help : nullptr; }

std::vector<BugId> fixable(const std::vector<BugId> &rows) {
  std::vector<BugId> out;
  for (BugId id : rows)
    if (fix_of(id))
      out.push_back(id);
  return out;
}

int detail::g_enabled_bug = detail::kNoBug;
uint64_t detail::g_fixed_rows = 0;

ScopedFixes::ScopedFixes(const std::vector<BugId> &rows) : previous_(detail::g_fixed_rows) {
  constexpr size_t kRows = 0
#define BUG(id, component, kind, profiles, checks, detectors, upstream, help) +1
#include <api/bugs.def>
#undef BUG
      ;
  static_assert(kRows <= 64, "one bit per row in g_fixed_rows");
  detail::g_fixed_rows = 0;
  for (BugId id : rows)
    detail::g_fixed_rows |= uint64_t{1} << static_cast<unsigned>(id);
}
ScopedFixes::~ScopedFixes() { detail::g_fixed_rows = previous_; }

ScopedBug::ScopedBug(std::optional<BugId> id) : previous_(detail::g_enabled_bug) {
  detail::g_enabled_bug = id ? static_cast<int>(*id) : detail::kNoBug;
}
ScopedBug::~ScopedBug() { detail::g_enabled_bug = previous_; }

}  // namespace sc
