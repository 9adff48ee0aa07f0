// SPDX-License-Identifier: GPL-2.0-only
#include <api/page_frag_trace.h>

#include <sstream>

namespace sc::alloc {

std::string format_trace(const Trace &trace) {
  std::string out = "# splicecheck alloc " + std::string(profile_info(trace.profile).name);
  if (trace.bug)
    out += std::string(" ") + bug_info(*trace.bug).name;
  out += "\n";
  for (const auto &op : trace.ops)
    out += format_op(op) + "\n";
  return out;
}

std::optional<Trace> parse_trace(std::string_view text, std::string *why) {
  std::istringstream in{std::string(text)};
  std::string line;
  int lineno = 0;
  auto fail = [&](const std::string &msg) -> std::optional<Trace> {
    *why = "line " + std::to_string(lineno) + ": " + msg;
    return std::nullopt;
  };
  Trace trace;
  bool header = false;
  while (std::getline(in, line)) {
    lineno++;
    if (!header) {
      std::istringstream h(line);
      std::string hash, tool, component, profile, bug, extra;
      h >> hash >> tool >> component >> profile >> bug >> extra;
      if (hash != "#" || tool != "splicecheck")
        return fail("expected header '# splicecheck alloc <profile> [bug]'");
      if (component != "alloc")
        return fail("component '" + component + "' is not an allocator trace (expected alloc)");
      auto p = parse_profile(Component::alloc, profile);
      if (!p)
        return fail("unknown alloc profile '" + profile + "'");
      trace.profile = *p;
      if (!bug.empty()) {
        auto b = parse_bug(bug);
        if (!b || bug_info(*b).component != Component::alloc)
          return fail("unknown alloc bug '" + bug + "'");
        trace.bug = b;
      }
      if (!extra.empty())
        return fail("unexpected '" + extra + "' after the header");
      header = true;
      continue;
    }
    auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#')
      continue;
    std::string err;
    auto op = parse_op(line, &err);
    if (!op)
      return fail(err);
    trace.ops.push_back(*op);
  }
  if (!header)
    return fail("empty trace: expected header '# splicecheck alloc <profile> [bug]'");
  return trace;
}

}  // namespace sc::alloc
