// SPDX-License-Identifier: GPL-2.0-only
// What every kill matrix report says the same way, whatever its format: which cells are
// findings or misses, the figures of a finding, the columns in use, the one-fact-a-line
// details of a cell. Plain text: each writer escapes it with its format's rule
// (api/text_escape.h).
#pragma once

#include <cli/killmatrix/matrix.h>

#include <cstdint>
#include <string>
#include <vector>

namespace sc::km::facts {

std::string printf_text(const char *format, double value);
std::string fixed3(double value);  // seconds in JSON and JUnit
std::string join(const std::vector<std::string> &parts, const std::string &sep);

template <typename Range, typename F> std::vector<std::string> mapped(const Range &items, F &&to_text) {
  std::vector<std::string> out;
  for (const auto &item : items)
    out.push_back(to_text(item));
  return out;
}

bool is_finding(Status s);
bool is_miss(Status s);
bool could_not_run(Status s);
bool claims(const Row &row, Detector d);
// What the gate fails on: a detector bugs.def says must find the row did not.
bool missed_claim(const Row &row, const Cell &c);
const Cell *find_cell(const std::vector<Cell> &cells, Detector d);

uint64_t total_work(const Cell &c);
// "12 cases", "1 case": units are plural nouns.
std::string count_text(uint64_t n, const std::string &unit);
std::string duration_text(double seconds);
std::string seeds_text(const Cell &c);  // "2/3": seeds that found it / seeds run
// {"12 cases", "0.03 s", "2 ops"}: medians over the seeds that found it, then the shrunk size.
std::vector<std::string> finding_figures(const Cell &c);
std::string finding_cost(const Cell &c);  // the figures joined by ", "

// Columns: the detectors any cell or claim uses, in kDetectors order.
std::vector<Detector> used_detectors(const Matrix &m);
// Everything a cell knows, one fact a line: HTML tooltips and JUnit failure bodies.
std::string cell_details(const Cell &c);
// What the row's clean counterpart showed: "none (alloc/p05)", "FALSE ALARM (...)", or
// empty when the row names none (a matrix read off CTest).
std::string false_positives(const Matrix &m, const Row &row);

}  // namespace sc::km::facts
