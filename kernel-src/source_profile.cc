// SPDX-License-Identifier: GPL-2.0-only
#include <kernel-src/source_profile.h>

#include <kernel-src/build.h>
#include <kernel-src/glue_object.h>
#include <kernel-src/splice_build.h>

namespace sc::ksrc {

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
  if (h == Harness::tls) {
    *why = "profile '" + std::string(profile) +
           "': kernel source profiles hold the page fragment allocator (alloc) or skb_splice_from_iter (splice)";
    return std::nullopt;
  }
  std::string name(profile);
  if (h == Harness::splice) {
    // Three-way beside the mirror of what that kernel ships.
    std::shared_ptr<SpliceObject> code = build_splice_source(name.substr(4), why, skipped);
    if (!code)
      return std::nullopt;
    auto t = make_target(h, profile_info(splice_rules_of(name.substr(4))).name, bug, why);
    if (!t)
      return std::nullopt;
    t->splice_code = code->entry();
    t->splice_name = code->name();
    t->splice_owner = std::move(code);
    return t;
  }
  auto built = build_source(name.substr(4), "", why, skipped);
  if (!built)
    return std::nullopt;
  Layout layout = built->layout;
  auto code = std::make_unique<LoadedSource>(std::move(built->object), name);
  // The bug and the model's rules are those of the layout's mirror.
  auto t = make_target(h, profile_info(model_rules_of(layout)).name, bug, why);
  if (!t)
    return std::nullopt;
  t->external = std::move(code);
  t->mirror = mirror_of(layout).has_value();
  return t;
}

}  // namespace sc::ksrc
