// SPDX-License-Identifier: GPL-2.0-only
// The frame every replayer module of oracle/kmod/ prints around its ops:
//
//   ORACLE kernel=<release> component=<name> [more]
//   TRACE <n>
//   OP|SKIP <i> ...      (the component's words)
//   END <n> ...
//   ORACLE done ...
//
// read once here; each component parses the words of its own op lines.
#pragma once

#include <oracle/alloc_run.h>

#include <charconv>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace sc::oracle {

struct ModuleOutputHooks {
  std::string component;  // the header's component=
  // The header line after "component=<name>"; false with *why when it is not right.
  std::function<bool(const std::string &rest, std::string *why)> header = [](const std::string &, std::string *) {
    return true;
  };
  std::function<void()> trace;  // a TRACE line opens the next trace
  // "OP" or "SKIP" line for op `i` (1-based, in order) of the current trace, the stream at
  // the words after the index. false with *why when the words are not right.
  std::function<bool(const std::string &word, std::istringstream &rest, std::string *why)> op;
  std::function<size_t()> traces_so_far, ops_so_far;  // to check the numbering
};

// The release, or nullopt with *why ("kernel output line N: ...").
std::optional<std::string> parse_module_output(const std::string &text, const ModuleOutputHooks &hooks,
                                               std::string *why);

// A whole decimal number that fits T, nothing else.
template <typename T> std::optional<T> module_number(std::string_view t) {
  T v{};
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size())
    return std::nullopt;
  return v;
}

// Reads a component's run (release, text, one op list a trace) with `hooks` (component
// and header set); parse_op(word, rest, &op, why) reads one OP/SKIP line's words.
template <typename Run, typename ParseOp>
bool read_module_run(const std::string &text, ModuleOutputHooks hooks, Run *run, ParseOp parse_op, std::string *why) {
  run->text = text;
  hooks.trace = [run] { run->traces.emplace_back(); };
  hooks.traces_so_far = [run] { return run->traces.size(); };
  hooks.ops_so_far = [run] { return run->traces.back().size(); };
  hooks.op = [run, &parse_op](const std::string &word, std::istringstream &in, std::string *what) {
    typename decltype(run->traces)::value_type::value_type op;
    if (!parse_op(word, in, &op, what))
      return false;
    run->traces.back().push_back(op);
    return true;
  };
  auto release = parse_module_output(text, hooks, why);
  if (release)
    run->release = *release;
  return release.has_value();
}

// Boots the kernel of `k` with the module `module_src` replaying `traces` and reads what
// it printed. nullopt with *status and *why on failure.
template <typename Run, typename Trace>
std::optional<Run> boot_traces(const ModuleKernelSpec &k, const char *module_src, const std::vector<Trace> &traces,
                               std::string (*format)(const Trace &),
                               std::optional<Run> (*parse)(const std::string &, std::string *), BootStatus *status,
                               std::string *why) {
  std::string text;
  for (const auto &t : traces)
    text += format(t);
  auto printed = boot_module(k, module_src, text, std::to_string(traces.size()) + " trace(s)", status, why);
  if (!printed)
    return std::nullopt;
  return parse(*printed, why);
}

}  // namespace sc::oracle
