// SPDX-License-Identifier: GPL-2.0-only
#include <cli/options.h>

#include <algorithm>
#include <charconv>

namespace sc::cli {
namespace {

enum class Kind { text, count, seed, toggle };
constexpr Kind kind_text = Kind::text, kind_count = Kind::count, kind_seed = Kind::seed, kind_toggle = Kind::toggle;

struct FlagInfo {
  const char *name;
  Kind kind;
  const char *def;
  const char *help;
  std::string Options::*field;
};

const FlagInfo kFlags[] = {
#define FLAG(name, kind, def, help) {#name, kind_##kind, def, help, &Options::name},
#include <cli/flags.def>
#undef FLAG
};

const char *const kCommands[] = {"run",    "series", "kernel-src", "tls",      "oracle",     "replay", "encode",
                                 "shrink", "bugs",   "profiles",   "help",     "killmatrix", "gate", "reproducer"};

std::optional<uint64_t> number(const std::string &s) {
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size())
    return std::nullopt;
  return v;
}

bool check_value(const FlagInfo &f, const std::string &v, std::string *why) {
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
  o.command = argv[1];
  if (o.command == "--help" || o.command == "-h")
    o.command = "help";
  if (std::find(std::begin(kCommands), std::end(kCommands), o.command) == std::end(kCommands)) {
    *why = "unknown command '" + o.command + "'";
    return std::nullopt;
  }
  for (int i = 2; i < argc; i++) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      o.command = "help";
      return o;
    }
    // `bugs` and `profiles` take one switch, --json, with no value.
    if (o.command == "bugs" || o.command == "profiles") {
      if (arg != "--json") {
        *why = "'" + o.command + "' takes only --json (no value), not '" + arg + "'";
        return std::nullopt;
      }
      o.json_output = true;
      continue;
    }
    if (o.command == "help") {
      *why = "'help' takes no arguments";
      return std::nullopt;
    }
    bool file_command =
        o.command == "replay" || o.command == "encode" || o.command == "shrink" || o.command == "reproducer";
    if (file_command && arg.rfind("--", 0) != 0) {
      if (!o.trace_file.empty()) {
        *why = "'" + o.command + "' takes one file, not also '" + arg + "'";
        return std::nullopt;
      }
      o.trace_file = arg;
      continue;
    }
    if (o.command == "tls" && arg.rfind("--", 0) != 0) {  // the scenario text
      if (o.has("scenario")) {
        *why = "'tls' takes one scenario text, not also '" + arg + "'";
        return std::nullopt;
      }
      o.scenario = arg;
      o.given.push_back("scenario");
      continue;
    }
    if (arg.rfind("--", 0) != 0) {
      *why = "unexpected argument '" + arg + "'";
      return std::nullopt;
    }
    std::string name = arg.substr(2), value;
    bool inline_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      inline_value = true;
    }
    const FlagInfo *flag = nullptr;
    for (const auto &f : kFlags)
      if (name == f.name)
        flag = &f;
    if (!flag) {
      *why = "unknown flag '--" + name + "'";
      return std::nullopt;
    }
    if (flag->kind == Kind::toggle) {
      if (inline_value) {
        *why = "--" + name + " takes no value";
        return std::nullopt;
      }
      value = "1";
    } else if (!inline_value) {
      if (i + 1 >= argc || std::string(argv[i + 1]).rfind("--", 0) == 0) {
        *why = "--" + name + " needs a value";
        return std::nullopt;
      }
      value = argv[++i];
    }
    if (!check_value(*flag, value, why))
      return std::nullopt;
    if (o.has(name)) {
      *why = "--" + name + " given twice";
      return std::nullopt;
    }
    o.*(flag->field) = value;
    o.given.push_back(name);
  }
  // The kernel-source and tls flags belong to those commands only.
  if (o.command == "run")
    for (std::string flag : {"source", "patches", "scenario", "file", "device", "wire", "kernel", "modules", "random",
                             "results", "save", "budget", "seeds", "rows", "detectors", "builds", "markdown", "html",
                             "sarif", "junit", "cell"})
      if (o.has(flag)) {
        bool oracle = flag == "kernel" || flag == "modules" || flag == "random" || flag == "results" || flag == "save";
        bool matrix = flag == "budget" || flag == "seeds" || flag == "rows" || flag == "detectors" || flag == "builds" ||
                      flag == "markdown" || flag == "html" || flag == "sarif" || flag == "junit" || flag == "cell";
        *why = "--" + flag + " belongs to '" +
               (flag == "source" || flag == "patches" ? "kernel-src"
                : oracle                              ? "oracle"
                : matrix                              ? "killmatrix"
                                                      : "tls") +
               "', not 'run'";
        return std::nullopt;
      }
  if (o.command == "replay" || o.command == "encode" || o.command == "shrink") {
    if (o.trace_file.empty()) {
      *why = "'" + o.command + "' takes one file";
      return std::nullopt;
    }
    std::vector<std::string> allowed = {"harness", "profile", "bug"};
    if (o.command == "encode")
      allowed = {"out"};
    if (o.command == "shrink")
      allowed.push_back("out");
    for (const auto &flag : o.given)
      if (std::find(allowed.begin(), allowed.end(), flag) == allowed.end()) {
        *why = "'" + o.command + "' does not take --" + flag;
        return std::nullopt;
      }
    if (o.command != "encode" && !o.has("harness") && (o.has("profile") || o.has("bug"))) {
      *why = "--profile and --bug go with --harness (a text trace names them in its header)";
      return std::nullopt;
    }
    if (o.command == "encode" && !o.has("out")) {
      *why = "'encode' needs --out FILE";
      return std::nullopt;
    }
  }
  return o;
}

std::string usage() {
  std::string u =
      "usage: splicecheck <command> [flags]\n"
      "\n"
      "commands:\n"
      "  run        run every property on every profile (or the ones chosen), shrink failures,\n"
      "             match them against the bug table; exit 0 when as expected, 1 when not\n"
      "  series [--property P] [--seed S] [--cases N]\n"
      "             every allocator property at each level of the series as the mirrors model\n"
      "             it (pre-series, p01 .. p06, v6.13) and the property x level table: where\n"
      "             each property breaks and where it holds again; exit 0 as expected, 1 not\n"
      "  kernel-src --source 6.1|7.2|DIR [--patches DIR|MBOX]\n"
      "             build a kernel tree's own allocator source against the shims and run the\n"
      "             properties on it three-way (model, our mirror, the real code); with\n"
      "             --patches, also at each patch level, with a property x level table;\n"
      "             exit 0 as expected, 1 not, 2 bad input, 77 source package unavailable\n"
      "  tls [--profile v6.1|v6.5|newest] [--device] SCENARIO-TEXT|--file FILE [--wire OUT]\n"
      "             the TLS records each scenario gives, as the model predicts them and as\n"
      "             the kernel mirror emitted them (content type:plaintext length), side by\n"
      "             side, with returns and discarded bytes; --wire writes the mirror's byte\n"
      "             stream; exit 0 when they agree, 1 when not, 2 bad input\n"
      "  explore [--scenario NAME|--list] [--profile P|src:X] [--bug ID] [--fixed] [--strategy pct|bounded]\n"
      "         [--depth D] [--preemptions K] [--schedules N] [--seed S] [--replay STRING [--repeat N]]\n"
      "         [--save DIR]\n"
      "             cross-cpu interleavings of the allocator (splicecheck-explore): R1-R5 and\n"
      "             06's refill windows, checked step by step and against the model\n"
      "  oracle --kernel 6.1|6.12|7.2|BZIMAGE [--modules DIR] [--profile P] [--bug ID]\n"
      "         [--random N --seed S] [--file F] [--results STORED] [--save OUT]\n"
      "             run TLS scenarios on a real kernel under QEMU (or its stored results) and\n"
      "             hold the model and the kernel mirror to it; disagreements are shrunk on the\n"
      "             kernel; exit 0 none (with --bug: found), 1 some, 2 bad input, 77 no kernel,\n"
      "             4 the kernel run failed\n"
      "  oracle --component alloc --kernel 6.1|6.12|BZIMAGE [--modules DIR --headers DIR\n"
      "         --profile P] [--bug ROW] [--random N --seed S] [--file F] [--results F] [--save F]\n"
      "             replay allocator traces in a module built against the kernel's headers and\n"
      "             judge the model and mirror at its profile; a row's finding and disagreements\n"
      "             shrink on the kernel; also 5 headers/kernel mismatch, 6 module build, 7 load\n"
      "  reproducer ROW|TRACE --kernel 6.1|6.12|7.2 --out NAME.c\n"
      "             write a standalone module that replays the trace and prints\n"
      "             splicecheck-repro: FAIL <what> or PASS\n"
      "  replay FILE [--harness H [--profile P] [--bug ID]]\n"
      "             re-run one trace (text form, header '# splicecheck <component> <profile> [bug]')\n"
      "             or raw fuzz input of harness H, printed as ops, with every check on;\n"
      "             exit 0 as expected, 1 not, 2 malformed\n"
      "  encode TRACE --out FILE\n"
      "             write a text trace as the raw fuzz input of its component's harness\n"
      "  shrink FILE [--harness H [--profile P] [--bug ID]] [--out DIR]\n"
      "             minimize a failing trace or raw input (same check broken) and write it as\n"
      "             DIR/<row>-<hash> with its trace beside it (default corpus/<harness>/regressions)\n"
      "  killmatrix [--budget S] [--seeds N] [--rows REGEX] [--detectors LIST] [--builds DIR]\n"
      "         [--json F] [--markdown F] [--html F] [--sarif F] [--junit F]\n"
      "             every bug row against every detector that applies, each in the build it\n"
      "             needs (build/<preset>), N seeds a cell: found or not, median work and time\n"
      "             to the finding, shrunk size; clean counterparts must show nothing; a missing\n"
      "             build is `not built`; exit 0 all claimed detectors find their rows, 1 not\n"
      "  gate [--builds DIR] [--json F] [--markdown F] [--html F] [--sarif F] [--junit F]\n"
      "             the same matrix from the builds' CTest results (build/<preset>/junit*.xml),\n"
      "             running nothing; exit 1 when a row is not found by a detector it claims\n"
      "  bugs       list the bug table (--json for JSON)\n"
      "  profiles   list the profiles per component (--json for JSON)\n"
      "  help       this text\n"
      "\n"
      "flags of run, kernel-src and tls:\n";
  for (const auto &f : kFlags) {
    std::string left = std::string("  --") + f.name + (f.kind == Kind::toggle ? "" : " VALUE");
    left.resize(std::max<size_t>(left.size() + 1, 22), ' ');
    u += left + f.help + (*f.def ? std::string(" [") + f.def + "]" : "") + "\n";
  }
  u += "\nexit status: 0 as expected, 1 not as expected, 2 bad usage or input\n";
  return u;
}

}  // namespace sc::cli
