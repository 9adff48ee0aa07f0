// SPDX-License-Identifier: GPL-2.0-only
// Command-line options of `splicecheck`, from cli/flags.def.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sc::cli {

struct Options {
  std::string command;
  std::string trace_file;  // replay's trace file
#define FLAG(name, kind, def, help) std::string name = def;
#include <cli/flags.def>
#undef FLAG
  std::vector<std::string> given;  // flags named on the command line
  bool json_output = false;        // `bugs --json` / `profiles --json`: print JSON
  bool has(const std::string &flag) const;
};

// Parses argv; on error returns nullopt and sets *why.
std::optional<Options> parse_options(int argc, char **argv, std::string *why);
// Numeric flags, already range-checked by parse_options().
uint64_t seed_of(const Options &o);
int cases_of(const Options &o);
std::string usage();

}  // namespace sc::cli
