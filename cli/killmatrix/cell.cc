// SPDX-License-Identifier: GPL-2.0-only
#include <cli/killmatrix/cell.h>

#include <cli/run.h>
#include <kernel-src/glue_object.h>
#include <kernel-src/layout_rules.h>
#include <kernel-src/loaded.h>
#include <kernel-src/splice_build.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <sstream>

namespace sc::km {
namespace {

constexpr const char *kTag = "km-cell ";

using RunOne = std::function<cli::ProfileRun(const cli::RunPlan &, std::ostream &)>;

CellRun properties_until_found(Component c, std::optional<BugId> row, uint64_t seed, int cases,
                               const std::string &replay_prefix, const RunOne &run_one) {
  CellRun out;
  auto start = std::chrono::steady_clock::now();
  std::ostringstream discard;
  for (const auto &name : cli::property_names(c)) {
    cli::RunPlan plan;
    plan.seed = seed;
    plan.cases = cases;
    plan.property = name;
    plan.replay_prefix = replay_prefix;
    discard.str("");
    cli::ProfileRun run = run_one(plan, discard);
    const cli::PropertyResult &r = run.results.at(0);
    out.cases += r.cases + (r.failure ? 1 : 0);
    if (!r.error.empty() && out.error.empty())
      out.error = name + ": " + r.error;
    if (!r.failure)
      continue;
    if (r.explained_by.empty())
      out.unexplained++;
    if (row && std::find(r.explained_by.begin(), r.explained_by.end(), *row) != r.explained_by.end()) {
      out.found = true;
      out.shrunk = static_cast<int>(r.failure->trace_ops);
      out.replay = cli::replay_line(run, r, plan);
      break;
    }
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace

CellRun props_cell(Component c, Profile profile, std::optional<BugId> row, uint64_t seed, int cases, bool fixed) {
  std::optional<BugId> code_bug = row && bug_info(*row).kind == BugKind::mutant ? row : std::nullopt;
  auto in_effect = bugs_in_effect(c, profile, code_bug);
  std::vector<BugId> fixes = fixed ? fixable(in_effect) : std::vector<BugId>{};
  std::erase_if(in_effect, [&](BugId id) { return std::find(fixes.begin(), fixes.end(), id) != fixes.end(); });
  return properties_until_found(c, row, seed, cases, "", [&](cli::RunPlan plan, std::ostream &out) {
    plan.fixes = fixes;
    return cli::run_profile(c, profile, code_bug, in_effect, plan, out);
  });
}

std::optional<CellRun> kernel_src_cell(const std::string &spec, std::optional<BugId> row, uint64_t seed, int cases,
                                       std::string *why, bool *skipped) {
  if (row && bug_info(*row).component == Component::splice) {
    // The splice functions, three-way beside the mirror of what that kernel ships.
    auto code = ksrc::build_splice_source(spec, why, skipped);
    if (!code)
      return std::nullopt;
    splice::Subject subject{ksrc::splice_rules_of(spec), true, code->entry(), code->name()};
    auto in_effect = bugs_in_effect(Component::splice, subject.profile, std::nullopt);
    return properties_until_found(Component::splice, row, seed, cases,
                                  "splicecheck kernel-src --component splice --source " + spec,
                                  [&](const cli::RunPlan &plan, std::ostream &out) {
                                    return cli::run_splice_subject(subject, std::nullopt, in_effect, plan, out);
                                  });
  }
  auto built = ksrc::build_source(spec, "", why, skipped);
  if (!built)
    return std::nullopt;
  ksrc::LoadedSource code(std::move(built->object), "src:" + spec);
  Profile rules = ksrc::model_rules_of(built->layout);
  alloc::Subject subject{rules, ksrc::mirror_of(built->layout).has_value(), &code};
  auto in_effect = bugs_in_effect(Component::alloc, rules, std::nullopt);
  return properties_until_found(Component::alloc, row, seed, cases, "splicecheck kernel-src --source " + spec,
                                [&](const cli::RunPlan &plan, std::ostream &out) {
                                  return cli::run_subject(subject, std::nullopt, in_effect, plan, out);
                                });
}

void print_cell_line(const CellRun &r, std::ostream &out) {
  out << kTag << "found=" << r.found << " cases=" << r.cases << " seconds=" << r.seconds
      << " shrunk=" << (r.shrunk ? std::to_string(*r.shrunk) : "-") << " unexplained=" << r.unexplained
      << " error=" << (r.error.empty() ? "-" : "1") << " replay=" << r.replay << "\n";
  if (!r.error.empty())
    out << "error: " << r.error << "\n";
}

std::optional<CellRun> parse_cell_line(const std::string &output) {
  size_t at = output.find(kTag);
  if (at == std::string::npos)
    return std::nullopt;
  std::istringstream line(output.substr(at + std::string(kTag).size(), output.find('\n', at) - at));
  CellRun r;
  std::string found, cases, seconds, shrunk, unexplained, error;
  line >> found >> cases >> seconds >> shrunk >> unexplained >> error;
  auto value = [](const std::string &field, const char *key) -> std::optional<std::string> {
    std::string k = std::string(key) + "=";
    if (field.rfind(k, 0) != 0)
      return std::nullopt;
    return field.substr(k.size());
  };
  auto f = value(found, "found"), c = value(cases, "cases"), s = value(seconds, "seconds"), k = value(shrunk, "shrunk"),
       u = value(unexplained, "unexplained"), e = value(error, "error");
  if (!f || !c || !s || !k || !u || !e)
    return std::nullopt;
  try {
    r.found = *f == "1";
    r.cases = std::stoull(*c);
    r.seconds = std::stod(*s);
    if (*k != "-")
      r.shrunk = std::stoi(*k);
    r.unexplained = std::stoi(*u);
  } catch (const std::exception &) {
    return std::nullopt;
  }
  if (*e != "-") {
    size_t ep = output.find("error: ", at);
    r.error = ep == std::string::npos ? "error" : output.substr(ep + 7, output.find('\n', ep) - ep - 7);
  }
  std::string rest;
  std::getline(line, rest);
  if (auto p = rest.find("replay="); p != std::string::npos)
    r.replay = rest.substr(p + 7);
  return r;
}

}  // namespace sc::km
