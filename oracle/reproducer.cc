// SPDX-License-Identifier: GPL-2.0-only
#include <oracle/reproducer.h>

#include <api/text_lines.h>

#include <sstream>
#include <string>

namespace sc::oracle {
namespace {

// A replayer module of oracle/kmod/ with `trace` (its text form) built in as
// SPLICECHECK_REPRO_TRACE, under a header comment that says what it reproduces and how to
// build it: one source for the oracle's module and the reproducer.
std::optional<std::string> embed(const char *module_path, const std::string &trace_text, const std::string &title,
                                 std::string *why) {
  auto module = read_text_file(module_path, why);
  if (!module)
    return std::nullopt;
  // Standalone: the shared part the module includes goes in its place.
  std::string dir(module_path), include = "#include \"replay_core.h\"\n";
  auto core = read_text_file(dir.substr(0, dir.find_last_of('/') + 1) + "replay_core.h", why);
  auto at = module->find(include);
  if (!core || at == std::string::npos) {
    *why = core ? std::string(module_path) + " does not include replay_core.h" : *why;
    return std::nullopt;
  }
  module->replace(at, include.size(), core->substr(core->find('\n') + 1));
  std::string shown, quoted;
  std::istringstream lines(trace_text);
  for (std::string line; std::getline(lines, line);) {
    shown += " *   " + line + "\n";
    quoted += std::string(quoted.empty() ? "" : " \\\n") + "\t\"" + line + "\\n\"";
  }
  // The module's own SPDX line stays first; its header comment follows ours.
  std::string first = module->substr(0, module->find('\n') + 1);
  return first + "/*\n * " + title +
         "\n *\n * A standalone module: build it like any out-of-tree module (obj-m += <name>.o;\n"
         " * make -C /lib/modules/$(uname -r)/build M=$PWD) and insmod it; it prints its verdict to\n"
         " * the kernel log and to /proc/<module name>. The trace it replays:\n" +
         shown + " */\n#define SPLICECHECK_REPRO_TRACE \\\n" + quoted + "\n\n" + module->substr(first.size());
}

}  // namespace

std::optional<std::string> reproducer_source(const alloc::Trace &t, const std::string &title, std::string *why) {
  return embed(SC_ORACLE_KMOD_SRC, alloc::format_trace(t), title, why);
}

std::optional<std::string> splice_reproducer_source(const splice::Trace &t, const std::string &title,
                                                    std::string *why) {
  return embed(SC_ORACLE_KMOD_SPLICE_SRC, splice::format_trace(t), title, why);
}

}  // namespace sc::oracle
