// SPDX-License-Identifier: GPL-2.0-only
// The kill matrix as JSON (docs/killmatrix.schema.json).
#include <cli/killmatrix/report.h>
#include <cli/killmatrix/report_facts.h>
#include <cli/killmatrix/report_json.h>

#include <api/text_escape.h>

namespace sc::km {
namespace json {

std::string fields(Fields fields, const std::string &sep) {
  std::vector<std::string> parts;
  for (const auto &[key, value] : fields)
    parts.push_back(json_quote(key) + ": " + value);
  return facts::join(parts, sep);
}

std::string object(Fields fields) { return "{" + json::fields(fields, ", ") + "}"; }
std::string inline_array(const std::vector<std::string> &items) { return "[" + facts::join(items, ", ") + "]"; }

std::string lines_array(const std::vector<std::string> &items) {
  return items.empty() ? "[]" : "[\n    " + facts::join(items, ",\n    ") + "\n  ]";
}

}  // namespace json

namespace {

using facts::fixed3;
using facts::mapped;
using json::integer_or_null;

std::string seconds_or_null(const std::optional<double> &v) { return v ? fixed3(*v) : "null"; }

std::string attempt_json(const Attempt &a) {
  return json::object({{"seed", std::to_string(a.seed)},
                       {"found", a.found ? "true" : "false"},
                       {"work", std::to_string(a.work)},
                       {"seconds", fixed3(a.seconds)}});
}

std::string cell_json(const Cell &c) {
  return json::object({{"row", json_quote(c.row)},
                       {"detector", json_quote(detector_name(c.detector))},
                       {"status", json_quote(status_name(c.status))},
                       {"unit", json_quote(c.unit)},
                       {"attempts", json::inline_array(mapped(c.attempts, attempt_json))},
                       {"median_work", integer_or_null(c.median_work)},
                       {"median_seconds", seconds_or_null(c.median_seconds)},
                       {"shrunk", integer_or_null(c.shrunk)},
                       {"shrunk_unit", json_quote(c.shrunk_unit)},
                       {"replay", json_quote(c.replay)},
                       {"note", json_quote(c.note)}});
}

std::string row_json(const Row &r) {
  return json::object({{"id", json_quote(r.id)},
                       {"component", json_quote(r.component)},
                       {"kind", json_quote(r.kind)},
                       {"claims", json::inline_array(mapped(r.claims, json_quote))},
                       {"profile", json_quote(r.profile)},
                       {"clean", json_quote(r.clean)},
                       {"help", json_quote(r.help)}});
}

std::string clean_json(const Clean &c) {
  auto cells = json::inline_array(mapped(c.cells, cell_json));
  return json::object({{"name", json_quote(c.name)}, {"what", json_quote(c.what)}, {"cells", cells}});
}

}  // namespace

std::string to_json(const Matrix &m) {
  return "{\n  " +
         json::fields({{"tool", json_quote("splicecheck")},
                       {"report", json_quote("killmatrix")},
                       {"schema", "1"},
                       {"source", json_quote(m.source)},
                       {"budget", std::to_string(m.budget)},
                       {"seeds", std::to_string(m.seeds)},
                       {"budget_rule", json_quote(m.budget_rule)},
                       {"seconds", fixed3(m.seconds)},
                       {"builds", json::inline_array(mapped(m.builds, json_quote))},
                       {"detectors", json::inline_array(
                                         mapped(kDetectors, [](Detector d) { return json_quote(detector_name(d)); }))},
                       {"rows", json::lines_array(mapped(m.rows, row_json))},
                       {"cells", json::lines_array(mapped(m.cells, cell_json))},
                       {"clean", json::lines_array(mapped(m.clean, clean_json))},
                       {"failures", json::lines_array(mapped(m.failures(), json_quote))}},
                      ",\n  ") +
         "\n}\n";
}

}  // namespace sc::km
