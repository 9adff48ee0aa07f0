// SPDX-License-Identifier: GPL-2.0-only
#include <cli/run.h>

#include <api/page_frag_trace.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace sc::cli {
namespace {

bool contains(const std::vector<BugId> &v, BugId id) { return std::find(v.begin(), v.end(), id) != v.end(); }

void print_failure(const ProfileRun &run, const PropertyResult &r, const RunPlan &plan, std::ostream &out) {
  const auto &f = *r.outcome.failure;
  out << "=== BUG FOUND: " << r.property->name << " (" << run.name << ")\n";
  out << "check: " << alloc::check_name(f.finding.check) << ": " << alloc::check_help(f.finding.check) << "\n";
  alloc::Trace trace{run.profile, run.switched_on, f.trace};
  out << "trace (shrunk, " << f.trace.size() << " ops):\n";
  std::string text = alloc::format_trace(trace);
  for (size_t pos = 0, nl; pos < text.size(); pos = nl + 1) {
    nl = text.find('\n', pos);
    out << "    " << text.substr(pos, nl - pos) << "\n";
  }
  out << "first divergence at op " << f.finding.op_index << ": " << f.finding.divergence << "\n";
  out << "replay: " << replay_line(run, r, plan) << "\n";
}

}  // namespace

std::string replay_line(const ProfileRun &run, const PropertyResult &r, const RunPlan &plan) {
  std::string line = plan.replay_prefix;
  if (line.empty()) {
    line = std::string("splicecheck run --component ") + component_name(run.component) + " --profile " +
           profile_info(run.profile).name;
    if (run.switched_on)
      line += std::string(" --bug ") + bug_info(*run.switched_on).name;
  }
  return line + " --property " + r.property->name + " --seed " + std::to_string(plan.seed) + " --cases " +
         std::to_string(plan.cases);
}

ProfileRun run_profile(Component c, Profile profile, std::optional<BugId> code_bug,
                       const std::vector<BugId> &in_effect, const RunPlan &plan, std::ostream &out) {
  return run_subject(c, alloc::Subject{profile}, code_bug, in_effect, plan, out);
}

ProfileRun run_subject(Component c, const alloc::Subject &subject, std::optional<BugId> code_bug,
                       const std::vector<BugId> &in_effect, const RunPlan &plan, std::ostream &out) {
  Profile profile = subject.profile;
  std::string name = std::string(component_name(c)) + "/";
  if (subject.external)
    name += subject.external->name() + (subject.mirror ? std::string(" + ") + profile_info(profile).name : "");
  else
    name += profile_info(profile).name;
  ProfileRun run{c, profile, name, code_bug, {}, {}, {}, {}, {}};
  out << "== " << name << (code_bug ? std::string(" with ") + bug_info(*code_bug).name : "") << ": seed " << plan.seed
      << ", " << plan.cases << " cases per property\n";
  std::vector<const alloc::Property *> props;
  for (const auto &p : alloc::alloc_properties())
    if (!plan.property || *plan.property == p.name)
      props.push_back(&p);
  run.results.reserve(props.size());
  for (size_t i = 0; i < props.size(); i++) {
    auto t0 = std::chrono::steady_clock::now();
    auto outcome = alloc::run_alloc_property(*props[i], subject, code_bug, plan.seed, plan.cases);
    auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    run.results.push_back({props[i], std::move(outcome), {}});
    auto &r = run.results.back();
    char head[96];
    std::snprintf(head, sizeof head, "  [%zu/%zu] %-28s ", i + 1, props.size(), props[i]->name);
    out << head;
    if (!r.outcome.error.empty())
      out << "ERROR after " << r.outcome.cases << " cases: " << r.outcome.error << "\n";
    else if (r.outcome.failure)
      out << "FAILED after " << r.outcome.cases << " passing cases: "
          << alloc::check_name(r.outcome.failure->finding.check) << "\n";
    else
      out << "ok, " << r.outcome.cases << " cases"
          << (r.outcome.cut_short ? " (" + std::to_string(r.outcome.cut_short) +
                                        " ended early at a divergence another property reports)"
                                  : "")
          << "\n";
    out.flush();
    std::fprintf(stderr, "  (%s: %.0f ms)\n", props[i]->name, ms);  // timings stay off stdout
  }
  for (size_t i = 0; i < run.results.size(); i++) {
    auto &r = run.results[i];
    if (!r.outcome.failure) {
      if (!r.outcome.error.empty())
        run.unexpected.push_back(i);
      continue;
    }
    print_failure(run, r, plan, out);
    for (BugId id : in_effect)
      if (bug_info(id).identified_by(alloc::check_name(r.outcome.failure->finding.check)))
        r.explained_by.push_back(id);
    if (r.explained_by.empty())
      run.unexpected.push_back(i);
  }
  for (BugId id : in_effect) {
    bool asserted = std::any_of(props.begin(), props.end(), [&](const alloc::Property *p) {
      return std::any_of(bug_info(id).checks.begin(), bug_info(id).checks.end(), [&](const std::string &c) {
        auto check = alloc::parse_check(c);
        return check && p->asserted.test(static_cast<size_t>(*check));
      });
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
    out << "UNEXPECTED: " << r.property->name << ": "
        << (r.outcome.failure ? std::string("check ") + alloc::check_name(r.outcome.failure->finding.check) +
                                    " failed and no bug row in effect names it"
                              : r.outcome.error)
        << "\n";
  }
  out << "profile verdict (" << name << "): " << (run.as_expected() ? "as expected" : "UNEXPECTED") << "\n\n";
  return run;
}

}  // namespace sc::cli
