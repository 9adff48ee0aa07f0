// SPDX-License-Identifier: GPL-2.0-only
#include <cli/level_table.h>

#include <algorithm>

namespace sc::cli {
namespace {

std::string cell(const ProfileRun &run, size_t i) {
  const auto &r = run.results[i];
  if (!r.error.empty())
    return "ERROR";
  return r.failure ? r.failure->check : "ok";
}

std::string pad(std::string s, size_t w) {
  s.resize(std::max(w, s.size() + 1), ' ');
  return s;
}

}  // namespace

void print_level_table(const std::vector<LevelColumn> &levels, std::ostream &out) {
  out << "== property x patch level (ok = holds; otherwise the check that broke)\n";
  const auto &first = levels.front().run->results;
  size_t name_w = 8, cell_w = 5, label_w = 6;
  for (const auto &r : first)
    name_w = std::max(name_w, r.name.size() + 2);
  for (const auto &l : levels) {
    label_w = std::max(label_w, l.label.size() + 2);
    cell_w = std::max(cell_w, l.label.size() + 2);
    for (size_t i = 0; i < l.run->results.size(); i++)
      cell_w = std::max(cell_w, cell(*l.run, i).size() + 2);
  }
  out << pad("", name_w);
  for (const auto &l : levels)
    out << pad(l.label, cell_w);
  out << "changes\n";
  for (size_t i = 0; i < first.size(); i++) {
    out << pad(first[i].name, name_w);
    std::string changes;
    for (size_t l = 0; l < levels.size(); l++) {
      std::string c = cell(*levels[l].run, i);
      out << pad(c, cell_w);
      if (l == 0)
        continue;
      bool was_ok = cell(*levels[l - 1].run, i) == "ok", ok = c == "ok";
      if (was_ok != ok)
        changes += (changes.empty() ? "" : "; ") + std::string(ok ? "holds again at " : "breaks at ") + levels[l].label;
    }
    out << (changes.empty() ? (cell(*levels[0].run, i) == "ok" ? "holds throughout" : "breaks throughout") : changes)
        << "\n";
  }
  out << "levels:\n";
  for (const auto &l : levels)
    out << "  " << pad(l.label, label_w) << l.title << "\n";
  out << "\n";
}

}  // namespace sc::cli
