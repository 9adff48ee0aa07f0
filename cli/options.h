// SPDX-License-Identifier: GPL-2.0-only
// Command-line options of `splicecheck`: the commands (cli/commands.def) and the flags each
// of them takes (cli/flags.def). A command refuses every flag that is not its own.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sc::cli {

struct Options {
  std::string command;
  std::string help_for;    // `COMMAND --help` or `help COMMAND`: print COMMAND's help
  std::string trace_file;  // replay's, encode's, shrink's file
#define FLAG(name, kind, def, commands, help) std::string name = def;
#include <cli/flags.def>
#undef FLAG
  std::vector<std::string> given;  // flags named on the command line
  bool has(const std::string &flag) const;
};

// Parses argv; on error returns nullopt and sets *why (always exit 2).
std::optional<Options> parse_options(int argc, char **argv, std::string *why);
// Numeric flags, already range-checked by parse_options().
uint64_t seed_of(const Options &o);
int cases_of(const Options &o);
// `splicecheck help`: the commands, one line each.
std::string usage();
// `splicecheck COMMAND --help`: its usage, description, flags and exit codes; nullopt for
// a command that is not one.
std::optional<std::string> command_help(const std::string &command);

}  // namespace sc::cli
