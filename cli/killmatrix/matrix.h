// SPDX-License-Identifier: GPL-2.0-only
// The kill matrix: for every bug row and every detector, whether the detector finds the
// row and at what cost. Filled either by running the detectors (`splicecheck killmatrix`)
// or from the per-row CTest results of every build (`splicecheck gate`); written as JSON
// (docs/killmatrix.schema.json), Markdown, HTML, SARIF and JUnit by report.h.
#pragma once

#include <api/bugs.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sc::km {

// Columns, in display order. `props` are rapidcheck properties over generated cases
// (TLS scenarios), `stateful` rapidcheck command sequences (allocator, splice).
enum class Detector { props, stateful, fuzz, explore, asan_ubsan, tsan, oracle, kernel_src, witness };
constexpr Detector kDetectors[] = {Detector::props,      Detector::stateful, Detector::fuzz,
                                   Detector::explore,    Detector::asan_ubsan, Detector::tsan,
                                   Detector::oracle,     Detector::kernel_src, Detector::witness};
const char *detector_name(Detector d);  // "props", ..., "asan-ubsan", "kernel-src"
std::optional<Detector> parse_detector(const std::string &name);

enum class Status {
  found,        // the detector found the row (every seed that ran)
  partly,       // found by some seeds, not all
  not_found,    // ran within the budget and did not find it
  clean,        // a clean counterpart: ran, no finding (what it must show)
  false_alarm,  // a clean counterpart that reported a finding
  not_built,    // the build this detector needs is not there
  skipped,      // the detector could not run here (no kernel package, no QEMU); says why
  failed,       // the detector itself failed (crash, bad output); says why
};
const char *status_name(Status s);  // "found", "partly", "not found", ...

// One run of a detector on one seed.
struct Attempt {
  uint64_t seed = 0;
  bool found = false;
  uint64_t work = 0;   // cases, runs, schedules, scenarios or rounds: up to the finding, else all
  double seconds = 0;  // wall time of this attempt
};

struct Cell {
  std::string row;  // a bug row id, or a clean counterpart's name
  Detector detector{};
  Status status = Status::not_found;
  std::string unit;  // what `work` counts: cases, runs, schedules, scenarios, rounds, tests
  std::vector<Attempt> attempts;
  std::optional<uint64_t> median_work;  // over the attempts that found it
  std::optional<double> median_seconds;
  std::optional<int> shrunk;  // size of the (shrunk) counterexample of the first finding
  std::string shrunk_unit;    // ops, decisions, scenario ops
  std::string replay;         // a command that reproduces the first finding
  std::string note;           // why not built / skipped / failed; the build it ran in
};

struct Row {
  std::string id, component, kind;  // kind: profile, mutant, race, observation
  std::vector<std::string> claims;  // detectors bugs.def says must find it
  std::string profile;              // where it was run
  std::string clean;                // its clean counterpart (a key of Matrix::clean)
  std::string help;
};

// A bug table row as the matrix shows it; its `props` claim becomes `stateful` for the
// components whose properties are command sequences (allocator, splice).
Row row_of(const BugInfo &b);

// A run of a detector where no row is in effect: must show nothing.
struct Clean {
  std::string name;  // e.g. "alloc/p05", "R1 fixed on pre-series"
  std::string what;  // one line of what ran
  std::vector<Cell> cells;
};

struct Matrix {
  std::string source;  // "run" (detectors ran) or "ctest" (read from CTest JUnit files)
  int budget = 0;      // --budget, 0 for ctest
  int seeds = 0;
  std::string budget_rule;  // how the budget became cases/runs/schedules
  double seconds = 0;       // wall time of the whole matrix
  std::vector<Row> rows;
  std::vector<Cell> cells;  // every row x detector that applies (claimed or run)
  std::vector<Clean> clean;
  std::vector<std::string> builds;  // builds found (default, asan-ubsan, tsan, fuzz)

  const Cell *cell(const std::string &row, Detector d) const;
  // Rows not found by a detector they claim (the gate's failures), with why.
  std::vector<std::string> failures() const;
};

}  // namespace sc::km
