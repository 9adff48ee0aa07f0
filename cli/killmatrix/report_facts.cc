// SPDX-License-Identifier: GPL-2.0-only
#include <cli/killmatrix/report_facts.h>

#include <algorithm>
#include <cstdio>

namespace sc::km::facts {

std::string printf_text(const char *format, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, value);
  return buf;
}

std::string fixed3(double value) { return printf_text("%.3f", value); }

std::string join(const std::vector<std::string> &parts, const std::string &sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); i++)
    out += (i ? sep : "") + parts[i];
  return out;
}

bool is_finding(Status s) { return s == Status::found || s == Status::partly; }
bool is_miss(Status s) { return s == Status::not_found || s == Status::partly || s == Status::failed; }
bool could_not_run(Status s) { return s == Status::not_built || s == Status::skipped; }

bool claims(const Row &row, Detector d) {
  return std::find(row.claims.begin(), row.claims.end(), detector_name(d)) != row.claims.end();
}

bool missed_claim(const Row &row, const Cell &c) { return claims(row, c.detector) && is_miss(c.status); }

const Cell *find_cell(const std::vector<Cell> &cells, Detector d) {
  auto it = std::find_if(cells.begin(), cells.end(), [&](const Cell &c) { return c.detector == d; });
  return it == cells.end() ? nullptr : &*it;
}

uint64_t total_work(const Cell &c) {
  uint64_t sum = 0;
  for (const auto &a : c.attempts)
    sum += a.work;
  return sum;
}

std::string count_text(uint64_t n, const std::string &unit) {
  if (unit.empty())
    return std::to_string(n);
  bool singular = n == 1 && unit.back() == 's';
  return std::to_string(n) + " " + (singular ? unit.substr(0, unit.size() - 1) : unit);
}

// Two significant digits: a time to detect is an order of magnitude, not a benchmark.
std::string duration_text(double seconds) {
  if (seconds < 0.001)
    return "<0.001 s";
  return printf_text(seconds < 100 ? "%.2g s" : "%.0f s", seconds);
}

std::string seeds_text(const Cell &c) {
  auto found = std::count_if(c.attempts.begin(), c.attempts.end(), [](const Attempt &a) { return a.found; });
  return std::to_string(found) + "/" + std::to_string(c.attempts.size());
}

std::vector<std::string> finding_figures(const Cell &c) {
  std::vector<std::string> figures;
  if (c.median_work)
    figures.push_back(count_text(*c.median_work, c.unit));
  if (c.median_seconds)
    figures.push_back(duration_text(*c.median_seconds));
  if (c.shrunk)
    figures.push_back(count_text(static_cast<uint64_t>(*c.shrunk), c.shrunk_unit));
  return figures;
}

std::string finding_cost(const Cell &c) { return join(finding_figures(c), ", "); }

std::vector<Detector> used_detectors(const Matrix &m) {
  auto uses = [](const std::vector<Cell> &cells, Detector d) { return find_cell(cells, d) != nullptr; };
  std::vector<Detector> used;
  for (Detector d : kDetectors) {
    bool used_by_clean = std::any_of(m.clean.begin(), m.clean.end(), [&](const Clean &c) { return uses(c.cells, d); });
    bool claimed = std::any_of(m.rows.begin(), m.rows.end(), [&](const Row &r) { return claims(r, d); });
    if (uses(m.cells, d) || used_by_clean || claimed)
      used.push_back(d);
  }
  return used;
}

namespace {

std::string attempt_line(const Attempt &a, const std::string &unit) {
  return "seed " + std::to_string(a.seed) + ": " + (a.found ? "found after " : "nothing in ") +
         count_text(a.work, unit) + ", " + duration_text(a.seconds);
}

}  // namespace

std::string cell_details(const Cell &c) {
  std::vector<std::string> lines = {c.row + " × " + detector_name(c.detector) + ": " + status_name(c.status)};
  for (const auto &a : c.attempts)
    lines.push_back(attempt_line(a, c.unit));
  if (c.shrunk)
    lines.push_back("shrunk to " + count_text(static_cast<uint64_t>(*c.shrunk), c.shrunk_unit));
  if (!c.replay.empty())
    lines.push_back("replay: " + c.replay);
  if (!c.note.empty())
    lines.push_back("note: " + c.note);
  return join(lines, "\n");
}

std::string false_positives(const Matrix &m, const Row &row) {
  auto cl = std::find_if(m.clean.begin(), m.clean.end(), [&](const Clean &c) { return c.name == row.clean; });
  if (cl == m.clean.end() || cl->cells.empty())
    return "";
  bool alarm = std::any_of(cl->cells.begin(), cl->cells.end(),
                           [](const Cell &c) { return c.status == Status::false_alarm || c.status == Status::failed; });
  bool ran = std::any_of(cl->cells.begin(), cl->cells.end(), [](const Cell &c) { return c.status == Status::clean; });
  return std::string(alarm ? "FALSE ALARM" : ran ? "none" : "not run") + " (" + cl->name + ")";
}

}  // namespace sc::km::facts
