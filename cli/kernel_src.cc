// SPDX-License-Identifier: GPL-2.0-only
#include <cli/kernel_src.h>

#include <cli/level_table.h>
#include <cli/run.h>
#include <kernel-src/loaded.h>
#include <kernel-src/patches.h>
#include <kernel-src/source_profile.h>
#include <kernel-src/splice_build.h>
#include <kernel-src/tree.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace sc::cli {
namespace {

namespace fs = std::filesystem;
constexpr int kBadInput = 2;
constexpr int kSkipped = 77;

// A scratch directory, removed with everything in it when the command ends.
class WorkDir {
 public:
  WorkDir() {
    std::string templ = (fs::temp_directory_path() / "splicecheck-kernel-src-XXXXXX").string();
    if (mkdtemp(templ.data()))
      path_ = templ;
  }
  ~WorkDir() {
    std::error_code ec;
    if (!path_.empty())
      fs::remove_all(path_, ec);
  }
  const fs::path &path() const { return path_; }

 private:
  fs::path path_;
};

std::string replace_all(std::string s, const std::string &from, const std::string &to) {
  for (size_t p = 0; !from.empty() && (p = s.find(from, p)) != std::string::npos; p += to.size())
    s.replace(p, from.size(), to);
  return s;
}

// One state of the code: the tree as given, or after the first n patches.
struct Level {
  std::string title;  // "base" or the patch's subject
  ksrc::Layout layout;      // the allocator's
  std::unique_ptr<ksrc::LoadedSource> code;
  std::unique_ptr<ksrc::SpliceObject> splice;
  ProfileRun run;
};

// A failure at a patch level that no base row explains may still be a known defect of
// another profile (a patch that brings an old bug back): name it.
void name_known_rows(Component c, const ProfileRun &run, std::ostream &out) {
  for (size_t i : run.unexpected) {
    const auto &r = run.results[i];
    if (!r.failure)
      continue;
    for (const auto &b : all_bugs())
      if (b.component == c && b.kind == BugKind::profile && b.identified_by(r.failure->check)) {
        std::string where;
        for (Profile p : b.profiles)
          where += (where.empty() ? "" : ", ") + std::string(profile_info(p).name);
        out << "KNOWN DEFECT: " << r.name << " breaks " << r.failure->check << " as " << b.name << " does (in " << where
            << ")\n";
      }
  }
}

}  // namespace

int kernel_src(const Options &o, std::ostream &out, std::ostream &err) {
  if (!o.has("source")) {
    err << "splicecheck: 'kernel-src' needs --source 6.1|6.12|7.2|DIR\n";
    return kBadInput;
  }
  std::string component_text = o.has("component") ? o.component : "alloc";
  if (component_text != "alloc" && component_text != "splice") {
    err << "splicecheck: kernel-src --component takes alloc or splice, not '" << component_text << "'\n";
    return kBadInput;
  }
  bool splice = component_text == "splice";
  Component component = splice ? Component::splice : Component::alloc;
  auto parsed = property_plan(component, o, err);
  if (!parsed)
    return kBadInput;
  RunPlan plan = *parsed;
  std::string why;
  std::vector<ksrc::Patch> patches;
  if (o.has("patches")) {
    auto p = ksrc::read_patches(o.patches, &why);
    if (!p) {
      err << "splicecheck: " << why << "\n";
      return kBadInput;
    }
    patches = std::move(*p);
  }
  bool skipped = false;
  std::optional<ksrc::Tree> tree;
  if (!splice) {
    tree = ksrc::obtain_tree(o.source, &why, &skipped);
  } else if (auto root = ksrc::obtain_root(o.source, &why, &skipped)) {
    tree = ksrc::Tree{*root, ksrc::Layout::page_frag_cache, o.source};  // the layout is the allocator's: unused
  }
  if (!tree) {
    err << "splicecheck: " << (skipped ? "SKIPPED: " : "") << why << "\n";
    return skipped ? kSkipped : kBadInput;
  }
  WorkDir work;
  if (work.path().empty()) {
    err << "splicecheck: cannot make a scratch directory under " << fs::temp_directory_path() << "\n";
    return kBadInput;
  }
  err << "kernel-src: building in " << work.path().string() << "\n";

  // Every level is prepared and built before any property runs, so a patch that does not
  // apply or a level that does not compile is reported at once.
  std::vector<std::string> files =
      splice ? std::vector<std::string>{ksrc::kSpliceFile} : ksrc::layout_files(tree->layout);
  for (const auto &p : patches)
    files.insert(files.end(), p.files.begin(), p.files.end());
  std::vector<Level> levels;
  std::string name = "src:" + o.source;
  // Splice source is held to what its kernel ships: 6.12 and 7.2 differ in skbuff.c only in
  // 7.2 dropping the unused gfp argument, and in lib/iov_iter.c's bvec extraction.
  const Profile kSpliceRules = ksrc::splice_rules_of(o.source);
  for (size_t l = 0; l <= patches.size(); l++) {
    fs::path dir = work.path() / ("level" + std::to_string(l));
    fs::path copy = dir / "tree";
    std::error_code ec;
    fs::create_directories(dir / "build", ec);
    if (l == 0 && !ksrc::copy_files(tree->root, copy, files, &why)) {
      err << "splicecheck: " << why << "\n";
      return kBadInput;
    }
    if (l > 0) {
      fs::copy(work.path() / ("level" + std::to_string(l - 1)) / "tree", copy, fs::copy_options::recursive, ec);
      if (!ksrc::apply_patch(copy, patches[l - 1], &why)) {
        err << "splicecheck: patch " << l << " of " << patches.size() << ": " << why << "\n";
        return kBadInput;
      }
    }
    std::string label = l == 0 ? name : name + "+" + std::to_string(l);
    ksrc::Layout layout = tree->layout;
    std::unique_ptr<ksrc::LoadedSource> code;
    std::unique_ptr<ksrc::SpliceObject> spliced;
    if (splice)
      spliced = ksrc::build_splice(copy, dir / "build", label, tree->root.string(), &why);
    else
      code = ksrc::build_and_load(copy, dir / "build", label, tree->root.string(), &layout, &why);
    if (!code && !spliced) {
      // Name the kernel file as the user knows it: the tree, after which patches.
      std::string shown = tree->root.string() + (l == 0 ? "" : " (after patch " + std::to_string(l) + ")");
      err << "splicecheck: " << label << ": " << replace_all(why, copy.string(), shown) << "\n";
      return kBadInput;
    }
    out << (l == 0 ? "kernel-src: " + name + " = " + tree->root.string() : "level " + std::to_string(l) + ": " +
                                                                              patches[l - 1].name)
        << "\n  built: "
        << (splice ? std::string("the splice functions of ") + ksrc::kSpliceFile +
                         " (extracted unchanged); mirror profile " + profile_info(kSpliceRules).name
                   : std::string(ksrc::layout_name(layout)) + "; " + ksrc::mirror_name(layout))
        << "\n";
    levels.push_back({l == 0 ? "base: " + tree->root.string() : patches[l - 1].name, layout, std::move(code),
                      std::move(spliced), {}});
  }
  out << "\n";

  plan.replay_prefix = "splicecheck kernel-src " + std::string(splice ? "--component splice " : "") + "--source " +
                      o.source + (o.has("patches") ? " --patches " + o.patches : "");
  std::vector<BugId> base_rows =
      bugs_in_effect(component, splice ? kSpliceRules : ksrc::model_rules_of(levels[0].layout), std::nullopt);
  for (size_t l = 0; l < levels.size(); l++) {
    auto &lv = levels[l];
    // The base runs three-way against our mirror; a patch level has no mirror, so it
    // runs against the model alone, and rows the patches fix are GONE, not MISSED.
    bool three_way = l == 0 && (splice || ksrc::mirror_of(lv.layout));
    RunPlan level_plan = plan;
    level_plan.rows_may_go = !three_way;
    if (splice) {
      splice::Subject subject{kSpliceRules, three_way, lv.splice->entry(), lv.splice->name()};
      lv.run = run_splice_subject(subject, std::nullopt, base_rows, level_plan, out);
    } else {
      alloc::Subject subject{ksrc::model_rules_of(lv.layout), three_way, lv.code.get()};
      lv.run = run_subject(subject, std::nullopt, base_rows, level_plan, out);
    }
    if (l > 0)
      name_known_rows(component, lv.run, out);
  }
  if (levels.size() > 1) {
    std::vector<LevelColumn> columns;
    for (size_t l = 0; l < levels.size(); l++)
      columns.push_back({l == 0 ? "base" : std::to_string(l), levels[l].title, &levels[l].run});
    print_level_table(columns, out);
  }
  bool ok = levels.back().run.as_expected();
  out << "verdict" << (levels.size() > 1 ? " (last level)" : "") << ": " << (ok ? "as expected" : "UNEXPECTED") << "\n";
  return ok ? 0 : 1;
}

}  // namespace sc::cli
