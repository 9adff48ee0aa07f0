// SPDX-License-Identifier: GPL-2.0-only
#include <props/boundary.h>

#include <api/text_escape.h>

#include <cstdio>
#include <map>
#include <mutex>
#include <set>
#include <tuple>

namespace sc::boundary {
namespace {

using Key = std::tuple<std::string, std::string, std::string>;

std::mutex g_mu;
std::map<Key, std::array<uint64_t, 3>> g_cells;
thread_local std::set<std::pair<Key, int>> t_case;

}  // namespace

bool side_of(uint64_t value, uint64_t limit, Side *side) {
  if (value + 1 == limit)
    *side = Side::below;
  else if (value == limit)
    *side = Side::exact;
  else if (value == limit + 1)
    *side = Side::above;
  else
    return false;
  return true;
}

void hit(const std::string &component, const std::string &limit, const std::string &path, Side side) {
  t_case.insert({Key{component, limit, path}, static_cast<int>(side)});
}

void reach(const std::string &component, const std::string &limit, const std::string &path, uint64_t value,
           uint64_t bound) {
  Side side;
  if (side_of(value, bound, &side))
    hit(component, limit, path, side);
}

void case_done(bool counted) {
  std::lock_guard lock(g_mu);
  for (const auto &[key, side] : t_case)
    if (counted)
      g_cells[key][side]++;
  t_case.clear();
}

void declare(const std::string &component, const std::string &limit, const std::string &path) {
  std::lock_guard lock(g_mu);
  g_cells.try_emplace(Key{component, limit, path});
}

std::vector<Cell> table() {
  std::lock_guard lock(g_mu);
  std::vector<Cell> out;
  for (const auto &[key, counts] : g_cells)
    out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), counts});
  return out;
}

void reset() {
  std::lock_guard lock(g_mu);
  g_cells.clear();
  t_case.clear();
}

std::string table_text(const std::vector<Cell> &cells) {
  std::string out = "boundary x path: generated cases that reached each limit one below, exactly, one above\n";
  char line[192];
  std::snprintf(line, sizeof line, "  %-9s %-28s %-22s %8s %8s %8s\n", "component", "limit", "path", "below",
                "exact", "above");
  out += line;
  size_t empty = 0;
  for (const auto &c : cells) {
    std::snprintf(line, sizeof line, "  %-9s %-28s %-22s %8llu %8llu %8llu\n", c.component.c_str(), c.limit.c_str(),
                  c.path.c_str(), static_cast<unsigned long long>(c.cases[0]),
                  static_cast<unsigned long long>(c.cases[1]), static_cast<unsigned long long>(c.cases[2]));
    out += line;
    for (uint64_t n : c.cases)
      empty += n == 0;
  }
  return out + "  " + std::to_string(cells.size() * 3 - empty) + " of " + std::to_string(cells.size() * 3) +
         " cells reached\n";
}

std::string table_json(const std::vector<Cell> &cells) {
  std::string out = "[";
  for (size_t i = 0; i < cells.size(); i++) {
    const auto &c = cells[i];
    out += std::string(i ? ", " : "") + "{\"component\": " + json_quote(c.component) +
           ", \"limit\": " + json_quote(c.limit) + ", \"path\": " + json_quote(c.path) +
           ", \"below\": " + std::to_string(c.cases[0]) + ", \"exact\": " + std::to_string(c.cases[1]) +
           ", \"above\": " + std::to_string(c.cases[2]) + "}";
  }
  return out + "]";
}

}  // namespace sc::boundary
