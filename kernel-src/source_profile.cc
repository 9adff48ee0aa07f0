// SPDX-License-Identifier: GPL-2.0-only
#include <kernel-src/source_profile.h>

#include <kernel-src/build.h>
#include <kernel-src/patches.h>

#include <cstdlib>

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

std::unique_ptr<LoadedSource> build_and_load(const fs::path &copy, const fs::path &build_dir, const std::string &label,
                                             const std::string &shown_as, Layout *layout, std::string *why) {
  auto l = detect_layout(copy, why);
  if (!l)
    return nullptr;
  *layout = *l;
  auto built = build_profile(copy, *l, build_dir, shown_as, why);
  return built ? LoadedSource::load(built->shared_object, label, why) : nullptr;
}

std::optional<Target> make_source_target(Harness h, std::string_view profile, std::string_view bug, std::string *why,
                                         bool *skipped) {
  if (h != Harness::alloc) {
    *why = "profile '" + std::string(profile) + "': kernel source profiles hold the page fragment allocator (alloc)";
    return std::nullopt;
  }
  std::string spec(profile.substr(4));
  auto tree = obtain_tree(spec, why, skipped);
  if (!tree)
    return std::nullopt;
  // Built in a scratch directory that goes once the object is loaded (a loaded object
  // needs no file).
  std::string templ = (fs::temp_directory_path() / "splicecheck-src-XXXXXX").string();
  if (!mkdtemp(templ.data())) {
    *why = "cannot make a scratch directory under " + fs::temp_directory_path().string();
    return std::nullopt;
  }
  fs::path work = templ;
  Layout layout;
  std::unique_ptr<LoadedSource> code;
  if (copy_files(tree->root, work / "tree", layout_files(tree->layout), why))
    code = build_and_load(work / "tree", work / "build", std::string(profile), tree->root.string(), &layout, why);
  std::error_code ec;
  fs::remove_all(work, ec);
  if (!code)
    return std::nullopt;
  // The bug and the model's rules are those of the layout's mirror.
  auto t = make_target(h, profile_info(model_rules_of(layout)).name, bug, why);
  if (!t)
    return std::nullopt;
  t->external = std::move(code);
  t->mirror = mirror_of(layout).has_value();
  return t;
}

}  // namespace sc::ksrc
