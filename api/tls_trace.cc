// SPDX-License-Identifier: GPL-2.0-only
#include <api/tls_trace.h>

#include <api/op_text.h>

#include <algorithm>

namespace sc::tls {

std::string format_trace(const Trace &trace) {
  std::string out = format_trace_header(Component::tls, trace.profile, trace.bug);
  if (trace.path == Path::device)
    out += "path device\n";
  return out + format_scenario(trace.scenario) + "\n";
}

std::optional<Trace> parse_trace(std::string_view text, std::string *why) {
  Trace trace;
  bool header = false, scenario = false, path = false;
  TextLines lines(text);
  auto fail = [&](const std::string &what) {
    *why = "line " + std::to_string(std::max<size_t>(lines.number(), 1)) + ", " + what;
    return std::nullopt;
  };
  for (std::string_view line; lines.next(&line);) {
    std::string err;
    if (!header) {
      auto h = parse_trace_header(line, Component::tls, &err);
      if (!h)
        return fail(err);
      trace.profile = h->profile;
      trace.bug = h->bug;
      header = true;
      continue;
    }
    line = line.substr(0, line.find('#'));
    size_t first = line.find_first_not_of(" \t"), last = line.find_last_not_of(" \t");
    if (first == std::string_view::npos)
      continue;
    std::string col = "column " + std::to_string(first + 1) + ": ";
    if (scenario)
      return fail(col + "a tls trace holds one scenario line");
    if (line.substr(first).rfind("path ", 0) == 0) {
      if (path)
        return fail(col + "the path is given twice");
      size_t at = line.find_first_not_of(" \t", first + 5);
      auto p = at == std::string_view::npos ? std::string_view{} : line.substr(at, last + 1 - at);
      if (p != "sw" && p != "device")
        return fail("column " + std::to_string(at == std::string_view::npos ? line.size() + 1 : at + 1) +
                    ": path is sw or device, not '" + std::string(p) + "'");
      trace.path = p == "sw" ? Path::sw : Path::device;
      path = true;
      continue;
    }
    auto s = parse_scenario(line, &err);
    if (!s)
      return fail(err);
    trace.scenario = *s;
    scenario = true;
  }
  if (!header)
    return fail("column 1: expected header '# splicecheck tls <profile> [bug]'");
  if (!scenario)
    return fail("column 1: no scenario line after the header");
  return trace;
}

}  // namespace sc::tls
