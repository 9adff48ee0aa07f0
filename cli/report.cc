// SPDX-License-Identifier: GPL-2.0-only
#include <cli/report.h>

#include <api/page_frag_trace.h>
#include <api/text_escape.h>
#include <props/boundary.h>

namespace sc::cli {

namespace {

template <typename T, typename F> std::string array(const std::vector<T> &items, F &&item) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); i++)
    out += (i ? ", " : "") + item(items[i]);
  return out + "]";
}

std::string bug_names(const std::vector<BugId> &ids) {
  return array(ids, [](BugId id) { return json_quote(bug_info(id).name); });
}

std::string property_json(const ProfileRun &run, const PropertyResult &r, const RunPlan &plan) {
  std::string status = r.failure ? "failed" : r.error.empty() ? "passed" : "error";
  std::string out = "{\"name\": " + json_quote(r.name) + ", \"status\": " + json_quote(status) +
                    ", \"passing_cases\": " + std::to_string(r.cases);
  if (!r.error.empty())
    out += ", \"error\": " + json_quote(r.error);
  if (const auto &f = r.failure) {
    out += ", \"failure\": {\"check\": " + json_quote(f->check) + ", \"op_index\": " + std::to_string(f->op_index) +
           ", \"divergence\": " + json_quote(f->divergence) + ", \"trace\": " + json_quote(f->trace) +
           ", \"explained_by\": " + bug_names(r.explained_by) + ", \"triggered\": " + bug_names(f->triggered) +
           ", \"replay\": " + json_quote(replay_line(run, r, plan)) +
           "}";
  }
  return out + "}";
}

}  // namespace

std::string run_json(const std::vector<ProfileRun> &runs, const RunPlan &plan, bool as_expected) {
  std::string out = "{\"tool\": \"splicecheck\", \"schema\": 1, \"seed\": " + std::to_string(plan.seed) +
                    ", \"cases\": " + std::to_string(plan.cases) + ", \"runs\": [";
  for (size_t i = 0; i < runs.size(); i++) {
    const auto &run = runs[i];
    std::vector<std::string> unexpected;
    for (size_t i : run.unexpected)
      unexpected.push_back(run.results[i].name);
    out += std::string(i ? ", " : "") + "{\"component\": " + json_quote(component_name(run.component)) +
           ", \"profile\": " + json_quote(profile_info(run.profile).name) +
           ", \"bug\": " + (run.switched_on ? json_quote(bug_info(*run.switched_on).name) : "null") +
           ", \"pass\": " + json_quote(run.pass()) + ", \"fixes\": " +
           array(run.fixes, [](BugId id) { return json_quote(fix_name(id)); }) +
           ", \"properties\": " +
           array(run.results, [&](const PropertyResult &r) { return property_json(run, r, plan); }) +
           ", \"expected\": " + bug_names(run.expected) + ", \"missed\": " + bug_names(run.missed) +
           ", \"unexpected\": " + array(unexpected, json_quote) +
           ", \"verdict\": " + json_quote(run.as_expected() ? "as expected" : "UNEXPECTED") + "}";
  }
  return out + "], \"boundaries\": " + boundary::table_json(boundary::table()) +
         ", \"verdict\": " + json_quote(as_expected ? "as expected" : "UNEXPECTED") + "}\n";
}

std::string bugs_json() {
  return array(all_bugs(), [](const BugInfo &b) {
           auto profiles = array(b.profiles, [](Profile p) { return json_quote(profile_info(p).name); });
           return "{\"id\": " + json_quote(b.name) + ", \"component\": " + json_quote(component_name(b.component)) +
                  ", \"kind\": " + json_quote(kind_name(b.kind)) +
                  ", \"profiles\": " + profiles + ", \"checks\": " + array(b.checks, json_quote) +
                  ", \"detectors\": " + array(b.detectors, json_quote) + ", \"upstream\": " + json_quote(b.upstream) +
                  ", \"breaks\": " + json_quote(b.help) + "}";
         }) +
         "\n";
}

std::string profiles_json() {
  return array(all_profiles(), [](const ProfileInfo &p) {
           return "{\"component\": " + json_quote(component_name(p.component)) + ", \"name\": " + json_quote(p.name) +
                  ", \"alias\": " + (is_alias(p.id) ? "true" : "false") + ", \"code\": " + json_quote(p.help) + "}";
         }) +
         "\n";
}

}  // namespace sc::cli
