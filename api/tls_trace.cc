// SPDX-License-Identifier: GPL-2.0-only
#include <api/tls_trace.h>

#include <api/op_text.h>

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
  size_t lineno = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    lineno++;
    auto fail = [&](const std::string &what) {
      *why = "line " + std::to_string(lineno) + ": " + what;
      return std::nullopt;
    };
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
    if (line.find_first_not_of(" \t\r") == std::string_view::npos)
      continue;
    if (scenario)
      return fail("a tls trace holds one scenario line");
    if (line.rfind("path ", 0) == 0) {
      if (path)
        return fail("the path is given twice");
      auto p = line.substr(5);
      if (p != "sw" && p != "device")
        return fail("path is sw or device, not '" + std::string(p) + "'");
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
  if (!header) {
    *why = "line 1: expected header '# splicecheck tls <profile> [bug]'";
    return std::nullopt;
  }
  if (!scenario) {
    *why = "no scenario line after the header";
    return std::nullopt;
  }
  return trace;
}

}  // namespace sc::tls
