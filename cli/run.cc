// SPDX-License-Identifier: GPL-2.0-only
#include <cli/run.h>

#include <api/page_frag_trace.h>
#include <api/splice_trace.h>
#include <props/page_frag_props.h>
#include <props/splice_props.h>
#include <props/tls_props.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>

namespace sc::cli {
namespace {

bool contains(const std::vector<BugId> &v, BugId id) { return std::find(v.begin(), v.end(), id) != v.end(); }

// For an UNEXPECTED failure: the component's rows that claim the check but whose trigger
// did not hold, so the reader sees which known defect it was not.
std::string triggered_note(const std::vector<BugId> &in_effect, const std::string &check,
                           const std::vector<BugId> &triggered) {
  std::string claimed;
  for (BugId id : in_effect)
    if (bug_info(id).identified_by(check) && !contains(triggered, id))
      claimed += std::string(claimed.empty() ? "" : ", ") + bug_info(id).name;
  return claimed.empty() ? "" : " (claimed by " + claimed + ", trigger not met)";
}

void print_failure(const ProfileRun &run, const PropertyResult &r, const RunPlan &plan, std::ostream &out) {
  const auto &f = *r.failure;
  out << "=== BUG FOUND: " << r.name << " (" << run.name << ")\n";
  out << "check: " << f.check << ": " << f.check_help << "\n";
  out << "trace (shrunk, " << f.trace_ops << " ops):\n";
  for (size_t pos = 0, nl; pos < f.trace.size(); pos = nl + 1) {
    nl = f.trace.find('\n', pos);
    out << "    " << f.trace.substr(pos, nl - pos) << "\n";
  }
  out << "first divergence at op " << f.op_index << ": " << f.divergence << "\n";
  out << "replay: " << replay_line(run, r, plan) << "\n";
}

// A property ready to run: its description and how to run it.
struct Runner {
  std::string name, help;
  std::vector<std::string> asserted;
  std::function<PropertyResult()> run;
};

template <typename CheckSetT, typename NameOf> std::vector<std::string> names(const CheckSetT &set, NameOf name_of) {
  std::vector<std::string> out;
  for (size_t i = 0; i < set.size(); i++)
    if (set.test(i))
      out.push_back(name_of(i));
  return out;
}

// The component's outcome in the common form, its trace printed by the component.
template <typename Outcome, typename CheckName, typename CheckHelp, typename FormatTrace>
PropertyResult common(const Outcome &o, CheckName check_name, CheckHelp check_help, FormatTrace format) {
  PropertyResult r;
  r.cases = o.cases;
  r.cut_short = o.cut_short;
  r.error = o.error;
  if (o.failure)
    r.failure = PropertyResult::Failure{check_name(o.failure->finding.check), check_help(o.failure->finding.check),
                                        o.failure->finding.op_index, o.failure->finding.divergence,
                                        format(o.failure->trace), o.failure->trace.size(),
                                        o.failure->finding.triggered};
  return r;
}

// An op-sequence component's properties on `subject`: run_property(p, subject, bug, seed,
// cases) runs one, format_trace({profile, bug, ops}) prints a trace.
template <typename Subject, typename Check, typename Property, typename Outcome, typename FormatTrace>
std::vector<Runner> op_runners(const Subject &subject, std::optional<BugId> bug, const RunPlan &plan,
                               const std::vector<Property> &props, const char *(*check_name)(Check),
                               const char *(*check_help)(Check),
                               Outcome (*run_property)(const Property &, const Subject &, std::optional<BugId>, uint64_t,
                                                       int),
                               FormatTrace format_trace) {
  auto run_one = [subject, bug, plan, run_property](const Property &p) {
    return run_property(p, subject, bug, plan.seed, plan.cases);
  };
  auto format = [subject, bug, format_trace](const auto &ops) { return format_trace({subject.profile, bug, ops}); };
  std::vector<Runner> out;
  for (const auto &p : props) {
    if (plan.property && *plan.property != p.name)
      continue;
    auto asserted = names(p.asserted, [&](size_t i) { return std::string(check_name(static_cast<Check>(i))); });
    out.push_back({p.name, p.help, asserted,
                   [&p, check_name, check_help, run_one, format] { return common(run_one(p), check_name, check_help, format); }});
  }
  return out;
}

std::vector<Runner> alloc_runners(const alloc::Subject &subject, std::optional<BugId> bug, const RunPlan &plan) {
  return op_runners(subject, bug, plan, alloc::alloc_properties(), alloc::check_name, alloc::check_help,
                    alloc::run_alloc_property, alloc::format_trace);
}

std::vector<Runner> splice_runners(const splice::Subject &subject, std::optional<BugId> bug, const RunPlan &plan) {
  return op_runners(subject, bug, plan, splice::splice_properties(), splice::check_name, splice::check_help,
                    splice::run_splice_property, splice::format_trace);
}

// TLS: every property on both paths (the device path runs TLS 1.2 only); a case is a
// whole scenario, printed in its one-line text form.
std::vector<Runner> tls_runners(Profile profile, std::optional<BugId> bug, const RunPlan &plan) {
  std::vector<Runner> out;
  for (const auto &p : tls::tls_properties())
    for (tls::Path path : {tls::Path::sw, tls::Path::device}) {
      std::string name = tls::property_on_path_name(p, path);
      if (plan.property && *plan.property != name)
        continue;
      auto asserted = names(p.asserted, [](size_t i) { return std::string(tls::check_name(static_cast<tls::Check>(i))); });
      out.push_back({name, p.help, asserted, [&p, path, profile, bug, plan] {
                       auto o = tls::run_tls_property(p, profile, path, bug, plan.seed, plan.cases);
                       PropertyResult r;
                       r.cases = o.cases;
                       r.cut_short = o.cut_short;
                       r.error = o.error;
                       if (o.failure) {
                         const auto &f = o.failure->finding;
                         r.failure = PropertyResult::Failure{tls::check_name(f.check), tls::check_help(f.check),
                                                             f.op_index, f.divergence,
                                                             tls::format_scenario(o.failure->scenario) + "\n",
                                                             o.failure->scenario.ops.size(), f.triggered};
                       }
                       return r;
                     }});
    }
  return out;
}

ProfileRun run_properties(Component c, Profile profile, const std::string &name, const std::vector<Runner> &runners,
                          std::optional<BugId> code_bug, const std::vector<BugId> &in_effect, const RunPlan &plan,
                          std::ostream &out);

}  // namespace

std::string replay_line(const ProfileRun &run, const PropertyResult &r, const RunPlan &plan) {
  std::string line = plan.replay_prefix;
  if (line.empty()) {
    line = std::string("splicecheck run --component ") + component_name(run.component) + " --profile " +
           profile_info(run.profile).name;
    if (run.switched_on)
      line += std::string(" --bug ") + bug_info(*run.switched_on).name;
    line += std::string(" --pass ") + run.pass();
  }
  return line + " --property " + r.name + " --seed " + std::to_string(plan.seed) + " --cases " +
         std::to_string(plan.cases);
}

bool property_exists(Component c, std::string_view name) {
  if (c == Component::alloc)
    return alloc::find_property(name) != nullptr;
  if (c == Component::tls)
    return tls::find_property(name).has_value();
  return splice::find_property(name) != nullptr;
}

std::vector<std::string> property_names(Component c) {
  std::vector<std::string> out;
  if (c == Component::alloc)
    for (const auto &p : alloc::alloc_properties())
      out.push_back(p.name);
  if (c == Component::splice)
    for (const auto &p : splice::splice_properties())
      out.push_back(p.name);
  if (c == Component::tls)
    for (const auto &p : tls::tls_properties())
      for (tls::Path path : {tls::Path::sw, tls::Path::device})
        out.push_back(tls::property_on_path_name(p, path));
  return out;
}

std::optional<RunPlan> alloc_plan(const Options &o, std::ostream &err) { return property_plan(Component::alloc, o, err); }

std::optional<RunPlan> property_plan(Component c, const Options &o, std::ostream &err) {
  RunPlan plan;
  plan.seed = seed_of(o);
  plan.cases = cases_of(o);
  if (o.has("property")) {
    if (!property_exists(c, o.property)) {
      err << "splicecheck: unknown property '" << o.property << "'\n";
      return std::nullopt;
    }
    plan.property = o.property;
  }
  return plan;
}

ProfileRun run_profile(Component c, Profile profile, std::optional<BugId> code_bug,
                       const std::vector<BugId> &in_effect, const RunPlan &plan, std::ostream &out) {
  if (c == Component::alloc)
    return run_subject(alloc::Subject{profile}, code_bug, in_effect, plan, out);
  return run_properties(c, profile, std::string(component_name(c)) + "/" + profile_info(profile).name,
                        c == Component::tls ? tls_runners(profile, code_bug, plan)
                                            : splice_runners(splice::Subject{profile, true, nullptr, ""}, code_bug, plan),
                        code_bug, in_effect, plan, out);
}

ProfileRun run_subject(const alloc::Subject &subject, std::optional<BugId> code_bug,
                       const std::vector<BugId> &in_effect, const RunPlan &plan, std::ostream &out) {
  std::string name = "alloc/";
  if (subject.external)
    name += subject.external->name() + (subject.mirror ? std::string(" + ") + profile_info(subject.profile).name : "");
  else
    name += profile_info(subject.profile).name;
  return run_properties(Component::alloc, subject.profile, name, alloc_runners(subject, code_bug, plan), code_bug,
                        in_effect, plan, out);
}

ProfileRun run_splice_subject(const splice::Subject &subject, std::optional<BugId> code_bug,
                              const std::vector<BugId> &in_effect, const RunPlan &plan, std::ostream &out) {
  std::string name = "splice/";
  if (subject.code)
    name += subject.code_name + (subject.mirror ? std::string(" + ") + profile_info(subject.profile).name : "");
  else
    name += profile_info(subject.profile).name;
  return run_properties(Component::splice, subject.profile, name, splice_runners(subject, code_bug, plan), code_bug,
                        in_effect, plan, out);
}

namespace {

ProfileRun run_properties(Component c, Profile profile, const std::string &name, const std::vector<Runner> &runners,
                          std::optional<BugId> code_bug, const std::vector<BugId> &in_effect, const RunPlan &plan,
                          std::ostream &out) {
  ProfileRun run{c, profile, name, code_bug, plan.fixes, {}, {}, {}, {}, {}};
  ScopedFixes fixes(plan.fixes);
  std::string switches;
  for (BugId id : plan.fixes)
    switches += std::string(switches.empty() ? "" : ", ") + fix_name(id);
  out << "== " << name << (code_bug ? std::string(" with ") + bug_info(*code_bug).name : "")
      << (switches.empty() ? "" : ", fixed") << ": seed " << plan.seed << ", " << plan.cases
      << " cases per property (pass " << run.pass()
      << (switches.empty() ? ": as it is" : ": fix switches " + switches + " on, no row expected") << ")\n";
  run.results.reserve(runners.size());
  for (size_t i = 0; i < runners.size(); i++) {
    auto t0 = std::chrono::steady_clock::now();
    PropertyResult r = runners[i].run();
    auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    r.name = runners[i].name;
    r.help = runners[i].help;
    r.asserted = runners[i].asserted;
    char head[96];
    std::snprintf(head, sizeof head, "  [%zu/%zu] %-28s ", i + 1, runners.size(), r.name.c_str());
    out << head;
    if (!r.error.empty())
      out << "ERROR after " << r.cases << " cases: " << r.error << "\n";
    else if (r.failure)
      out << "FAILED after " << r.cases << " passing cases: " << r.failure->check << "\n";
    else
      out << "ok, " << r.cases << " cases"
          << (r.cut_short ? " (" + std::to_string(r.cut_short) + " ended early at a divergence another property reports)"
                          : "")
          << "\n";
    out.flush();
    std::fprintf(stderr, "  (%s: %.0f ms)\n", r.name.c_str(), ms);  // timings stay off stdout
    run.results.push_back(std::move(r));
  }
  for (size_t i = 0; i < run.results.size(); i++) {
    auto &r = run.results[i];
    if (!r.failure) {
      if (!r.error.empty())
        run.unexpected.push_back(i);
      continue;
    }
    print_failure(run, r, plan, out);
    r.explained_by = explaining_rows(in_effect, r.failure->check, r.failure->triggered);
    if (r.explained_by.empty())
      run.unexpected.push_back(i);
  }
  for (BugId id : in_effect) {
    bool asserted = std::any_of(run.results.begin(), run.results.end(), [&](const PropertyResult &r) {
      return std::any_of(bug_info(id).checks.begin(), bug_info(id).checks.end(),
                         [&](const std::string &c) { return std::find(r.asserted.begin(), r.asserted.end(), c) != r.asserted.end(); });
    });
    if (!asserted) {
      out << "NOT CHECKED: " << bug_info(id).name << " (no property run here asserts its checks)\n";
      continue;
    }
    bool found = std::any_of(run.results.begin(), run.results.end(),
                             [&](const PropertyResult &r) { return contains(r.explained_by, id); });
    (found ? run.expected : plan.rows_may_go ? run.gone : run.missed).push_back(id);
  }
  for (BugId id : run.expected)
    out << "EXPECTED: " << bug_info(id).name << "\n";
  for (BugId id : run.missed)
    out << "MISSED: " << bug_info(id).name << "\n";
  for (BugId id : run.gone)
    out << "GONE: " << bug_info(id).name << " (no longer shows)\n";
  for (size_t i : run.unexpected) {
    const auto &r = run.results[i];
    out << "UNEXPECTED: " << r.name << ": "
        << (r.failure ? "check " + r.failure->check +
                            " failed and no bug row in effect both names it and has its trigger there" +
                            triggered_note(in_effect, r.failure->check, r.failure->triggered)
                      : r.error)
        << "\n";
  }
  out << "profile verdict (" << name << (run.fixes.empty() ? "" : ", fixed") << "): " << (run.as_expected() ? "as expected" : "UNEXPECTED")
      << "\n\n";
  return run;
}

}  // namespace

}  // namespace sc::cli
