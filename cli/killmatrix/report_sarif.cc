// SPDX-License-Identifier: GPL-2.0-only
// The kill matrix as SARIF 2.1.0, for code-scanning views: a rule per bug row, a result
// per finding (level note) and per false alarm (level error). Strings go through
// sc::json_quote.
#include <cli/killmatrix/report.h>
#include <cli/killmatrix/report_facts.h>
#include <cli/killmatrix/report_json.h>

#include <api/text_escape.h>

#include <algorithm>

namespace sc::km {
using namespace facts;
namespace {

std::string sarif_rule(const Row &row) {
  return json::object({{"id", json_quote(row.id)},
                       {"shortDescription", json::object({{"text", json_quote(row.help.empty() ? row.id : row.help)}})},
                       {"properties", json::object({{"component", json_quote(row.component)},
                                                    {"kind", json_quote(row.kind)},
                                                    {"claims", json::inline_array(mapped(row.claims, json_quote))}})}});
}

std::string sarif_message(const Cell &c, const std::string &subject) {
  std::string what = c.status == Status::false_alarm ? " reported a finding on " + subject + " (a false alarm)"
                     : c.status == Status::partly    ? " found " + subject + " with " + seeds_text(c) + " seeds"
                                                     : " found " + subject;
  std::string cost = finding_cost(c);
  return detector_name(c.detector) + what + (cost.empty() ? "" : ": " + cost + " (median)") +
         (c.replay.empty() ? "" : ". Replay: " + c.replay);
}

// Located by name only: a row is no place in a source file.
std::string sarif_result(const Cell &c, const std::string &rule, const std::string &subject) {
  bool alarm = c.status == Status::false_alarm;
  auto location = json::object({{"name", json_quote(c.row)}});
  return json::object(
      {{"ruleId", json_quote(rule)},
       {"level", json_quote(alarm ? "error" : "note")},
       {"message", json::object({{"text", json_quote(sarif_message(c, subject))}})},
       {"locations", json::inline_array({json::object({{"logicalLocations", json::inline_array({location})}})})},
       {"properties", json::object({{"detector", json_quote(detector_name(c.detector))},
                                    {"status", json_quote(status_name(c.status))},
                                    {"median_work", json::integer_or_null(c.median_work)},
                                    {"unit", json_quote(c.unit)},
                                    {"shrunk", json::integer_or_null(c.shrunk)},
                                    {"replay", json_quote(c.replay)}})}});
}

// A false alarm belongs to the row whose clean counterpart it is, when there is one.
std::string clean_rule(const Matrix &m, const Clean &clean) {
  auto it = std::find_if(m.rows.begin(), m.rows.end(), [&](const Row &r) { return r.clean == clean.name; });
  return it == m.rows.end() ? "clean:" + clean.name : it->id;
}

std::vector<std::string> sarif_results(const Matrix &m) {
  std::vector<std::string> results;
  for (const auto &c : m.cells)
    if (is_finding(c.status))
      results.push_back(sarif_result(c, c.row, c.row));
  for (const auto &clean : m.clean)
    for (const auto &c : clean.cells)
      if (c.status == Status::false_alarm)
        results.push_back(sarif_result(c, clean_rule(m, clean), "the clean counterpart " + clean.name));
  return results;
}

}  // namespace

std::string to_sarif(const Matrix &m) {
  auto driver =
      json::object({{"name", json_quote("splicecheck")}, {"rules", json::lines_array(mapped(m.rows, sarif_rule))}});
  auto run = "{\"tool\": {\"driver\": " + driver + "},\n  \"results\": " + json::lines_array(sarif_results(m)) + "}";
  return "{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\", \"version\": \"2.1.0\",\n \"runs\": [" +
         run + "]}\n";
}

}  // namespace sc::km
