// SPDX-License-Identifier: GPL-2.0-only
#include <api/op_text.h>

#include <sstream>

namespace sc {

std::optional<OpLine> split_op_line(std::string_view line, std::string *why) {
  std::istringstream in{std::string(line)};
  OpLine out;
  in >> out.name;
  for (std::string w; in >> w;) {
    auto eq = w.find('=');
    if (eq == std::string::npos || eq == 0) {
      *why = "expected key=value, not '" + w + "'";
      return std::nullopt;
    }
    out.fields.emplace_back(w.substr(0, eq), w.substr(eq + 1));
  }
  if (out.name.empty()) {
    *why = "empty op";
    return std::nullopt;
  }
  return out;
}

std::optional<TraceHeader> parse_trace_header(std::string_view line, Component c, std::string *why) {
  std::istringstream h{std::string(line)};
  std::string hash, tool, component, profile, bug, extra;
  h >> hash >> tool >> component >> profile >> bug >> extra;
  std::string want = std::string("'# splicecheck ") + component_name(c) + " <profile> [bug]'";
  if (hash != "#" || tool != "splicecheck") {
    *why = "expected header " + want;
    return std::nullopt;
  }
  if (component != component_name(c)) {
    *why = "component '" + component + "' is not " + component_name(c) + " (expected header " + want + ")";
    return std::nullopt;
  }
  auto p = parse_profile(c, profile);
  if (!p) {
    *why = "unknown " + std::string(component_name(c)) + " profile '" + profile + "'";
    return std::nullopt;
  }
  TraceHeader out{*p, std::nullopt};
  if (!bug.empty()) {
    out.bug = parse_bug(bug);
    if (!out.bug || bug_info(*out.bug).component != c) {
      *why = "unknown " + std::string(component_name(c)) + " bug '" + bug + "'";
      return std::nullopt;
    }
  }
  if (!extra.empty()) {
    *why = "unexpected '" + extra + "' after the header";
    return std::nullopt;
  }
  return out;
}

std::string format_trace_header(Component c, Profile p, std::optional<BugId> bug) {
  return std::string("# splicecheck ") + component_name(c) + " " + profile_info(p).name +
         (bug ? std::string(" ") + bug_info(*bug).name : "") + "\n";
}

}  // namespace sc
