// SPDX-License-Identifier: GPL-2.0-only
#include <cli/flag_owners.h>
#include <cli/last_resort.h>
#include <cli/options.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <sstream>

namespace sc::cli {
namespace {

enum class Kind { text, count, seed, toggle };
constexpr Kind kind_text = Kind::text, kind_count = Kind::count, kind_seed = Kind::seed, kind_toggle = Kind::toggle;

// One row of flags.def: a flag as some commands take it.
struct FlagRow {
  const char *name;
  Kind kind;
  const char *def;
  const char *commands;
  const char *help;
  std::string Options::*field;
};

const FlagRow kFlags[] = {
#define FLAG(name, kind, def, commands, help) {#name, kind_##kind, def, commands, help, &Options::name},
#define FLAG_ALSO(name, kind, def, commands, help) {#name, kind_##kind, def, commands, help, &Options::name},
#include <cli/flags.def>
#undef FLAG
};

struct CommandRow {
  const char *name, *args, *summary, *description, *exits;
};

const CommandRow kCommands[] = {
#define COMMAND(name, args, summary, description, exits) {#name, args, summary, description, exits},
#include <cli/commands.def>
#undef COMMAND
};

const CommandRow *find_command(const std::string &name) {
  for (const auto &c : kCommands)
    if (c.name == name)
      return &c;
  return nullptr;
}

bool takes(const FlagRow &f, const std::string &command) {
  std::istringstream list(f.commands);
  for (std::string c; list >> c;)
    if (c == command)
      return true;
  return false;
}

const FlagRow *row_for(const std::string &name, const std::string &command) {
  for (const auto &f : kFlags)
    if (name == f.name && takes(f, command))
      return &f;
  return nullptr;
}

std::string owners(const std::string &name) { return sc::cli::flag_owners(kFlags, name); }

std::optional<uint64_t> number(const std::string &s) {
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size())
    return std::nullopt;
  return v;
}

bool check_value(const FlagRow &f, const std::string &v, std::string *why) {
  if (f.kind == Kind::seed && !number(v)) {
    *why = "--seed takes a whole number from 0 to 18446744073709551615, not '" + v + "'";
    return false;
  }
  if (f.kind == Kind::count) {
    auto n = number(v);
    if (!n || *n < 1 || *n > 1000000) {
      *why = std::string("--") + f.name + " takes a whole number from 1 to 1000000, not '" + v + "'";
      return false;
    }
  }
  return true;
}

// A separate value that reads as a flag is far more often a forgotten value than a value.
// Only what the parser itself would take as a flag: a path may start with one dash.
bool looks_like_flag(const std::string &v) { return v.rfind("--", 0) == 0 || v == "-h"; }

bool is_help(const std::string &arg) { return arg == "--help" || arg == "-h"; }

// The checks that need the whole command line: one file for the file commands.
bool check_file_command(const Options &o, std::string *why) {
  if (o.trace_file.empty()) {
    *why = "'" + o.command + "' takes one file";
    return false;
  }
  if (o.command != "encode" && !o.has("harness") && (o.has("profile") || o.has("bug"))) {
    *why = "--profile and --bug go with --harness (a text trace names them in its header)";
    return false;
  }
  if (o.command == "encode" && !o.has("out")) {
    *why = "'encode' needs --out FILE";
    return false;
  }
  return true;
}

}  // namespace

bool Options::has(const std::string &flag) const { return std::find(given.begin(), given.end(), flag) != given.end(); }

uint64_t seed_of(const Options &o) { return *number(o.seed); }
int cases_of(const Options &o) { return static_cast<int>(*number(o.cases)); }

std::optional<Options> parse_options(int argc, char **argv, std::string *why) {
  Options o;
  if (argc < 2) {
    *why = "no command given";
    return std::nullopt;
  }
  o.command = is_help(argv[1]) ? "help" : argv[1];
  if (!find_command(o.command)) {
    *why = "unknown command '" + o.command + "'";
    return std::nullopt;
  }
  if (o.command == "explore") {  // main() runs splicecheck-explore before parsing
    *why = "'explore' is splicecheck-explore's to parse";
    return std::nullopt;
  }
  // `help`, `help COMMAND`, `help --help`; anything else falls to the loop below, which
  // refuses it as it refuses a misplaced flag on any command.
  if (o.command == "help" && argc <= 3) {
    std::string topic = argc == 3 ? argv[2] : "";
    if (is_help(topic))
      topic = "help";
    if (find_command(topic) || topic.empty()) {
      o.help_for = topic;
      return o;
    }
    if (topic[0] != '-') {
      *why = "unknown command '" + topic + "' (see 'splicecheck help')";
      return std::nullopt;
    }
  }
  // --help anywhere asks for this command's help, whatever else is on the line.
  for (int i = 2; i < argc; i++)
    if (is_help(argv[i])) {
      o.help_for = o.command;
      o.command = "help";
      return o;
    }
  bool file_command = o.command == "replay" || o.command == "encode" || o.command == "shrink" || o.command == "reproducer";
  for (int i = 2; i < argc; i++) {
    std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0) {
      if (file_command && o.trace_file.empty()) {
        o.trace_file = arg;
      } else if (file_command) {
        *why = "'" + o.command + "' takes one file, not also '" + arg + "'";
        return std::nullopt;
      } else if (o.command == "tls" && !o.has("scenario")) {  // the scenario text
        o.scenario = arg;
        o.given.push_back("scenario");
      } else if (o.command == "tls") {
        *why = "'tls' takes one scenario text, not also '" + arg + "'";
        return std::nullopt;
      } else {
        *why = "unexpected argument '" + arg + "' ('" + o.command + "' takes flags only)";
        return std::nullopt;
      }
      continue;
    }
    std::string name = arg.substr(2), value;
    bool inline_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      inline_value = true;
    }
    std::string who = owners(name);
    if (who.empty()) {
      *why = "unknown flag '--" + name + "'";
      return std::nullopt;
    }
    const FlagRow *flag = row_for(name, o.command);
    if (!flag) {
      *why = "--" + name + " belongs to " + who + ", not '" + o.command + "'";
      return std::nullopt;
    }
    if (o.has(name)) {
      *why = "--" + name + " given twice";
      return std::nullopt;
    }
    if (flag->kind == Kind::toggle) {
      if (inline_value) {
        *why = "--" + name + " takes no value";
        return std::nullopt;
      }
      value = "1";
    } else if (!inline_value) {
      if (i + 1 >= argc) {
        *why = "--" + name + " needs a value";
        return std::nullopt;
      }
      value = argv[++i];
      if (looks_like_flag(value)) {
        *why = "--" + name + " needs a value, not the flag '" + value + "' (write --" + name + "=" + value +
               " if that is the value)";
        return std::nullopt;
      }
    }
    if (value.empty()) {
      *why = "--" + name + " needs a value, not an empty one";
      return std::nullopt;
    }
    if (!check_value(*flag, value, why))
      return std::nullopt;
    o.*(flag->field) = value;
    o.given.push_back(name);
  }
  if (file_command && !check_file_command(o, why))
    return std::nullopt;
  return o;
}

std::string usage() {
  std::string u = "usage: splicecheck COMMAND [flags]\n\ncommands:\n";
  for (const auto &c : kCommands) {
    std::string left = std::string("  ") + c.name;
    left.resize(14, ' ');
    u += left + c.summary + "\n";
  }
  u += "\nsee 'splicecheck COMMAND --help' (or 'splicecheck help COMMAND') for a command's usage, flags and\n"
       "exit codes. Exit status: 0 as expected, 1 a finding, 2 bad usage or input, 4 a kernel run failed,\n"
       "77 a package or kernel cannot be had, 70 internal error.\n";
  return u;
}

std::optional<std::string> command_help(const std::string &command) {
  const CommandRow *c = find_command(command);
  if (!c)
    return std::nullopt;
  std::string u = "usage: splicecheck " + command + " " + c->args + "\n\n" + c->description + "\n\nflags:\n";
  for (const auto &f : kFlags) {
    if (!takes(f, command))
      continue;
    std::string left = std::string("  --") + f.name + (f.kind == Kind::toggle ? "" : " VALUE");
    left.resize(std::max<size_t>(left.size() + 1, 24), ' ');
    u += left + f.help + (*f.def ? std::string(" [default: ") + f.def + "]" : "") + "\n";
  }
  u += "  -h, --help            this help\n\nexit status:\n";
  std::vector<std::pair<int, std::string>> exits;
  std::istringstream lines(std::string(c->exits) + "\n2 bad usage or input\n" + std::to_string(kInternalError) + " " +
                           kInternalErrorHelp);
  for (std::string line; std::getline(lines, line);)
    exits.emplace_back(std::stoi(line), line.substr(line.find(' ') + 1));
  std::stable_sort(exits.begin(), exits.end(), [](auto &a, auto &b) { return a.first < b.first; });
  for (const auto &[code, meaning] : exits) {
    std::string left = "  " + std::to_string(code);
    left.resize(6, ' ');
    u += left + meaning + "\n";
  }
  return u;
}

}  // namespace sc::cli
