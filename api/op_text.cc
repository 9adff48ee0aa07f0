// SPDX-License-Identifier: GPL-2.0-only
#include <api/op_text.h>

namespace sc {
namespace {

constexpr bool blank(char c) { return c == ' ' || c == '\t'; }

// Blank-separated words of a line with their 1-based columns.
std::vector<std::pair<std::string_view, size_t>> words(std::string_view line) {
  std::vector<std::pair<std::string_view, size_t>> out;
  for (size_t pos = 0; pos < line.size();) {
    while (pos < line.size() && blank(line[pos]))
      pos++;
    size_t start = pos;
    while (pos < line.size() && !blank(line[pos]))
      pos++;
    if (pos > start)
      out.emplace_back(line.substr(start, pos - start), start + 1);
  }
  return out;
}

}  // namespace

std::optional<OpLine> split_op_line(std::string_view line, std::string *why) {
  auto ws = words(line);
  if (ws.empty()) {
    *why = "column 1: empty op";
    return std::nullopt;
  }
  OpLine out;
  out.name = ws[0].first;
  out.col = ws[0].second;
  for (size_t i = 1; i < ws.size(); i++) {
    auto [w, col] = ws[i];
    auto eq = w.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      *why = "column " + std::to_string(col) + ": expected key=value, not '" + std::string(w) + "'";
      return std::nullopt;
    }
    out.fields.push_back({std::string(w.substr(0, eq)), std::string(w.substr(eq + 1)), col + eq + 1});
  }
  return out;
}

std::optional<TraceHeader> parse_trace_header(std::string_view line, Component c, std::string *why) {
  auto ws = words(line);
  auto word = [&](size_t i) { return i < ws.size() ? std::string(ws[i].first) : std::string(); };
  auto col = [&](size_t i) { return "column " + std::to_string(i < ws.size() ? ws[i].second : line.size() + 1) + ": "; };
  std::string want = std::string("'# splicecheck ") + component_name(c) + " <profile> [bug]'";
  if (word(0) != "#" || word(1) != "splicecheck") {
    *why = col(0) + "expected header " + want;
    return std::nullopt;
  }
  if (word(2) != component_name(c)) {
    *why = col(2) + "component '" + word(2) + "' is not " + component_name(c) + " (expected header " + want + ")";
    return std::nullopt;
  }
  auto p = parse_profile(c, word(3));
  if (!p) {
    *why = col(3) + "unknown " + std::string(component_name(c)) + " profile '" + word(3) + "'";
    return std::nullopt;
  }
  TraceHeader out{*p, std::nullopt};
  if (ws.size() > 4) {
    std::string bug = word(4);
    out.bug = parse_bug(bug);
    if (!out.bug || bug_info(*out.bug).component != c) {
      *why = col(4) + "unknown " + std::string(component_name(c)) + " bug '" + bug + "'";
      return std::nullopt;
    }
    const auto &b = bug_info(*out.bug);
    // A race shows only under the explorer, an observation only in its witness: no op
    // trace can show either.
    if (b.kind != BugKind::profile && b.kind != BugKind::mutant) {
      *why = col(4) + "'" + bug + "' is a " + kind_name(b.kind) + " row; a trace names a profile or mutant row";
      return std::nullopt;
    }
    if (!b.covers(*p)) {
      *why = col(4) + "row '" + bug + "' does not apply to profile " + word(3);
      return std::nullopt;
    }
  }
  if (ws.size() > 5) {
    *why = col(5) + "unexpected '" + word(5) + "' after the header";
    return std::nullopt;
  }
  return out;
}

std::string format_trace_header(Component c, Profile p, std::optional<BugId> bug) {
  return std::string("# splicecheck ") + component_name(c) + " " + profile_info(p).name +
         (bug ? std::string(" ") + bug_info(*bug).name : "") + "\n";
}

}  // namespace sc
