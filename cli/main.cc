// SPDX-License-Identifier: GPL-2.0-only
// splicecheck: verify a kernel patch series in userspace. See `splicecheck help`.
#include <cli/kernel_src.h>
#include <cli/killmatrix/killmatrix_cmd.h>
#include <cli/last_resort.h>
#include <cli/options.h>
#include <cli/oracle_cmd.h>
#include <cli/replay.h>
#include <cli/report.h>
#include <cli/run.h>
#include <cli/series_cmd.h>
#include <cli/tls_cmd.h>
#include <props/boundary.h>
#include <props/tls_witness.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <unistd.h>
#include <string_view>
#include <utility>
#include <vector>
#include <fstream>
#include <iostream>

namespace sc::cli {
namespace {

constexpr int kBadUsage = 2;

int fail_usage(const std::string &why, const std::string &command = "") {
  std::cerr << "splicecheck: " << why << "\n(see 'splicecheck " << (command.empty() ? "help" : command + " --help")
            << "')\n";
  return kBadUsage;
}

std::string join_profiles(const std::vector<Profile> &ps) {
  std::string out;
  for (Profile p : ps)
    out += (out.empty() ? "" : " ") + std::string(profile_info(p).name);
  return out;
}

int list_bugs(const Options &o) {
  if (o.has("json")) {
    std::cout << bugs_json();
    return 0;
  }
  for (const auto &b : all_bugs()) {
    std::cout << b.name << "  [" << component_name(b.component) << ", "
              << kind_name(b.kind) << "]\n"
              << "    profiles:  " << join_profiles(b.profiles) << "\n    checks:    ";
    for (const auto &c : b.checks)
      std::cout << c << " ";
    std::cout << "\n    detectors: ";
    for (const auto &d : b.detectors)
      std::cout << d << " ";
    std::cout << "\n    upstream:  " << b.upstream << "\n    breaks:    " << b.help << "\n";
  }
  return 0;
}

int list_profiles(const Options &o) {
  if (o.has("json")) {
    std::cout << profiles_json();
    return 0;
  }
  for (const auto &p : all_profiles())
    std::cout << component_name(p.component) << "  " << p.name << (is_alias(p.id) ? " (alias)" : "") << "\n    "
              << p.help << "\n";
  return 0;
}

// An observation row is behaviour, not a bug: its witness scenario shows it (props/tls_witness.h).
int observe_row(const Options &o, BugId row) {
  for (const char *flag : {"property", "seed", "cases", "json"})
    if (o.has(flag))
      return fail_usage(std::string("--bug ") + bug_info(row).name + " is an observation: it runs its witness scenario, --" +
                        flag + " does not apply");
  auto w = sc::tls::witness_of(row);
  if (!w)
    return fail_usage(std::string("observation ") + bug_info(row).name + " has no witness scenario");
  if (o.has("profile") && parse_profile(Component::tls, o.profile) != w->then)
    return fail_usage(std::string("observation ") + bug_info(row).name + " describes profile " +
                      profile_info(w->then).name + ", not " + o.profile);
  std::cout << "== " << bug_info(row).name << " (observation: behaviour, not a bug)\n";
  bool shown = sc::tls::observe(*w, std::cout);
  std::cout << (shown ? "OBSERVED: " : "NOT OBSERVED: ") << bug_info(row).name << "\n";
  std::cout << "verdict: " << (shown ? "as expected" : "UNEXPECTED") << "\n";
  return shown ? 0 : 1;
}

struct Target {
  Component component;
  Profile profile;
};

int run(const Options &o) {
  std::vector<Component> components;
  if (o.component == "all") {
    components.assign(std::begin(kComponents), std::end(kComponents));
  } else if (auto c = parse_component(o.component)) {
    components = {*c};
  } else {
    std::string known;
    for (Component k : kComponents)
      known += std::string(component_name(k)) + ", ";
    return fail_usage("unknown component '" + o.component + "' (components: " + known + "all)");
  }
  std::optional<BugId> bug;
  if (o.has("bug")) {
    bug = parse_bug(o.bug);
    if (!bug)
      return fail_usage("unknown bug id '" + o.bug + "' (see 'splicecheck bugs')");
    if (o.component != "all" && bug_info(*bug).component != components[0])
      return fail_usage("bug " + o.bug + " belongs to component " + component_name(bug_info(*bug).component));
    components = {bug_info(*bug).component};
  }
  if (bug && bug_info(*bug).kind == BugKind::observation)
    return observe_row(o, *bug);
  if (bug && bug_info(*bug).kind == BugKind::race)
    return fail_usage("bug " + o.bug + " shows only under interleavings: splicecheck explore --bug " + o.bug);
  std::vector<Target> targets;
  if (o.has("profile")) {
    // A name several components use (series) runs in each of them.
    for (Component c : components)
      if (auto p = parse_profile(c, o.profile))
        targets.push_back({c, *p});
    if (targets.empty()) {
      std::string known;
      for (Component c : components)
        known += (known.empty() ? "" : "; ") + std::string(component_name(c)) + ": " + join_profiles(profiles_of(c));
      return fail_usage("unknown profile '" + o.profile + "' for component " + o.component + " (profiles: " + known + ")");
    }
    if (bug && !bug_info(*bug).covers(targets[0].profile))
      return fail_usage("bug " + o.bug + " does not apply to profile " + o.profile + " (its profiles: " +
                        join_profiles(bug_info(*bug).profiles) + ")");
  } else if (bug) {
    targets.push_back({bug_info(*bug).component, bug_info(*bug).default_profile()});
  } else {
    for (Component c : components)
      for (Profile p : profiles_of(c))
        if (!is_alias(p))
          targets.push_back({c, p});
  }
  if (o.has("pass") && o.pass != "as-is" && o.pass != "fixed")
    return fail_usage("--pass is as-is or fixed, not '" + o.pass + "'");
  // Without --pass: both passes. A --bug run is about its row: a profile row's as-is pass;
  // a mutant's fixed pass, the profile's own rows fixed, so that its row is all that is expected.
  bool mutant = bug && bug_info(*bug).kind == BugKind::mutant;
  bool as_is_pass = o.has("pass") ? o.pass == "as-is" : !mutant;
  bool fixed_pass = o.has("pass") ? o.pass == "fixed" : !bug || mutant;
  RunPlan plan;
  plan.seed = seed_of(o);
  plan.cases = cases_of(o);
  if (o.has("property")) {
    if (std::none_of(components.begin(), components.end(),
                     [&](Component c) { return property_exists(c, o.property); }))
      return fail_usage("unknown property '" + o.property + "'");
    plan.property = o.property;
  }
  std::ofstream json;
  if (o.has("json")) {
    json.open(o.json);
    if (!json)
      return fail_usage("cannot write --json file '" + o.json + "'");
  }
  // Properties run with explicit parameters, but rapidcheck still prints its global
  // configuration (to stderr) the first time it loads it: make that name our seed.
  setenv("RC_PARAMS", ("seed=" + std::to_string(plan.seed)).c_str(), 1);

  std::optional<BugId> code_bug = bug && bug_info(*bug).kind == BugKind::mutant ? bug : std::nullopt;
  std::cout << "splicecheck run: seed " << plan.seed << ", " << plan.cases << " cases per property, "
            << targets.size() << " profile(s)"
            << (as_is_pass && fixed_pass ? ", each as it is, then with its rows' fix switches on"
                : fixed_pass            ? ", with their rows' fix switches on"
                                        : "")
            << "\n\n";
  std::vector<ProfileRun> runs;
  bool as_expected = true;
  boundary::reset();
  for (const auto &t : targets) {
    auto rows = bugs_in_effect(t.component, t.profile, code_bug);
    if (as_is_pass) {
      runs.push_back(run_profile(t.component, t.profile, code_bug, rows, plan, std::cout));
      as_expected &= runs.back().as_expected();
    }
    // The fix pass: every row's fix switch on, so no row is expected and no known
    // defect stops a case before another one shows. A profile without rows has had it.
    RunPlan fixed = plan;
    fixed.fixes = fixable(rows);
    if (!fixed_pass || (fixed.fixes.empty() && as_is_pass))
      continue;
    std::vector<BugId> left;
    for (BugId id : rows)
      if (std::find(fixed.fixes.begin(), fixed.fixes.end(), id) == fixed.fixes.end())
        left.push_back(id);
    runs.push_back(run_profile(t.component, t.profile, code_bug, left, fixed, std::cout));
    as_expected &= runs.back().as_expected();
  }
  if (json.is_open()) {
    json << run_json(runs, plan, as_expected);
    json.close();
    if (!json)
      return fail_usage("writing --json file '" + o.json + "' failed");
  }
  if (o.has("coverage"))
    std::cout << boundary::table_text(boundary::table()) << "\n";
  std::cout << "verdict: " << (as_expected ? "as expected" : "UNEXPECTED") << "\n";
  return as_expected ? 0 : 1;
}

// The explorer is its own program (its variant of the code has scheduling points compiled
// in): `splicecheck explore ...` and `splicecheck help explore` run splicecheck-explore
// beside this binary.
int exec_explore(int argc, char **argv) {
  std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  std::string explore = self.substr(0, self.rfind('/') + 1) + "splicecheck-explore";
  std::vector<char *> args{explore.data()};
  if (std::string(argv[1]) == "help")
    args.push_back(const_cast<char *>("--help"));
  else
    args.insert(args.end(), argv + 2, argv + argc);
  args.push_back(nullptr);
  execv(explore.c_str(), args.data());
  return fail_usage("cannot run " + explore + ": " + std::strerror(errno));
}

int dispatch(int argc, char **argv) {
  std::string first = argc > 1 ? argv[1] : "", second = argc > 2 ? argv[2] : "";
  if (first == "explore" || (first == "help" && second == "explore" && argc == 3))
    return exec_explore(argc, argv);
  std::string why;
  auto o = parse_options(argc, argv, &why);
  if (!o)
    return fail_usage(why, command_help(first) && first != "help" ? first : "");
  if (o->command == "help") {
    std::cout << (o->help_for.empty() ? usage() : *command_help(o->help_for));
    return 0;
  }
  if (o->command == "bugs")
    return list_bugs(*o);
  if (o->command == "profiles")
    return list_profiles(*o);
  using Command = int (*)(const Options &, std::ostream &, std::ostream &);
  static constexpr std::pair<std::string_view, Command> kCommands[] = {
      {"replay", replay_command}, {"encode", encode_command},         {"shrink", shrink_command},
      {"series", series_command}, {"kernel-src", kernel_src},         {"tls", tls_command},
      {"oracle", oracle_command}, {"reproducer", reproducer_command}, {"killmatrix", killmatrix_command},
      {"gate", gate_command}};
  for (auto [name, command] : kCommands)
    if (o->command == name)
      return command(*o, std::cout, std::cerr);
  return run(*o);
}

}  // namespace
}  // namespace sc::cli

int main(int argc, char **argv) {
  sc::cli::install_terminate_handler();
  return sc::cli::run_guarded([&] { return sc::cli::dispatch(argc, argv); });
}
