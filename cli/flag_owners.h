// SPDX-License-Identifier: GPL-2.0-only
// The commands that take a flag, as the parsers name them in a refusal. Header-only: the
// explorer is its own program and reads the same table (cli/flags.def).
#pragma once

#include <sstream>
#include <string>
#include <vector>

namespace sc::cli {

// "'oracle'", "'run' and 'killmatrix'", "'run', 'tls' and 'oracle'": the commands of every
// row of `rows` (each with .name and a space-separated .commands) named `name`.
template <typename Rows> std::string flag_owners(const Rows &rows, const std::string &name) {
  std::vector<std::string> cs;
  for (const auto &f : rows)
    if (name == f.name) {
      std::istringstream list(f.commands);
      for (std::string c; list >> c;)
        cs.push_back("'" + c + "'");
    }
  std::string out;
  for (size_t i = 0; i < cs.size(); i++)
    out += (i == 0 ? "" : i + 1 == cs.size() ? " and " : ", ") + cs[i];
  return out;
}

}  // namespace sc::cli
