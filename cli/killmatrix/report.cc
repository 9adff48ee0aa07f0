// SPDX-License-Identifier: GPL-2.0-only
#include <cli/killmatrix/report.h>

#include <cli/report.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <iterator>
#include <utility>
#include <vector>

namespace sc::km {
namespace {

// ---------------------------------------------------------------------------------------
// Facts and words shared by every report

std::string printf_text(const char *format, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, value);
  return buf;
}

std::string fixed3(double value) { return printf_text("%.3f", value); }

std::string join(const std::vector<std::string> &parts, const std::string &sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); i++)
    out += (i ? sep : "") + parts[i];
  return out;
}

template <typename Range, typename F> std::vector<std::string> mapped(const Range &items, F &&to_text) {
  std::vector<std::string> out;
  for (const auto &item : items)
    out.push_back(to_text(item));
  return out;
}

// HTML classes and data-status want one token: "not found" -> "not-found".
std::string status_token(Status s) {
  std::string token = status_name(s);
  std::replace(token.begin(), token.end(), ' ', '-');
  return token;
}

bool is_finding(Status s) { return s == Status::found || s == Status::partly; }
bool is_miss(Status s) { return s == Status::not_found || s == Status::partly || s == Status::failed; }
bool could_not_run(Status s) { return s == Status::not_built || s == Status::skipped; }

bool claims(const Row &row, Detector d) {
  return std::find(row.claims.begin(), row.claims.end(), detector_name(d)) != row.claims.end();
}

// What the gate fails on: a detector bugs.def says must find the row did not.
bool missed_claim(const Row &row, const Cell &c) { return claims(row, c.detector) && is_miss(c.status); }

const Row *find_row(const Matrix &m, const std::string &id) {
  auto it = std::find_if(m.rows.begin(), m.rows.end(), [&](const Row &r) { return r.id == id; });
  return it == m.rows.end() ? nullptr : &*it;
}

const Cell *find_cell(const std::vector<Cell> &cells, Detector d) {
  auto it = std::find_if(cells.begin(), cells.end(), [&](const Cell &c) { return c.detector == d; });
  return it == cells.end() ? nullptr : &*it;
}

int seeds_found(const Cell &c) {
  return static_cast<int>(
      std::count_if(c.attempts.begin(), c.attempts.end(), [](const Attempt &a) { return a.found; }));
}

uint64_t total_work(const Cell &c) {
  uint64_t sum = 0;
  for (const auto &a : c.attempts)
    sum += a.work;
  return sum;
}

double total_seconds(const Cell &c) {
  double sum = 0;
  for (const auto &a : c.attempts)
    sum += a.seconds;
  return sum;
}

// Units are plural nouns ("cases", "scenario ops"): one of them drops the s.
std::string count_text(uint64_t n, const std::string &unit) {
  if (unit.empty())
    return std::to_string(n);
  bool singular = n == 1 && unit.back() == 's';
  return std::to_string(n) + " " + (singular ? unit.substr(0, unit.size() - 1) : unit);
}

// Two significant digits: a time to detect is an order of magnitude, not a benchmark.
std::string duration_text(double seconds) {
  if (seconds < 0.001)
    return "<0.001 s";
  return printf_text(seconds < 100 ? "%.2g s" : "%.0f s", seconds);
}

std::string seeds_text(const Cell &c) {
  return std::to_string(seeds_found(c)) + "/" + std::to_string(c.attempts.size());
}

// {"12 cases", "0.03 s", "2 ops"}: medians over the seeds that found it, then the shrunk size.
std::vector<std::string> finding_figures(const Cell &c) {
  std::vector<std::string> figures;
  if (c.median_work)
    figures.push_back(count_text(*c.median_work, c.unit));
  if (c.median_seconds)
    figures.push_back(duration_text(*c.median_seconds));
  if (c.shrunk)
    figures.push_back(count_text(static_cast<uint64_t>(*c.shrunk), c.shrunk_unit));
  return figures;
}

std::string finding_cost(const Cell &c) { return join(finding_figures(c), ", "); }

// Columns: the detectors any cell or claim uses, in kDetectors order.
std::vector<Detector> used_detectors(const Matrix &m) {
  auto uses = [](const std::vector<Cell> &cells, Detector d) { return find_cell(cells, d) != nullptr; };
  std::vector<Detector> used;
  for (Detector d : kDetectors) {
    bool used_by_clean = std::any_of(m.clean.begin(), m.clean.end(), [&](const Clean &c) { return uses(c.cells, d); });
    bool claimed = std::any_of(m.rows.begin(), m.rows.end(), [&](const Row &r) { return claims(r, d); });
    if (uses(m.cells, d) || used_by_clean || claimed)
      used.push_back(d);
  }
  return used;
}

std::string attempt_line(const Attempt &a, const std::string &unit) {
  return "seed " + std::to_string(a.seed) + ": " + (a.found ? "found after " : "nothing in ") +
         count_text(a.work, unit) + ", " + duration_text(a.seconds);
}

// Everything a cell knows, one fact a line: HTML tooltips and JUnit failure bodies.
std::string cell_details(const Cell &c) {
  std::vector<std::string> lines = {c.row + " × " + detector_name(c.detector) + ": " + status_name(c.status)};
  for (const auto &a : c.attempts)
    lines.push_back(attempt_line(a, c.unit));
  if (c.shrunk)
    lines.push_back("shrunk to " + count_text(static_cast<uint64_t>(*c.shrunk), c.shrunk_unit));
  if (!c.replay.empty())
    lines.push_back("replay: " + c.replay);
  if (!c.note.empty())
    lines.push_back("note: " + c.note);
  return join(lines, "\n");
}

// ---------------------------------------------------------------------------------------
// JSON (docs/killmatrix.schema.json)

std::string quote(const std::string &s) { return cli::json_quote(s); }

// Values are JSON already.
using Fields = std::initializer_list<std::pair<const char *, std::string>>;

std::string json_fields(Fields fields, const std::string &sep) {
  std::vector<std::string> parts;
  for (const auto &[key, value] : fields)
    parts.push_back(quote(key) + ": " + value);
  return join(parts, sep);
}

std::string json_object(Fields fields) { return "{" + json_fields(fields, ", ") + "}"; }
std::string json_inline(const std::vector<std::string> &items) { return "[" + join(items, ", ") + "]"; }

// One item a line, so that two reports diff row by row.
std::string json_lines(const std::vector<std::string> &items) {
  return items.empty() ? "[]" : "[\n    " + join(items, ",\n    ") + "\n  ]";
}

template <typename T> std::string integer_or_null(const std::optional<T> &v) { return v ? std::to_string(*v) : "null"; }

std::string seconds_or_null(const std::optional<double> &v) { return v ? fixed3(*v) : "null"; }

std::string attempt_json(const Attempt &a) {
  return json_object({{"seed", std::to_string(a.seed)},
                      {"found", a.found ? "true" : "false"},
                      {"work", std::to_string(a.work)},
                      {"seconds", fixed3(a.seconds)}});
}

std::string cell_json(const Cell &c) {
  return json_object({{"row", quote(c.row)},
                      {"detector", quote(detector_name(c.detector))},
                      {"status", quote(status_name(c.status))},
                      {"unit", quote(c.unit)},
                      {"attempts", json_inline(mapped(c.attempts, attempt_json))},
                      {"median_work", integer_or_null(c.median_work)},
                      {"median_seconds", seconds_or_null(c.median_seconds)},
                      {"shrunk", integer_or_null(c.shrunk)},
                      {"shrunk_unit", quote(c.shrunk_unit)},
                      {"replay", quote(c.replay)},
                      {"note", quote(c.note)}});
}

std::string row_json(const Row &r) {
  return json_object({{"id", quote(r.id)},
                      {"component", quote(r.component)},
                      {"kind", quote(r.kind)},
                      {"claims", json_inline(mapped(r.claims, quote))},
                      {"profile", quote(r.profile)},
                      {"clean", quote(r.clean)},
                      {"help", quote(r.help)}});
}

std::string clean_json(const Clean &c) {
  return json_object(
      {{"name", quote(c.name)}, {"what", quote(c.what)}, {"cells", json_inline(mapped(c.cells, cell_json))}});
}

// ---------------------------------------------------------------------------------------
// Markdown

// Keeps a text inside its table cell: a `|` would end it, a newline the row, `<` start HTML.
std::string md_text(const std::string &s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '<')
      out += "&lt;";
    else
      out += c == '\n' ? ' ' : c;
  }
  return out;
}

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
  return bold ? "**" + md_words(*c) + "**" : md_words(*c);
}

std::string md_line(const std::vector<std::string> &cells) { return "| " + join(cells, " | ") + " |\n"; }

// The false-positive column: what the row's clean counterpart (the same detectors, no
// bug in effect) showed. Empty when the row names none (a matrix read off CTest).
std::string false_positives(const Matrix &m, const Row &row) {
  auto cl = std::find_if(m.clean.begin(), m.clean.end(), [&](const Clean &c) { return c.name == row.clean; });
  if (cl == m.clean.end() || cl->cells.empty())
    return "";
  bool alarm = std::any_of(cl->cells.begin(), cl->cells.end(), [](const Cell &c) {
    return c.status == Status::false_alarm || c.status == Status::failed;
  });
  bool ran = std::any_of(cl->cells.begin(), cl->cells.end(), [](const Cell &c) { return c.status == Status::clean; });
  return std::string(alarm ? "FALSE ALARM" : ran ? "none" : "not run") + " (" + cl->name + ")";
}

std::string md_header(const std::vector<std::string> &first, const std::vector<Detector> &cols) {
  auto names = first;
  for (Detector d : cols)
    names.push_back(detector_name(d));
  return md_line(names) + md_line(std::vector<std::string>(names.size(), "---"));
}

std::string md_rows(const Matrix &m, const std::vector<Detector> &cols) {
  std::string out = md_header({"row", "component"}, cols);
  out.insert(out.find(" |\n"), " | false positives");
  out.insert(out.rfind(" |\n"), " | ---");
  for (const auto &row : m.rows) {
    std::vector<std::string> line = {md_text(row.id), md_text(row.component)};
    for (Detector d : cols) {
      const Cell *c = m.cell(row.id, d);
      line.push_back(md_cell(c, c && missed_claim(row, *c)));
    }
    std::string fp = false_positives(m, row);
    line.push_back(fp.empty() ? "—" : md_text(fp));
    out += md_line(line);
  }
  return out;
}

std::string md_clean(const Matrix &m, const std::vector<Detector> &cols) {
  std::string out = md_header({"clean counterpart", "what"}, cols);
  for (const auto &clean : m.clean) {
    std::vector<std::string> line = {md_text(clean.name), md_text(clean.what)};
    for (Detector d : cols) {
      const Cell *c = find_cell(clean.cells, d);
      line.push_back(md_cell(c, c && c->status == Status::false_alarm));
    }
    out += md_line(line);
  }
  return out;
}

std::string run_line(const Matrix &m) {
  // Read off CTest results: nothing ran, so no budget, seeds or time of its own.
  if (m.source == "ctest")
    return "From the CTest results of the builds (each cell: the row's tests there); builds: " +
           md_text(m.builds.empty() ? "none" : join(m.builds, ", ")) + ".\n";
  std::string rule = m.budget_rule.empty() ? "" : " (" + md_text(m.budget_rule) + ")";
  return "Budget " + std::to_string(m.budget) + ", " + std::to_string(m.seeds) + " seeds" + rule + ", " +
         duration_text(m.seconds) + " in all; source: " + md_text(m.source) +
         "; builds: " + md_text(m.builds.empty() ? "none" : join(m.builds, ", ")) + ".\n";
}

// ---------------------------------------------------------------------------------------
// HTML

// Also right for XML: newlines survive in attributes, and the control characters XML
// forbids become U+FFFD.
std::string html(const std::string &s) {
  static const std::pair<char, const char *> entities[] = {{'&', "&amp;"},  {'<', "&lt;"},   {'>', "&gt;"},
                                                           {'"', "&quot;"}, {'\'', "&#39;"}, {'\n', "&#10;"},
                                                           {'\t', "&#9;"},  {'\r', "&#13;"}};
  std::string out;
  for (char c : s) {
    auto it = std::find_if(std::begin(entities), std::end(entities), [c](const auto &e) { return e.first == c; });
    if (it != std::end(entities))
      out += it->second;
    else
      out += static_cast<unsigned char>(c) < 0x20 ? "\xEF\xBF\xBD" : std::string(1, c);
  }
  return out;
}

std::string attr(const char *name, const std::string &value) {
  return std::string(" ") + name + "=\"" + html(value) + "\"";
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
    return join(mapped(texts, [](const std::string &t) { return "<span>" + html(t) + "</span>"; }), " · ");
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
    return html(c.note);
  }
}

std::string html_td(const Cell &c, const char *key_attr, bool claimed, bool missed) {
  std::string cls = status_token(c.status) + (claimed ? " claimed" : "") + (missed ? " missed" : "");
  std::string detail = html_detail(c);
  return "<td" + attr("class", cls) + attr(key_attr, c.row) + attr("data-detector", detector_name(c.detector)) +
         attr("data-status", status_token(c.status)) + attr("title", cell_details(c)) + ">" + html(html_headline(c)) +
         (detail.empty() ? "" : "<small>" + detail + "</small>") + "</td>";
}

std::string html_head_row(const std::string &first, const std::vector<Detector> &cols) {
  std::string out = "<thead><tr>" + first;
  for (Detector d : cols)
    out += "<th>" + html(detector_name(d)) + "</th>";
  return out + "</tr></thead>\n";
}

std::string html_matrix_row(const Matrix &m, const Row &row, const std::vector<Detector> &cols) {
  std::string out =
      "<tr><th" + attr("title", row.help) + ">" + html(row.id) + "<small>" + html(row.kind) + "</small></th>";
  for (Detector d : cols) {
    const Cell *c = m.cell(row.id, d);
    out += c ? html_td(*c, "data-row", claims(row, d), missed_claim(row, *c)) : "<td class=\"na\"></td>";
  }
  std::string fp = false_positives(m, row);
  if (fp.empty())
    return out + "<td class=\"na\"></td></tr>\n";
  bool alarm = fp.rfind("FALSE", 0) == 0;
  return out + "<td class=\"fp " + (alarm ? "false-alarm" : "clean") + "\"" + attr("data-clean-of", row.id) + ">" +
         html(fp) + "</td></tr>\n";
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
    out += "<tr class=\"group\"><th" + attr("colspan", std::to_string(cols.size() + 2)) + ">" + html(component) +
           "</th></tr>\n";
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
    out +=
        "<tr><th" + attr("title", clean.what) + ">" + html(clean.name) + "<small>" + html(clean.what) + "</small></th>";
    for (Detector d : cols) {
      const Cell *c = find_cell(clean.cells, d);
      out += c ? html_td(*c, "data-clean", false, false) : "<td class=\"na\"></td>";
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

// --- time-to-detect chart: one bar per finding, log10 seconds from 1 ms ---

// A fixed colour per detector, so that charts of different runs compare at a glance.
const char *detector_colour(Detector d) {
  static const char *const colours[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                        "#d4a514", "#b07aa1", "#ff9da7", "#9c755f"};
  static_assert(std::size(colours) == std::size(kDetectors));
  return colours[static_cast<size_t>(d)];
}

std::string svg_number(double v) { return printf_text("%.1f", v); }

std::string decade_text(int exponent) {
  return exponent < 0 ? printf_text("%.0f ms", std::pow(10.0, exponent + 3))
                      : printf_text("%.0f s", std::pow(10.0, exponent));
}

struct ChartLayout {
  static constexpr int kFloorExponent = -3;  // 1 ms: faster findings are drawn as 1 ms
  static constexpr double kPitch = 22, kBarHeight = 14, kTop = 34, kPlotWidth = 560, kValueWidth = 190;
  double label_width;
  int top_exponent;  // the axis ends at 10^top_exponent seconds
  size_t bars;

  double x0() const { return label_width; }
  double bar_y(size_t i) const { return kTop + kPitch * static_cast<double>(i); }
  double plot_bottom() const { return bar_y(bars) + 2; }
  double width() const { return label_width + kPlotWidth + kValueWidth; }
  double height() const { return plot_bottom() + 20; }
  double x(double seconds) const {
    double decades = std::log10(std::max(seconds, 1e-3)) - kFloorExponent;
    return x0() + kPlotWidth * decades / (top_exponent - kFloorExponent);
  }
};

std::string bar_label(const Cell &c) { return c.row + " · " + detector_name(c.detector); }

ChartLayout chart_layout(const std::vector<const Cell *> &bars) {
  size_t longest = 0;
  double slowest = 0;
  for (const Cell *c : bars) {
    longest = std::max(longest, bar_label(*c).size());
    slowest = std::max(slowest, *c->median_seconds);
  }
  int top = std::max(ChartLayout::kFloorExponent + 1, static_cast<int>(std::ceil(std::log10(std::max(slowest, 1e-3)))));
  return {std::max(110.0, 7.0 * static_cast<double>(longest) + 16), top, bars.size()};
}

std::string chart_legend(const std::vector<const Cell *> &bars, const ChartLayout &layout) {
  std::string out;
  double x = layout.x0();
  for (Detector d : kDetectors) {
    if (std::none_of(bars.begin(), bars.end(), [&](const Cell *c) { return c->detector == d; }))
      continue;
    out += "<rect class=\"key\"" + attr("x", svg_number(x)) + " y=\"8\" width=\"11\" height=\"11\"" +
           attr("fill", detector_colour(d)) + "/><text" + attr("x", svg_number(x + 15)) + " y=\"18\">" +
           html(detector_name(d)) + "</text>\n";
    x += 15 + 7.5 * static_cast<double>(std::string(detector_name(d)).size()) + 18;
  }
  return out;
}

std::string chart_axis(const ChartLayout &layout) {
  std::string out;
  for (int e = ChartLayout::kFloorExponent; e <= layout.top_exponent; e++) {
    std::string x = svg_number(layout.x(std::pow(10.0, e)));
    out += "<line class=\"grid\"" + attr("x1", x) + attr("x2", x) + attr("y1", svg_number(ChartLayout::kTop - 4)) +
           attr("y2", svg_number(layout.plot_bottom())) + "/><text class=\"tick\" text-anchor=\"middle\"" +
           attr("x", x) + attr("y", svg_number(layout.plot_bottom() + 14)) + ">" + decade_text(e) + "</text>\n";
  }
  return out;
}

std::string chart_bar(const Cell &c, size_t i, const ChartLayout &layout) {
  double seconds = *c.median_seconds;
  double y = layout.bar_y(i), width = std::max(3.0, layout.x(seconds) - layout.x0());
  std::string value = duration_text(seconds) + (c.median_work ? " · " + count_text(*c.median_work, c.unit) : "") +
                      (c.status == Status::partly ? " · " + seeds_text(c) + " seeds" : "");
  std::string text_y = svg_number(y + ChartLayout::kBarHeight - 3);
  return "<text text-anchor=\"end\"" + attr("x", svg_number(layout.x0() - 8)) + attr("y", text_y) + ">" +
         html(bar_label(c)) + "</text><rect" + attr("class", c.status == Status::partly ? "bar partly" : "bar") +
         attr("data-row", c.row) + attr("data-detector", detector_name(c.detector)) +
         attr("x", svg_number(layout.x0())) + attr("y", svg_number(y)) + attr("width", svg_number(width)) +
         attr("height", svg_number(ChartLayout::kBarHeight)) + attr("fill", detector_colour(c.detector)) +
         (c.status == Status::partly ? " fill-opacity=\"0.5\"" : "") + "><title>" + html(cell_details(c)) +
         "</title></rect><text class=\"value\"" + attr("x", svg_number(layout.x0() + width + 6)) + attr("y", text_y) +
         ">" + html(value) + "</text>\n";
}

std::string html_chart(const Matrix &m) {
  std::vector<const Cell *> bars;
  for (const auto &c : m.cells)
    if (is_finding(c.status) && c.median_seconds)
      bars.push_back(&c);
  ChartLayout layout = chart_layout(bars);
  std::string out = "<h2>Time to detect</h2>\n<p class=\"hint\">Median seconds to the first finding over the seeds "
                    "that found it; log scale, 1 ms and below drawn as 1 ms; pale bars: found by some seeds "
                    "only.</p>\n<svg id=\"ttd-chart\" xmlns=\"http://www.w3.org/2000/svg\"" +
                    attr("width", svg_number(layout.width())) + attr("height", svg_number(layout.height())) +
                    attr("viewBox", "0 0 " + svg_number(layout.width()) + " " + svg_number(layout.height())) + ">\n";
  if (bars.empty())
    out += "<text x=\"0\" y=\"18\">no detector found anything</text>\n";
  out += chart_legend(bars, layout) + chart_axis(layout);
  for (size_t i = 0; i < bars.size(); i++)
    out += chart_bar(*bars[i], i, layout);
  return out + "</svg>\n";
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
                                    "</b> seeds · <b>" + html(duration_text(m.seconds)) + "</b>") +
         " · source <b>" + html(m.source) + "</b></p>\n";
}

std::string html_legend() {
  std::string out = "<div class=\"legend\">";
  for (Status s : {Status::found, Status::partly, Status::not_found, Status::failed, Status::not_built, Status::skipped,
                   Status::clean, Status::false_alarm})
    out += "<span" + attr("class", status_token(s)) + ">" + html(status_name(s)) + "</span>";
  return out + "<span class=\"na claimed\">claimed by the row &nbsp;&nbsp;</span>"
               "<span class=\"not-found missed\">claimed, not found</span></div>\n";
}

std::string html_failures(const std::vector<std::string> &failures) {
  if (failures.empty())
    return "";
  return "<h2>Failures</h2>\n<ul class=\"failures\">\n" +
         join(mapped(failures, [](const std::string &f) { return "<li>" + html(f) + "</li>"; }), "\n") + "\n</ul>\n";
}

// ---------------------------------------------------------------------------------------
// SARIF 2.1.0

std::string sarif_rule(const Row &row) {
  return json_object({{"id", quote(row.id)},
                      {"shortDescription", json_object({{"text", quote(row.help.empty() ? row.id : row.help)}})},
                      {"properties", json_object({{"component", quote(row.component)},
                                                  {"kind", quote(row.kind)},
                                                  {"claims", json_inline(mapped(row.claims, quote))}})}});
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
  auto location = json_object({{"name", quote(c.row)}});
  return json_object({{"ruleId", quote(rule)},
                      {"level", quote(alarm ? "error" : "note")},
                      {"message", json_object({{"text", quote(sarif_message(c, subject))}})},
                      {"locations", json_inline({json_object({{"logicalLocations", json_inline({location})}})})},
                      {"properties", json_object({{"detector", quote(detector_name(c.detector))},
                                                  {"status", quote(status_name(c.status))},
                                                  {"median_work", integer_or_null(c.median_work)},
                                                  {"unit", quote(c.unit)},
                                                  {"shrunk", integer_or_null(c.shrunk)},
                                                  {"replay", quote(c.replay)}})}});
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

// ---------------------------------------------------------------------------------------
// JUnit

struct TestCase {
  std::string name;
  const Cell *cell;
  enum { passed, failed, skipped } outcome;
  std::string message;
};

TestCase row_case(const Row &row, const Cell &c) {
  std::string detector = detector_name(c.detector);
  if (c.status == Status::partly)
    return {row.id, &c, TestCase::failed, "found by " + detector + " with only " + seeds_text(c) + " seeds"};
  if (is_miss(c.status))
    return {row.id, &c, TestCase::failed, std::string(status_name(c.status)) + " by " + detector};
  if (could_not_run(c.status))
    return {row.id, &c, TestCase::skipped, std::string(status_name(c.status)) + ": " + c.note};
  return {row.id, &c, TestCase::passed, ""};
}

TestCase clean_case(const Clean &clean, const Cell &c) {
  std::string name = "clean:" + clean.name;
  if (c.status == Status::false_alarm)
    return {name, &c, TestCase::failed,
            "false alarm: " + std::string(detector_name(c.detector)) + " reported a finding"};
  if (c.status == Status::failed)
    return {name, &c, TestCase::failed, "failed: " + c.note};
  if (could_not_run(c.status))
    return {name, &c, TestCase::skipped, std::string(status_name(c.status)) + ": " + c.note};
  return {name, &c, TestCase::passed, ""};
}

// Rows count only with the detectors they claim; a detector that merely ran is no test.
std::vector<TestCase> junit_cases(const Matrix &m) {
  std::vector<TestCase> cases;
  for (const auto &c : m.cells)
    if (const Row *row = find_row(m, c.row); row && claims(*row, c.detector))
      cases.push_back(row_case(*row, c));
  for (const auto &clean : m.clean)
    for (const auto &c : clean.cells)
      cases.push_back(clean_case(clean, c));
  return cases;
}

std::string junit_case_xml(const TestCase &t) {
  std::string open = "    <testcase" + attr("classname", std::string("killmatrix.") + detector_name(t.cell->detector)) +
                     attr("name", t.name) + attr("time", fixed3(total_seconds(*t.cell)));
  switch (t.outcome) {
  case TestCase::failed:
    return open + ">\n      <failure" + attr("message", t.message) + attr("type", status_name(t.cell->status)) + ">" +
           html(cell_details(*t.cell)) + "</failure>\n    </testcase>\n";
  case TestCase::skipped:
    return open + ">\n      <skipped" + attr("message", t.message) + "/>\n    </testcase>\n";
  default:
    return open + "/>\n";
  }
}

}  // namespace

std::string to_json(const Matrix &m) {
  return "{\n  " +
         json_fields(
             {{"tool", quote("splicecheck")},
              {"report", quote("killmatrix")},
              {"schema", "1"},
              {"source", quote(m.source)},
              {"budget", std::to_string(m.budget)},
              {"seeds", std::to_string(m.seeds)},
              {"budget_rule", quote(m.budget_rule)},
              {"seconds", fixed3(m.seconds)},
              {"builds", json_inline(mapped(m.builds, quote))},
              {"detectors", json_inline(mapped(kDetectors, [](Detector d) { return quote(detector_name(d)); }))},
              {"rows", json_lines(mapped(m.rows, row_json))},
              {"cells", json_lines(mapped(m.cells, cell_json))},
              {"clean", json_lines(mapped(m.clean, clean_json))},
              {"failures", json_lines(mapped(m.failures(), quote))}},
             ",\n  ") +
         "\n}\n";
}

std::string to_markdown(const Matrix &m) {
  auto cols = used_detectors(m);
  std::string out = "## Kill matrix\n\n" + md_rows(m, cols) +
                    "\nBold: a detector the row claims did not find it. —: the detector does not apply.\n";
  if (!m.clean.empty())
    out += "\n### Clean counterparts\n\n" + md_clean(m, cols);
  out += "\n" + run_line(m);
  auto failures = m.failures();
  if (!failures.empty())
    out += "\n### Failures\n\n" + join(mapped(failures, [](const std::string &f) { return "- " + md_text(f); }), "\n") +
           "\n";
  return out;
}

std::string to_html(const Matrix &m) {
  auto cols = used_detectors(m);
  auto failures = m.failures();
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<title>splicecheck kill matrix</title>\n<style>" +
                    std::string(kCss) + "</style>\n</head>\n<body>\n<h1>splicecheck kill matrix</h1>\n" +
                    html_summary(m, failures.size()) + html_legend() + html_matrix(m, cols);
  if (!m.clean.empty())
    out += html_clean(m, cols);
  out += html_chart(m) + html_failures(failures);
  return out + "<p class=\"footer\">Budget rule: " + html(m.budget_rule) +
         ". Builds: " + html(m.builds.empty() ? "none" : join(m.builds, ", ")) +
         ". Hover a cell for its seeds and replay command.</p>\n</body>\n</html>\n";
}

std::string to_sarif(const Matrix &m) {
  auto driver = json_object({{"name", quote("splicecheck")}, {"rules", json_lines(mapped(m.rows, sarif_rule))}});
  auto run = "{\"tool\": {\"driver\": " + driver + "},\n  \"results\": " + json_lines(sarif_results(m)) + "}";
  return "{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\", \"version\": \"2.1.0\",\n \"runs\": [" +
         run + "]}\n";
}

std::string to_junit(const Matrix &m) {
  auto cases = junit_cases(m);
  auto count = [&](auto outcome) {
    return std::to_string(
        std::count_if(cases.begin(), cases.end(), [&](const TestCase &t) { return t.outcome == outcome; }));
  };
  std::string attrs = attr("tests", std::to_string(cases.size())) + attr("failures", count(TestCase::failed)) +
                      attr("skipped", count(TestCase::skipped)) + attr("time", fixed3(m.seconds));
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites" + attrs + ">\n  <testsuite" +
                    attr("name", "killmatrix") + attrs + ">\n";
  for (const auto &t : cases)
    out += junit_case_xml(t);
  return out + "  </testsuite>\n</testsuites>\n";
}

}  // namespace sc::km
