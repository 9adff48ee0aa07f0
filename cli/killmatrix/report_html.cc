// SPDX-License-Identifier: GPL-2.0-only
// The kill matrix as one HTML page for people: the matrix, the clean counterparts, the
// time-to-detect chart (report_svg_chart.cc) and the failures. No script; every text and
// attribute value goes through sc::xml_escape, right for HTML as for XML.
#include <cli/killmatrix/report.h>
#include <cli/killmatrix/report_facts.h>
#include <cli/killmatrix/report_svg_chart.h>

#include <api/text_escape.h>

#include <algorithm>
#include <initializer_list>

namespace sc::km {
using namespace facts;
namespace {

// HTML classes and data-status want one token: "not found" -> "not-found".
std::string status_token(Status s) {
  std::string token = status_name(s);
  std::replace(token.begin(), token.end(), ' ', '-');
  return token;
}

constexpr const char *kCss = R"(
body { font: 14px/1.4 system-ui, "DejaVu Sans", sans-serif; color: #1f2328; margin: 24px 32px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 28px 0 6px; }
p.summary { margin: 0 0 10px; color: #57606a; }
p.summary b { color: #1f2328; }
p.summary b.bad { color: #b42318; }
p.hint, p.footer { color: #57606a; font-size: 12px; margin: 4px 0 8px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px; margin: 0 0 14px; font-size: 12px; }
.legend span { padding: 1px 8px; border-radius: 3px; }
table { border-collapse: separate; border-spacing: 2px; font-size: 13px; }
th, td { padding: 3px 8px; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #d0d7de; white-space: nowrap; }
tbody th { white-space: nowrap; font-weight: 600; }
tbody th small { font-weight: 400; color: #6e7781; margin-left: 6px; }
tr.group th { background: #eef1f4; color: #424a53; font-size: 11px; text-transform: uppercase; letter-spacing: .05em; }
td { min-width: 6em; border-radius: 3px; }
td small { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; overflow: hidden;
           font-size: 11px; opacity: .85; max-width: 11em; }
td small span { white-space: nowrap; }
#clean tbody th { white-space: normal; }
#clean tbody th small { display: block; margin: 0; max-width: 24em; }
.found, .clean { background-color: #d4f0da; color: #14532d; }
.partly { background-color: #ffe4ad; color: #7a4500; }
.not-found, .false-alarm, .failed { background-color: #fcd6d3; color: #8c1d18; }
.failed { outline: 1px dashed #b42318; outline-offset: -3px; }
.not-built, .skipped { background-color: #eceff2; color: #5c6670; }
td.na { background-color: #f7f8fa; }
td.fp { font-size: 11px; max-width: 12em; }
td.claimed, .legend .claimed { background-image: linear-gradient(225deg, #1f2328 6px, transparent 6px); }
td.missed, td.false-alarm, .legend .missed { font-weight: 700; box-shadow: inset 0 0 0 2px #b42318; }
#ttd-chart text { font: 12px system-ui, "DejaVu Sans", sans-serif; fill: #1f2328; }
#ttd-chart .tick { fill: #6e7781; font-size: 11px; }
#ttd-chart .grid { stroke: #e4e7eb; }
#ttd-chart .value { fill: #57606a; font-size: 11px; }
ul.failures { color: #8c1d18; padding-left: 20px; }
)";

std::string html_headline(const Cell &c) {
  switch (c.status) {
  case Status::partly:
    return "partly " + seeds_text(c);
  case Status::false_alarm:
    return "FALSE ALARM";
  default:
    return status_name(c.status);
  }
}

// The small print under the headline: figures, each kept on one line, or why it did not run.
std::string html_detail(const Cell &c) {
  auto figures = [](const std::vector<std::string> &texts) {
    return join(mapped(texts, [](const std::string &t) { return "<span>" + xml_escape(t) + "</span>"; }), " · ");
  };
  switch (c.status) {
  case Status::found:
  case Status::partly:
  case Status::false_alarm:
    return figures(finding_figures(c));
  case Status::not_found:
    return figures({"in " + count_text(total_work(c), c.unit)});
  case Status::clean:
    return figures({count_text(total_work(c), c.unit)});
  default:
    return xml_escape(c.note);
  }
}

std::string html_td(const Cell &c, const char *key_attr, bool claimed, bool missed) {
  std::string cls = status_token(c.status) + (claimed ? " claimed" : "") + (missed ? " missed" : "");
  std::string detail = html_detail(c);
  return "<td" + xml_attr("class", cls) + xml_attr(key_attr, c.row) +
         xml_attr("data-detector", detector_name(c.detector)) + xml_attr("data-status", status_token(c.status)) +
         xml_attr("title", cell_details(c)) + ">" + xml_escape(html_headline(c)) +
         (detail.empty() ? "" : "<small>" + detail + "</small>") + "</td>";
}

std::string html_head_row(const std::string &first, const std::vector<Detector> &cols) {
  std::string out = "<thead><tr>" + first;
  for (Detector d : cols)
    out += "<th>" + xml_escape(detector_name(d)) + "</th>";
  return out + "</tr></thead>\n";
}

std::string html_matrix_row(const Matrix &m, const Row &row, const std::vector<Detector> &cols) {
  std::string out = "<tr><th" + xml_attr("title", row.help) + ">" + xml_escape(row.id) + "<small>" +
                    xml_escape(row.kind) + "</small></th>";
  for (Detector d : cols) {
    const Cell *c = m.cell(row.id, d);
    out += c ? html_td(*c, "data-row", claims(row, d), missed_claim(row, *c)) : "<td class=\"na\"></td>";
  }
  std::string fp = false_positives(m, row);
  if (fp.empty())
    return out + "<td class=\"na\"></td></tr>\n";
  bool alarm = fp.rfind("FALSE", 0) == 0;
  return out + "<td class=\"fp " + (alarm ? "false-alarm" : "clean") + "\"" + xml_attr("data-clean-of", row.id) + ">" +
         xml_escape(fp) + "</td></tr>\n";
}

// Rows grouped by component, components in order of first appearance.
std::string html_matrix(const Matrix &m, const std::vector<Detector> &cols) {
  std::vector<std::string> components;
  for (const auto &row : m.rows)
    if (std::find(components.begin(), components.end(), row.component) == components.end())
      components.push_back(row.component);
  std::string head = html_head_row("<th>row</th>", cols);
  head.insert(head.rfind("</tr>"), "<th>false positives</th>");
  std::string out = "<table id=\"killmatrix\">\n" + head + "<tbody>\n";
  for (const auto &component : components) {
    out += "<tr class=\"group\"><th" + xml_attr("colspan", std::to_string(cols.size() + 2)) + ">" +
           xml_escape(component) + "</th></tr>\n";
    for (const auto &row : m.rows)
      if (row.component == component)
        out += html_matrix_row(m, row, cols);
  }
  return out + "</tbody>\n</table>\n";
}

std::string html_clean(const Matrix &m, const std::vector<Detector> &cols) {
  std::string out = "<h2>Clean counterparts</h2>\n<p class=\"hint\">The same runs with no bug in effect: each must "
                    "show nothing.</p>\n<table id=\"clean\">\n" +
                    html_head_row("<th>clean counterpart</th>", cols) + "<tbody>\n";
  for (const auto &clean : m.clean) {
    out += "<tr><th" + xml_attr("title", clean.what) + ">" + xml_escape(clean.name) + "<small>" +
           xml_escape(clean.what) + "</small></th>";
    for (Detector d : cols) {
      const Cell *c = find_cell(clean.cells, d);
      out += c ? html_td(*c, "data-clean", false, false) : "<td class=\"na\"></td>";
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

std::string html_summary(const Matrix &m, size_t failures) {
  auto count = [&](Status s) {
    return std::to_string(std::count_if(m.cells.begin(), m.cells.end(), [&](const Cell &c) { return c.status == s; }));
  };
  return "<p class=\"summary\"><b>" + std::to_string(m.rows.size()) + "</b> rows · <b>" + count(Status::found) +
         "</b> found · <b>" + count(Status::partly) + "</b> partly · <b" + (failures ? " class=\"bad\"" : "") + ">" +
         std::to_string(failures) + "</b> failures · " +
         (m.source == "ctest" ? std::string("from the builds' CTest results")
                              : "budget <b>" + std::to_string(m.budget) + "</b> · <b>" + std::to_string(m.seeds) +
                                    "</b> seeds · <b>" + xml_escape(duration_text(m.seconds)) + "</b>") +
         " · source <b>" + xml_escape(m.source) + "</b></p>\n";
}

std::string html_legend() {
  std::string out = "<div class=\"legend\">";
  for (Status s : {Status::found, Status::partly, Status::not_found, Status::failed, Status::not_built, Status::skipped,
                   Status::clean, Status::false_alarm})
    out += "<span" + xml_attr("class", status_token(s)) + ">" + xml_escape(status_name(s)) + "</span>";
  return out + "<span class=\"na claimed\">claimed by the row &nbsp;&nbsp;</span>"
               "<span class=\"not-found missed\">claimed, not found</span></div>\n";
}

std::string html_failures(const std::vector<std::string> &failures) {
  if (failures.empty())
    return "";
  return "<h2>Failures</h2>\n<ul class=\"failures\">\n" +
         join(mapped(failures, [](const std::string &f) { return "<li>" + xml_escape(f) + "</li>"; }), "\n") +
         "\n</ul>\n";
}

}  // namespace

std::string to_html(const Matrix &m) {
  auto cols = used_detectors(m);
  auto failures = m.failures();
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<title>splicecheck kill matrix</title>\n<style>" +
                    std::string(kCss) + "</style>\n</head>\n<body>\n<h1>splicecheck kill matrix</h1>\n" +
                    html_summary(m, failures.size()) + html_legend() + html_matrix(m, cols);
  if (!m.clean.empty())
    out += html_clean(m, cols);
  out += svg_chart(m) + html_failures(failures);
  return out + "<p class=\"footer\">Budget rule: " + xml_escape(m.budget_rule) +
         ". Builds: " + xml_escape(m.builds.empty() ? "none" : join(m.builds, ", ")) +
         ". Hover a cell for its seeds and replay command.</p>\n</body>\n</html>\n";
}

}  // namespace sc::km
