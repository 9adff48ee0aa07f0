// SPDX-License-Identifier: GPL-2.0-only
#include <cli/oracle_cmd.h>

#include <api/text_lines.h>
#include <api/profiles.h>
#include <oracle/generate.h>
#include <oracle/judge.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace sc::cli {
namespace {

constexpr int kBadInput = 2, kNoKernel = 77, kRunFailed = 4;

std::optional<std::string> read_file(const std::string &path) {
  std::string why;
  return read_text_file(path, &why);
}

}  // namespace

std::optional<BugId> oracle_bug(const Options &o, Component component, BugKind kind, const std::string &kinds,
                                Profile profile, const std::string &profile_name, std::string *why) {
  if (!o.has("bug"))
    return std::nullopt;
  auto bug = parse_bug(o.bug);
  if (!bug)
    *why = "unknown bug id '" + o.bug + "' (see 'splicecheck bugs')";
  else if (bug_info(*bug).component != component || bug_info(*bug).kind != kind)
    *why = "--bug " + o.bug + ": " + kinds;
  else if (!bug_info(*bug).covers(profile))
    *why = "bug " + o.bug + " is not in profile " + profile_name;
  return why->empty() ? bug : std::nullopt;
}

int oracle_command(const Options &o, std::ostream &out, std::ostream &err) {
  auto bad = [&](const std::string &what) {
    err << "splicecheck: " << what << "\n";
    return kBadInput;
  };
  if (o.has("component") && o.component == "alloc")
    return oracle_alloc_command(o, out, err);
  if (o.has("component") && o.component == "splice")
    return oracle_splice_command(o, out, err);
  if (o.has("component") && o.component != "tls")
    return bad("'oracle --component' is alloc, splice or tls, not '" + o.component + "'");
  if (o.has("headers"))
    return bad("--headers goes with --component alloc or splice (a module is built only for those)");
  if (!o.has("kernel"))
    return bad("'oracle' needs --kernel 6.1|6.12|7.2|PATH-TO-BZIMAGE");
  bool named = o.kernel == "6.1" || o.kernel == "6.12" || o.kernel == "7.2";
  if (!named && !o.has("modules") && !o.has("results"))
    return bad("--kernel " + o.kernel + ": a kernel image needs --modules DIR (its lib/modules/<release> tree)");
  if (named && o.has("modules"))
    return bad("--modules goes with a kernel image path, not --kernel " + o.kernel);
  if (!named && !o.has("results")) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(o.kernel, ec))
      return bad("--kernel '" + o.kernel + "': no such kernel image file");
    if (!std::filesystem::is_directory(o.modules, ec))
      return bad("--modules '" + o.modules + "': not a directory");
  }
  if (!o.has("random") && !o.has("file"))
    return bad("'oracle' needs scenarios: --file F, --random N, or both");
  if (o.has("seed") && !o.has("random"))
    return bad("--seed picks the --random scenarios; give --random N too");
  std::string profile_name = o.has("profile")    ? o.profile
                             : o.kernel == "6.1"  ? "v6.1"
                             : o.kernel == "6.12" ? "v6.12"
                                                  : "newest";
  auto profile = parse_profile(Component::tls, profile_name);
  if (!profile)
    return bad("unknown tls profile '" + profile_name + "' (profiles: v6.1 v6.5 v6.12 newest)");
  std::string why;
  auto bug = oracle_bug(o, Component::tls, BugKind::mutant, "the oracle switches on tls mutants only", *profile,
                        profile_name, &why);
  if (!why.empty())
    return bad(why);
  // Each named kernel has its own profile; the rules come from it alone.
  tls::Rules rules = tls::rules_of(*profile);

  std::vector<tls::Scenario> scenarios;
  if (o.has("file")) {
    auto text = read_file(o.file);
    if (!text)
      return bad("cannot read scenario file '" + o.file + "'");
    auto parsed = tls::parse_scenarios(*text, &why);
    if (!parsed)
      return bad(o.file + ": " + why);
    scenarios = *parsed;
  }
  if (o.has("random")) {
    auto more = oracle::random_scenarios(seed_of(o), std::stoi(o.random), rules.max_payload_option);
    scenarios.insert(scenarios.end(), more.begin(), more.end());
  }
  // Nothing to judge is bad input, not an agreement.
  if (scenarios.empty())
    return bad("no scenario to judge: '" + o.file + "' holds none");
  std::set<std::string> names;
  for (const auto &s : scenarios) {
    if (!names.insert(s.name).second)
      return bad("scenario name '" + s.name + "' appears twice: the kernel's results are matched by name");
    for (const auto &op : s.ops)
      if (op.kind == tls::OpKind::sendpage)
        return bad("scenario '" + s.name + "': sendpage is an in-kernel call; no syscall runs it on a real kernel");
      else if (op.kind == tls::OpKind::sndbuf)
        return bad("scenario '" + s.name + "': sndbuf fails a socket-memory wait inside the kernel; no syscall does that");
  }

  oracle::KernelSpec spec{o.kernel, o.has("modules") ? o.modules : ""};
  oracle::KernelRunner runner = [&](const std::vector<tls::Scenario> &batch, std::string *why) {
    return oracle::boot_and_run(spec, batch, why);
  };
  std::optional<oracle::KernelRun> kr;
  if (o.has("results")) {
    auto text = read_file(o.results);
    if (!text)
      return bad("cannot read --results file '" + o.results + "'");
    kr = oracle::parse_guest_output(*text, &why);
    if (!kr)
      return bad(o.results + ": " + why);
  } else {
    kr = runner(scenarios, &why);
    if (!kr) {
      err << "splicecheck: " << why << "\n";
      return why.find("fetched") != std::string::npos ? kNoKernel : kRunFailed;
    }
  }
  if (o.has("save")) {
    std::ofstream save(o.save);
    save << kr->text;
    if (!save)
      return bad("cannot write --save file '" + o.save + "'");
  }
  out << "splicecheck oracle: kernel " << kr->release << " (--kernel " << o.kernel << "), profile " << profile_name
      << (bug ? std::string(" with ") + bug_info(*bug).name : "") << ", " << scenarios.size() << " scenarios\n";

  int model_bad = 0, impl_bad = 0, boots = o.has("results") ? 0 : 1;
  std::vector<oracle::ShrinkJob> jobs;
  for (const auto &s : scenarios) {
    auto it = kr->outcomes.find(s.name);
    if (it == kr->outcomes.end()) {
      err << "splicecheck: the kernel's results have no scenario '" << s.name << "'\n";
      return o.has("results") ? kBadInput : kRunFailed;
    }
    auto v = oracle::judge(s, it->second, rules, *profile, bug);
    for (oracle::Side side : {oracle::Side::model, oracle::Side::impl})
      if (!(side == oracle::Side::model ? v.model_agrees : v.impl_agrees)) {
        (side == oracle::Side::model ? model_bad : impl_bad)++;
        jobs.push_back({s, v, side});
      }
  }
  auto side_outcome = [](const oracle::ShrinkJob &j) {
    return oracle::outcome_text(j.side == oracle::Side::model ? j.verdict.model : j.verdict.impl);
  };
  for (const auto &j : jobs) {
    out << "DISAGREE " << oracle::side_name(j.side) << ": " << tls::format_scenario(j.scenario) << "\n";
    out << "  kernel: " << oracle::outcome_text(j.verdict.kernel) << "\n";
    out << "  " << oracle::side_name(j.side) << ":  " << side_outcome(j) << "\n";
  }
  if (!jobs.empty() && !o.has("results")) {
    auto runs = oracle::shrink_all(jobs, runner, rules, *profile, bug, &why);
    if (!runs) {
      err << "splicecheck: while shrinking: " << why << "\n";
      return kRunFailed;
    }
    boots += *runs;
    // Many disagreements shrink to the same few scenarios: each minimal one once.
    std::map<std::string, std::vector<std::string>> minimal;  // "side: ops" -> original names
    std::map<std::string, const oracle::ShrinkJob *> example;
    for (const auto &j : jobs) {
      tls::Scenario unnamed = j.scenario;
      unnamed.name = "min";
      auto key = std::string(oracle::side_name(j.side)) + ": " + tls::format_scenario(unnamed);
      minimal[key].push_back(j.scenario.name);
      example.emplace(key, &j);
    }
    for (const auto &[key, names] : minimal) {
      const auto &j = *example.at(key);
      out << "MINIMAL " << key << "  (" << j.scenario.ops.size() << " ops; from " << names.size()
          << " scenario(s), e.g. " << names.front() << ")\n";
      out << "  kernel: " << oracle::outcome_text(j.verdict.kernel) << "\n";
      out << "  " << oracle::side_name(j.side) << ":  " << side_outcome(j) << "\n";
    }
  }
  out << "summary: " << scenarios.size() << " scenarios on " << kr->release << "; the model disagrees on "
      << model_bad << ", the impl on " << impl_bad << "; " << boots << " kernel run(s)\n";
  if (bug) {
    bool found = impl_bad > 0 && model_bad == 0;
    out << (found ? "EXPECTED: " : "MISSED: ") << bug_info(*bug).name << "\n";
    return found ? 0 : 1;
  }
  return model_bad == 0 && impl_bad == 0 ? 0 : 1;
}

}  // namespace sc::cli
