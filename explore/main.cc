// SPDX-License-Identifier: GPL-2.0-only
// splicecheck-explore (run as `splicecheck explore`): cross-cpu interleavings of the
// allocator, explored deterministically and judged with run's verdict rule.
#include <api/page_frag.h>
#include <explore/explorer.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace sc::explore {
namespace {

constexpr int kBad = 2;

const char *check_help(const std::string &name) {
#define SC_CHECK(id, help) \
  if (name == #id)                \
    return help;
#include <api/page_frag_checks.def>
#undef SC_CHECK
  return "";
}

const char *kUsage =
    "usage: splicecheck explore [--scenario NAME|--list] [--profile P] [--bug ID] [--fixed]\n"
    "                           [--strategy pct|bounded] [--depth D] [--preemptions K]\n"
    "                           [--schedules N] [--seed S] [--replay STRING [--repeat N]] [--save DIR]\n"
    "  Without --scenario: every scenario on every profile it runs on, racy and fixed.\n"
    "  --fixed runs the scenario's named fix switch (the correct counterpart of its row).\n"
    "  --save DIR writes each finding as DIR/<row>-<scenario>-<profile>.schedule (corpus/schedules/\n"
    "  is replayed by CTest in every build).\n";

struct Args {
  std::map<std::string, std::string> v;
  bool has(const std::string &k) const { return v.count(k) > 0; }
  std::string get(const std::string &k, const std::string &d = "") const {
    auto it = v.find(k);
    return it == v.end() ? d : it->second;
  }
};

int bad(const std::string &why) {
  std::cerr << "splicecheck explore: " << why << "\n" << kUsage;
  return kBad;
}

std::optional<uint64_t> number(const std::string &s, uint64_t lo, uint64_t hi) {
  if (s.empty() || s.size() > 12 || s.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  uint64_t v = std::stoull(s);
  return v >= lo && v <= hi ? std::optional(v) : std::nullopt;
}

std::string target_name(const Target &t) {
  return std::string(t.scenario->name) + " (alloc/" + profile_label(t) + ", " +
         (t.fixed ? std::string("fix ") + t.scenario->fix : "racy") +
         (t.mutant ? std::string(", ") + bug_info(*t.mutant).name : "") + ")";
}

// Prints the finding, the verdict lines; returns whether the outcome is as expected.
bool report(const Target &t, const std::optional<Outcome> &found, std::ostream &out) {
  auto rows = rows_in_effect(t);
  std::optional<BugId> race_row;
  if (t.scenario->row && std::find(rows.begin(), rows.end(), *t.scenario->row) != rows.end())
    race_row = t.scenario->row;
  if (!found) {
    if (race_row) {
      out << "MISSED: " << bug_info(*race_row).name << "\n";
      return false;
    }
    out << "no check broke\n";
    return true;
  }
  const Failure &f = *found->failure;
  out << "=== BUG FOUND: " << target_name(t) << "\n"
      << "check: " << f.check << ": " << check_help(f.check) << "\n"
      << "after step " << f.step << ": " << f.detail << "\n"
      << "trace (task, cpu, the scheduling point it stopped at):\n"
      << found->trace << "calls:\n"
      << found->history << "schedule: " << found->decisions.size() << " decisions, " << found->preemptions
      << " preemptions\n"
      << "replay: splicecheck explore --replay " << replay_string(t, found->decisions) << "\n";
  bool explained = false;
  for (BugId id : rows)
    if (bug_info(id).identified_by(f.check)) {
      out << "EXPECTED: " << bug_info(id).name << "\n";
      explained = true;
    }
  if (!explained)
    out << "UNEXPECTED: check " << f.check << " failed and no bug row in effect names it\n";
  return explained;
}

int list() {
  for (const auto &s : all_scenarios()) {
    std::cout << std::left << std::setw(4) << s.name << s.title << "\n    row: "
              << (s.row ? bug_info(*s.row).name : "none (must pass everywhere)")
              << (*s.fix ? std::string(", fix switch: ") + s.fix : "") << "\n    profiles:";
    for (Profile p : profiles_of(Component::alloc))
      if (s.applies(p))
        std::cout << " " << profile_info(p).name;
    std::cout << "\n";
  }
  return 0;
}

int replay(const Args &a) {
  std::string why;
  bool skipped = false;
  auto r = parse_replay(a.get("replay"), &why, &skipped);
  if (!r && skipped) {
    std::cerr << "splicecheck explore: SKIPPED: " << why << "\n";
    return 77;
  }
  if (!r)
    return bad(why);
  auto repeat = number(a.get("repeat", "1"), 1, 1000);
  if (!repeat)
    return bad("--repeat takes 1..1000");
  const auto &[t, decisions] = *r;
  std::optional<Outcome> first;
  for (uint64_t i = 0; i < *repeat; i++) {
    Outcome o = run_schedule(t, decisions);
    if (o.diverged)
      return bad("the schedule does not fit " + target_name(t) + ": it names a choice the run does not offer");
    if (i == 0) {
      first = o;
      continue;
    }
    bool same = o.decisions == first->decisions && o.trace == first->trace &&
                o.failure.has_value() == first->failure.has_value() &&
                (!o.failure || (o.failure->check == first->failure->check && o.failure->step == first->failure->step));
    if (!same) {
      std::cout << "replay " << i + 1 << " of " << *repeat << " differs from the first: not deterministic\n";
      return 1;
    }
  }
  std::cout << "replay: " << target_name(t) << ", " << decisions.size() << " decisions"
            << (*repeat > 1 ? ", " + std::to_string(*repeat) + " times, the same every time" : "") << "\n";
  std::optional<Outcome> found;
  if (first->failure)
    found = first;
  bool ok = report(t, found, std::cout);
  std::cout << "verdict: " << (ok ? "as expected" : "UNEXPECTED") << "\n";
  return ok ? 0 : 1;
}

// A found race as a replayable file: its replay string and the rows it shows.
bool save(const Target &t, const Outcome &o, const std::string &dir, std::ostream &out) {
  std::string label = o.failure->check;
  std::vector<std::string> rows;
  for (BugId id : rows_in_effect(t))
    if (bug_info(id).identified_by(o.failure->check))
      rows.push_back(bug_info(id).name);
  if (!rows.empty())
    label = rows.back();
  std::string path = dir + "/" + label + "-" + t.scenario->name + "-" + profile_info(t.profile).name + ".schedule";
  std::ofstream f(path);
  f << "# splicecheck explore schedule: " << t.scenario->title << "\n" << replay_string(t, o.decisions) << "\n";
  for (const auto &r : rows)
    f << "EXPECTED: " << r << "\n";
  if (!f.flush()) {
    std::cerr << "splicecheck explore: cannot write " << path << "\n";
    return false;
  }
  out << "saved: " << path << "\n";
  return true;
}

bool run_target(const Target &t, const Search &how, const std::string &save_dir, std::ostream &out) {
  auto r = search(t, how);
  out << "== " << target_name(t) << ": " << (how.strategy == Strategy::pct ? "pct" : "bounded") << ", "
      << r.schedules << " schedules in " << std::fixed << std::setprecision(2) << r.seconds << " s ("
      << static_cast<uint64_t>(r.schedules / std::max(r.seconds, 1e-9)) << "/s)";
  if (how.strategy == Strategy::pct)
    out << ", depth " << how.depth << ", per-schedule bound " << std::scientific << std::setprecision(2)
        << r.pct_bound << std::defaultfloat;
  else
    out << ", k=" << how.preemptions << (r.exhausted ? ", exhausted" : ", not exhausted");
  out << "\n";
  bool ok = report(t, r.found ? r.found : r.known, out);
  if (r.found && !save_dir.empty())
    ok &= save(t, *r.found, save_dir, out);
  if (r.found && r.known_schedules)
    out << "(before it, " << r.known_schedules << " schedule(s) showed only known defects of the profile)\n";
  if (!r.found && r.known)
    out << "known defects of the profile only, in " << r.known_schedules << " of " << r.schedules
        << " schedules; no other check broke\n";
  out << "\n";
  return ok;
}

int main_explore(int argc, char **argv) {
  Args a;
  const std::vector<std::string> valued = {"scenario", "profile", "bug",      "strategy", "depth",
                                           "preemptions", "schedules", "seed", "replay",   "repeat", "save"};
  for (int i = 1; i < argc; i++) {
    std::string arg = argv[i];
    if (arg == "--list" || arg == "--fixed" || arg == "--help") {
      a.v[arg.substr(2)] = "1";
      continue;
    }
    if (arg.rfind("--", 0) != 0 || std::find(valued.begin(), valued.end(), arg.substr(2)) == valued.end())
      return bad("unknown argument '" + arg + "'");
    if (i + 1 >= argc)
      return bad(arg + " needs a value");
    a.v[arg.substr(2)] = argv[++i];
  }
  if (a.has("help")) {
    std::cout << kUsage;
    return 0;
  }
  if (a.has("list"))
    return list();
  if (a.has("replay")) {
    for (const char *f : {"scenario", "profile", "bug", "strategy", "fixed"})
      if (a.has(f))
        return bad(std::string("--replay carries its own scenario, profile and variant; drop --") + f);
    return replay(a);
  }
  Search how;
  std::string strategy = a.get("strategy", "pct");
  if (strategy != "pct" && strategy != "bounded")
    return bad("unknown strategy '" + strategy + "' (pct, bounded)");
  how.strategy = strategy == "pct" ? Strategy::pct : Strategy::bounded;
  auto depth = number(a.get("depth", "3"), 1, 10), k = number(a.get("preemptions", "2"), 0, 10),
       n = number(a.get("schedules", "100000"), 1, 1000000000), seed = number(a.get("seed", "1"), 0, UINT64_MAX / 2);
  if (!depth || !k || !n || !seed)
    return bad("--depth takes 1..10, --preemptions 0..10, --schedules 1..10^9, --seed a number");
  how.depth = static_cast<unsigned>(*depth);
  how.preemptions = static_cast<unsigned>(*k);
  how.schedules = *n;
  how.seed = *seed;

  std::optional<BugId> bug;
  if (a.has("bug")) {
    bug = parse_bug(a.get("bug"));
    if (!bug || bug_info(*bug).component != Component::alloc)
      return bad("unknown allocator bug '" + a.get("bug") + "'");
  }
  std::vector<const Scenario *> scenarios;
  if (a.has("scenario")) {
    const Scenario *s = find_scenario(a.get("scenario"));
    if (!s)
      return bad("unknown scenario '" + a.get("scenario") + "' (splicecheck explore --list)");
    scenarios.push_back(s);
  } else if (bug && bug_info(*bug).kind == BugKind::race) {
    for (const auto &s : all_scenarios())
      if (s.row == bug)
        scenarios.push_back(&s);
  } else {
    for (const auto &s : all_scenarios())
      scenarios.push_back(&s);
  }
  if (scenarios.empty())
    return bad("no scenario shows " + a.get("bug"));
  std::optional<Profile> profile;
  Target source{nullptr, Profile::pre_series, false, std::nullopt, "", nullptr};
  if (a.get("profile").rfind("src:", 0) == 0) {
    // Kernel source: built once with SC_EXPLORE, held to its layout's rules.
    std::string why;
    bool skipped = false;
    if (bug && bug_info(*bug).kind == BugKind::mutant)
      return bad("a mutant changes our mirrors, not kernel source: drop --bug or the src: profile");
    if (!load_source(source, a.get("profile").substr(4), &why, &skipped)) {
      if (!skipped)
        return bad(why);
      std::cerr << "splicecheck explore: SKIPPED: " << why << "\n";
      return 77;
    }
    profile = source.profile;
  } else if (a.has("profile")) {
    profile = parse_profile(Component::alloc, a.get("profile"));
    if (!profile)
      return bad("unknown allocator profile '" + a.get("profile") + "'");
  } else if (bug) {
    profile = bug_info(*bug).profiles.front();
  }
  std::optional<BugId> mutant = bug && bug_info(*bug).kind == BugKind::mutant ? bug : std::nullopt;
  if (mutant && profile && !bug_info(*mutant).covers(*profile))
    return bad("mutant " + a.get("bug") + " does not apply to profile " + a.get("profile"));

  std::vector<Target> targets;
  bool only_fixed = a.has("fixed"), both = !a.has("scenario") && !bug && !a.has("fixed");
  for (const Scenario *s : scenarios)
    for (Profile p : profiles_of(Component::alloc)) {
      // Aliases (series = p06) run only when named.
      if ((profile && p != *profile) || (!profile && is_alias(p)) || !s->applies(p))
        continue;
      if (!only_fixed)
        targets.push_back({s, p, false, mutant, source.source, source.code});
      if ((only_fixed || both) && *s->fix)
        targets.push_back({s, p, true, mutant, source.source, source.code});
    }
  if (targets.empty())
    return bad("the scenario does not run on that profile (splicecheck explore --list)");
  if (only_fixed && std::any_of(targets.begin(), targets.end(), [](const Target &t) { return !*t.scenario->fix; }))
    return bad("--fixed: scenario has no fix switch");

  std::cout << "splicecheck explore: seed " << how.seed << ", " << targets.size() << " target(s)\n\n";
  bool ok = true;
  for (const auto &t : targets)
    ok &= run_target(t, how, a.get("save"), std::cout);
  std::cout << "verdict: " << (ok ? "as expected" : "UNEXPECTED") << "\n";
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace sc::explore

int main(int argc, char **argv) { return sc::explore::main_explore(argc, argv); }
