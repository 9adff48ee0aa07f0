// SPDX-License-Identifier: GPL-2.0-only
// The kill matrix as Markdown (GFM tables), for a pull request or the README. Every text
// in a cell or list item goes through sc::markdown_text, so no name can end a cell or a row.
#include <cli/killmatrix/report.h>
#include <cli/killmatrix/report_facts.h>

#include <api/text_escape.h>

namespace sc::km {
using namespace facts;
namespace {

std::string md_words(const Cell &c) {
  std::string cost = finding_cost(c);
  switch (c.status) {
  case Status::found:
    return cost.empty() ? "found" : "found " + cost;
  case Status::partly:
    return "partly " + seeds_text(c) + (cost.empty() ? "" : ", " + cost);
  case Status::clean:
    return "clean " + count_text(total_work(c), c.unit);
  case Status::false_alarm:
    return "FALSE ALARM";
  default:
    return status_name(c.status);
  }
}

std::string md_cell(const Cell *c, bool bold) {
  if (!c)
    return "—";
  std::string words = markdown_text(md_words(*c));
  return bold ? "**" + words + "**" : words;
}

// Cells are Markdown already.
std::string md_line(const std::vector<std::string> &cells) { return "| " + join(cells, " | ") + " |\n"; }

std::string md_header(const std::vector<std::string> &first, const std::vector<Detector> &cols) {
  auto names = first;
  for (Detector d : cols)
    names.push_back(markdown_text(detector_name(d)));
  return md_line(names) + md_line(std::vector<std::string>(names.size(), "---"));
}

std::string md_rows(const Matrix &m, const std::vector<Detector> &cols) {
  std::string out = md_header({"row", "component"}, cols);
  out.insert(out.find(" |\n"), " | false positives");
  out.insert(out.rfind(" |\n"), " | ---");
  for (const auto &row : m.rows) {
    std::vector<std::string> line = {markdown_text(row.id), markdown_text(row.component)};
    for (Detector d : cols) {
      const Cell *c = m.cell(row.id, d);
      line.push_back(md_cell(c, c && missed_claim(row, *c)));
    }
    std::string fp = false_positives(m, row);
    line.push_back(fp.empty() ? "—" : markdown_text(fp));
    out += md_line(line);
  }
  return out;
}

std::string md_clean(const Matrix &m, const std::vector<Detector> &cols) {
  std::string out = md_header({"clean counterpart", "what"}, cols);
  for (const auto &clean : m.clean) {
    std::vector<std::string> line = {markdown_text(clean.name), markdown_text(clean.what)};
    for (Detector d : cols) {
      const Cell *c = find_cell(clean.cells, d);
      line.push_back(md_cell(c, c && c->status == Status::false_alarm));
    }
    out += md_line(line);
  }
  return out;
}

std::string run_line(const Matrix &m) {
  std::string builds = markdown_text(m.builds.empty() ? "none" : join(m.builds, ", "));
  // Read off CTest results: nothing ran, so no budget, seeds or time of its own.
  if (m.source == "ctest")
    return "From the CTest results of the builds (each cell: the row's tests there); builds: " + builds + ".\n";
  std::string rule = m.budget_rule.empty() ? "" : " (" + markdown_text(m.budget_rule) + ")";
  return "Budget " + std::to_string(m.budget) + ", " + std::to_string(m.seeds) + " seeds" + rule + ", " +
         markdown_text(duration_text(m.seconds)) + " in all; source: " + markdown_text(m.source) +
         "; builds: " + builds + ".\n";
}

}  // namespace

std::string to_markdown(const Matrix &m) {
  auto cols = used_detectors(m);
  std::string out = "## Kill matrix\n\n" + md_rows(m, cols) +
                    "\nBold: a detector the row claims did not find it. —: the detector does not apply.\n";
  if (!m.clean.empty())
    out += "\n### Clean counterparts\n\n" + md_clean(m, cols);
  out += "\n" + run_line(m);
  auto failures = m.failures();
  if (!failures.empty())
    out += "\n### Failures\n\n" +
           join(mapped(failures, [](const std::string &f) { return "- " + markdown_text(f); }), "\n") + "\n";
  return out;
}

}  // namespace sc::km
