// SPDX-License-Identifier: GPL-2.0-only
// hostile_reports NAMES OUTDIR: writes the five kill matrix reports (report.json, .md,
// .html, .sarif, .xml) of a matrix whose every text is a hostile name of NAMES (one a
// line, \xHH a byte, \\ a backslash), for check_reports.py to parse and compare. Every
// name stands in every kind of field: rows, clean counterparts, notes, replays, units.
#include <cli/killmatrix/report.h>

#include <fstream>
#include <iostream>
#include <sstream>

using namespace sc::km;

namespace {

std::string decoded(const std::string &line) {
  std::string out;
  for (size_t i = 0; i < line.size(); i++) {
    if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '\\') {
      out += '\\';
      i++;
    } else if (line.compare(i, 2, "\\x") == 0 && i + 3 < line.size()) {
      out += static_cast<char>(std::stoi(line.substr(i + 2, 2), nullptr, 16));
      i += 3;
    } else {
      out += line[i];
    }
  }
  return out;
}

std::vector<std::string> read_names(const char *path) {
  std::ifstream in(path);
  std::vector<std::string> names;
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#')
      names.push_back(decoded(line));
  return names;
}

// Row i of n: its fields take names i, i+1, ... so that each name is each field once.
Matrix hostile_matrix(const std::vector<std::string> &names) {
  auto name = [&](size_t i) { return names[i % names.size()]; };
  const Status statuses[] = {Status::found, Status::partly, Status::not_found, Status::skipped, Status::failed};
  Matrix m;
  m.source = "run";
  m.budget = 3;
  m.seeds = 2;
  m.seconds = 1.5;
  for (size_t i = 0; i < names.size(); i++) {
    m.budget_rule += name(i) + ";";
    m.builds.push_back(name(i));
    Clean clean{name(i) + " (clean)", name(i + 1), {}};
    Cell alarm{clean.name, Detector::props, Status::false_alarm, name(i + 2), {{1, true, 4, 0.25}}, 4, 0.25, 2,
               name(i + 3),  name(i + 4),     name(i + 5)};
    clean.cells.push_back(alarm);
    m.clean.push_back(clean);
    Row row{name(i), name(i + 1), name(i + 2), {"props", "fuzz"}, name(i + 3), clean.name, name(i + 4)};
    for (Detector d : {Detector::props, Detector::fuzz}) {
      Cell c{row.id,      d,           statuses[(i + (d == Detector::fuzz)) % std::size(statuses)],
             name(i + 5), {{7, true, 12, 0.5}, {8, false, 40, 1.0}},
             12,          0.5,         3,
             name(i + 6), name(i + 7), name(i + 8)};
      m.cells.push_back(c);
    }
    m.rows.push_back(row);
  }
  return m;
}

bool write(const std::string &path, const std::string &text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out.flush());
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 3) {
    std::cerr << "usage: hostile_reports NAMES OUTDIR\n";
    return 2;
  }
  auto names = read_names(argv[1]);
  if (names.empty()) {
    std::cerr << "hostile_reports: no names in " << argv[1] << "\n";
    return 2;
  }
  Matrix m = hostile_matrix(names);
  std::string dir = argv[2];
  bool ok = write(dir + "/report.json", to_json(m)) && write(dir + "/report.md", to_markdown(m)) &&
            write(dir + "/report.html", to_html(m)) && write(dir + "/report.sarif", to_sarif(m)) &&
            write(dir + "/report.xml", to_junit(m));
  if (!ok)
    std::cerr << "hostile_reports: cannot write under " << dir << "\n";
  return ok ? 0 : 2;
}
