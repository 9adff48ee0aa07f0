// SPDX-License-Identifier: GPL-2.0-only
// splicecheck-explore (run as `splicecheck explore`): cross-cpu interleavings of the
// allocator, explored deterministically and judged with run's verdict rule.
#include <api/page_frag.h>
#include <cli/flag_owners.h>
#include <cli/last_resort.h>
#include <explore/explorer.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

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

// The explorer's own flags (it has its own program and parser); FLAG rows of cli/flags.def
// name the other commands' flags, to say where a misplaced one belongs.
struct Flag {
  const char *name;
  bool takes_value;
  const char *def;
  const char *help;
};
const Flag kFlags[] = {
    {"scenario", true, "", "one scenario (see --list); default: every scenario, racy and fixed"},
    {"list", false, "", "list the scenarios, their rows and profiles (no other flag)"},
    {"profile", true, "", "an allocator profile, or src:6.1|src:7.2 (kernel source built for the explorer)"},
    {"bug", true, "", "a race row (runs its scenarios) or an allocator mutant row to switch on"},
    {"fixed", false, "", "run the scenario's named fix switch (the correct counterpart of its row)"},
    {"strategy", true, "pct", "pct (random, probabilistic bound) or bounded (every schedule within k preemptions)"},
    {"depth", true, "3", "pct: the bug depth, 1..10"},
    {"preemptions", true, "2", "bounded: at most this many preemptions, 0..10"},
    {"schedules", true, "100000", "at most this many schedules per target, 1..10^9"},
    {"seed", true, "1", "pct: the random seed"},
    {"replay", true, "", "run the one schedule a finding printed (only --repeat goes with it)"},
    {"repeat", true, "1", "with --replay: run it this many times (1..1000), each must be the same"},
    {"save", true, "", "write each finding as DIR/<row>-<scenario>-<profile>.schedule (DIR must be writable; "
                       "corpus/schedules/ is replayed by CTest in every build)"},
};

struct OtherFlag {
  const char *name, *commands;
};
const OtherFlag kOtherFlags[] = {
#define FLAG(name, kind, def, commands, help) {#name, commands},
#define FLAG_ALSO(name, kind, def, commands, help) {#name, commands},
#include <cli/flags.def>
#undef FLAG
};

std::string usage() {
  std::string u =
      "usage: splicecheck explore [flags]\n\n"
      "Cross-cpu interleavings of the allocator (splicecheck-explore): R1-R5 and 06's refill windows,\n"
      "checked step by step and against the model. Without --scenario: every scenario on every\n"
      "profile it runs on, racy and fixed.\n\nflags:\n";
  for (const auto &f : kFlags) {
    std::string left = std::string("  --") + f.name + (f.takes_value ? " VALUE" : "");
    left.resize(std::max<size_t>(left.size() + 1, 24), ' ');
    u += left + f.help + (*f.def ? std::string(" [default: ") + f.def + "]" : "") + "\n";
  }
  u += "  -h, --help            this help\n\nexit status:\n"
       "  0   as expected\n"
       "  1   not as expected (a race row missed, an unexpected check broke, a replay not deterministic)\n"
       "  2   bad usage or input\n"
       "  " + std::to_string(sc::cli::kInternalError) + "  " + sc::cli::kInternalErrorHelp + "\n"
       "  77  the kernel source of a src: profile cannot be had\n";
  return u;
}

struct Args {
  std::map<std::string, std::string> v;
  bool has(const std::string &k) const { return v.count(k) > 0; }
  std::string get(const std::string &k, const std::string &d = "") const {
    auto it = v.find(k);
    return it == v.end() ? d : it->second;
  }
};

int bad(const std::string &why) {
  std::cerr << "splicecheck explore: " << why << "\n(see 'splicecheck explore --help')\n";
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

std::string owners(const std::string &name) { return sc::cli::flag_owners(kOtherFlags, name); }

// The same rules as splicecheck's parser (cli/options.cc): a flag of this program, once,
// with a non-empty value that does not read as a flag. Returns the error, or "".
std::string parse(int argc, char **argv, Args *a) {
  for (int i = 1; i < argc; i++) {
    std::string arg = argv[i], name, value;
    if (arg.rfind("--", 0) != 0)
      return "unexpected argument '" + arg + "' (explore takes flags only)";
    name = arg.substr(2);
    bool inline_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      inline_value = true;
    }
    const Flag *flag = nullptr;
    for (const auto &f : kFlags)
      if (name == f.name)
        flag = &f;
    if (!flag && !owners(name).empty())
      return "--" + name + " belongs to " + owners(name) + ", not 'explore'";
    if (!flag)
      return "unknown argument '" + arg + "'";
    if (a->has(name))
      return "--" + name + " given twice";
    if (!flag->takes_value) {
      if (inline_value)
        return "--" + name + " takes no value";
      value = "1";
    } else if (!inline_value) {
      if (i + 1 >= argc)
        return "--" + name + " needs a value";
      value = argv[++i];
      if (value.rfind("--", 0) == 0 || value == "-h")  // a path may start with one dash
        return "--" + name + " needs a value, not the flag '" + value + "' (write --" + name + "=" + value +
               " if that is the value)";
    }
    if (value.empty())
      return "--" + name + " needs a value, not an empty one";
    a->v[name] = value;
  }
  if (a->has("list") && a->v.size() > 1)
    return "--list takes no other flag";
  if (a->has("repeat") && !a->has("replay"))
    return "--repeat goes with --replay";
  if (a->has("replay"))
    for (const auto &[name, value] : a->v)
      if (name != "replay" && name != "repeat")
        return "--replay carries its own scenario, profile and variant and runs one schedule; drop --" + name;
  return "";
}

// --save is checked before the search: a finding that cannot be written is bad input
// found late, after minutes of work.
std::string check_save_dir(const std::string &dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return "--save " + dir + ": not a directory";
  std::string probe = dir + "/.splicecheck-save-XXXXXX";
  int fd = mkstemp(probe.data());
  if (fd < 0)
    return "--save " + dir + ": cannot write there: " + std::strerror(errno);
  close(fd);
  unlink(probe.c_str());
  return "";
}

int main_explore(int argc, char **argv) {
  for (int i = 1; i < argc; i++)
    if (std::string(argv[i]) == "--help" || std::string(argv[i]) == "-h") {
      std::cout << usage();
      return 0;
    }
  Args a;
  if (auto why = parse(argc, argv, &a); !why.empty())
    return bad(why);
  if (a.has("save"))
    if (auto why = check_save_dir(a.get("save")); !why.empty())
      return bad(why);
  if (a.has("list"))
    return list();
  if (a.has("replay"))
    return replay(a);
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

int main(int argc, char **argv) {
  sc::cli::install_terminate_handler();
  return sc::cli::run_guarded([&] { return sc::explore::main_explore(argc, argv); });
}
