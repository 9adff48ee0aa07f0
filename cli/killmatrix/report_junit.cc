// SPDX-License-Identifier: GPL-2.0-only
// The kill matrix as JUnit XML, for CI test tabs: a test case per row and detector it
// claims, and per clean counterpart cell. Text and attributes go through sc::xml_escape.
#include <cli/killmatrix/report.h>
#include <cli/killmatrix/report_facts.h>

#include <api/text_escape.h>

#include <algorithm>

namespace sc::km {
using namespace facts;
namespace {

const Row *find_row(const Matrix &m, const std::string &id) {
  auto it = std::find_if(m.rows.begin(), m.rows.end(), [&](const Row &r) { return r.id == id; });
  return it == m.rows.end() ? nullptr : &*it;
}

double total_seconds(const Cell &c) {
  double sum = 0;
  for (const auto &a : c.attempts)
    sum += a.seconds;
  return sum;
}

struct TestCase {
  std::string name;
  const Cell *cell;
  enum { passed, failed, skipped } outcome;
  std::string message;
};

TestCase row_case(const Row &row, const Cell &c) {
  std::string detector = detector_name(c.detector);
  if (c.status == Status::partly)
    return {row.id, &c, TestCase::failed, "found by " + detector + " with only " + seeds_text(c) + " seeds"};
  if (is_miss(c.status))
    return {row.id, &c, TestCase::failed, std::string(status_name(c.status)) + " by " + detector};
  if (could_not_run(c.status))
    return {row.id, &c, TestCase::skipped, std::string(status_name(c.status)) + ": " + c.note};
  return {row.id, &c, TestCase::passed, ""};
}

TestCase clean_case(const Clean &clean, const Cell &c) {
  std::string name = "clean:" + clean.name;
  if (c.status == Status::false_alarm)
    return {name, &c, TestCase::failed,
            "false alarm: " + std::string(detector_name(c.detector)) + " reported a finding"};
  if (c.status == Status::failed)
    return {name, &c, TestCase::failed, "failed: " + c.note};
  if (could_not_run(c.status))
    return {name, &c, TestCase::skipped, std::string(status_name(c.status)) + ": " + c.note};
  return {name, &c, TestCase::passed, ""};
}

// Rows count only with the detectors they claim; a detector that merely ran is no test.
std::vector<TestCase> junit_cases(const Matrix &m) {
  std::vector<TestCase> cases;
  for (const auto &c : m.cells)
    if (const Row *row = find_row(m, c.row); row && claims(*row, c.detector))
      cases.push_back(row_case(*row, c));
  for (const auto &clean : m.clean)
    for (const auto &c : clean.cells)
      cases.push_back(clean_case(clean, c));
  return cases;
}

std::string junit_case_xml(const TestCase &t) {
  std::string open = "    <testcase" +
                     xml_attr("classname", std::string("killmatrix.") + detector_name(t.cell->detector)) +
                     xml_attr("name", t.name) + xml_attr("time", fixed3(total_seconds(*t.cell)));
  switch (t.outcome) {
  case TestCase::failed:
    return open + ">\n      <failure" + xml_attr("message", t.message) + xml_attr("type", status_name(t.cell->status)) +
           ">" + xml_escape(cell_details(*t.cell)) + "</failure>\n    </testcase>\n";
  case TestCase::skipped:
    return open + ">\n      <skipped" + xml_attr("message", t.message) + "/>\n    </testcase>\n";
  default:
    return open + "/>\n";
  }
}

}  // namespace

std::string to_junit(const Matrix &m) {
  auto cases = junit_cases(m);
  auto count = [&](auto outcome) {
    return std::to_string(
        std::count_if(cases.begin(), cases.end(), [&](const TestCase &t) { return t.outcome == outcome; }));
  };
  std::string attrs = xml_attr("tests", std::to_string(cases.size())) + xml_attr("failures", count(TestCase::failed)) +
                      xml_attr("skipped", count(TestCase::skipped)) + xml_attr("time", fixed3(m.seconds));
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites" + attrs + ">\n  <testsuite" +
                    xml_attr("name", "killmatrix") + attrs + ">\n";
  for (const auto &t : cases)
    out += junit_case_xml(t);
  return out + "  </testsuite>\n</testsuites>\n";
}

}  // namespace sc::km
