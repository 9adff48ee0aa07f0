// SPDX-License-Identifier: GPL-2.0-only
#include <oracle/module_output.h>

namespace sc::oracle {
namespace {

std::nullopt_t failed_at(std::string *why, int line, const std::string &what) {
  *why = "kernel output line " + std::to_string(line) + ": " + what;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> parse_module_output(const std::string &text, const ModuleOutputHooks &hooks,
                                               std::string *why) {
  std::string release;
  bool done = false, in_trace = false;
  std::istringstream lines(text);
  std::string line;
  const std::string component = " component=" + hooks.component;
  for (int n = 1; std::getline(lines, line); n++) {
    auto fail = [&](const std::string &what) { return failed_at(why, n, what); };
    if (line.empty())
      continue;
    if (done)
      return fail("text after the run's end");
    std::istringstream in(line);
    std::string word;
    in >> word;
    if (line.rfind("ORACLE kernel=", 0) == 0) {
      auto at = line.find(component);
      std::string what;
      if (at == std::string::npos || (at + component.size() < line.size() && line[at + component.size()] != ' '))
        return fail("this output is not the " + hooks.component + " module's: '" + line.substr(0, 80) + "'");
      if (!hooks.header(line.substr(at + component.size()), &what))
        return fail(what);
      release = line.substr(14, line.find(' ', 14) - 14);
    } else if (line.rfind("ORACLE done", 0) == 0) {
      if (in_trace)
        return fail("a trace without its END line");
      done = true;
    } else if (line.rfind("ORACLE error", 0) == 0 || line.rfind("ORACLE dmesg", 0) == 0) {
      return fail("the kernel side reports: " + line);
    } else if (word == "TRACE") {
      uint64_t k = 0;
      if (in_trace || !(in >> k) || k != hooks.traces_so_far() + 1)
        return fail("traces out of order or unterminated");
      hooks.trace();
      in_trace = true;
    } else if (word == "END") {
      if (!in_trace)
        return fail("END without TRACE");
      in_trace = false;
    } else if (word == "OP" || word == "SKIP") {
      uint64_t i = 0;
      std::string what;
      if (!in_trace || !(in >> i) || i != hooks.ops_so_far() + 1)
        return fail("ops out of order or outside a trace");
      if (!hooks.op(word, in, &what))
        return fail(what);
    } else {
      return fail("not a line the module writes: '" + line.substr(0, 60) + "'");
    }
  }
  if (release.empty()) {
    *why = "kernel output has no 'ORACLE kernel=' line";
    return std::nullopt;
  }
  if (!done) {
    *why = "kernel output ends before 'ORACLE done' (the module did not finish)";
    return std::nullopt;
  }
  return release;
}

}  // namespace sc::oracle
