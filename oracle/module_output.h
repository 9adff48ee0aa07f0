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

#include <functional>
#include <optional>
#include <sstream>
#include <string>

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

}  // namespace sc::oracle
