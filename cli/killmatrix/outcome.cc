// SPDX-License-Identifier: GPL-2.0-only
#include <cli/killmatrix/outcome.h>

#include <api/bugs.h>
#include <cli/killmatrix/cell.h>

#include <algorithm>
#include <fstream>
#include <regex>

namespace sc::km {
namespace {

namespace fs = std::filesystem;

std::optional<uint64_t> number_after(const std::string &text, const std::string &before) {
  std::smatch m;
  if (!std::regex_search(text, m, std::regex(before + "([0-9]+)")))
    return std::nullopt;
  return std::stoull(m[1]);
}

bool has_line(const std::string &text, const std::string &line) {
  return text.find("\n" + line + "\n") != std::string::npos || text.rfind(line + "\n", 0) == 0;
}

bool sanitizer_report(const std::string &text) {
  return text.find("ERROR: AddressSanitizer") != std::string::npos || text.find("runtime error:") != std::string::npos ||
         text.find("ERROR: LeakSanitizer") != std::string::npos;
}

std::string last_lines(const std::string &text, int n) {
  size_t p = text.size();
  for (int i = 0; i <= n && p != std::string::npos && p > 0; i++)
    p = text.rfind('\n', p - 1);
  std::string tail = p == std::string::npos ? text : text.substr(p + 1);
  std::replace(tail.begin(), tail.end(), '\n', ' ');
  return tail;
}

Outcome from_cell_line(const Finished &f, const std::optional<BugId> &row) {
  Outcome o;
  auto c = parse_cell_line(f.output);
  if (!c || f.exit_code != 0 || sanitizer_report(f.output)) {
    o.note = "exit " + std::to_string(f.exit_code) + ": " + last_lines(f.output, 3);
    return o;
  }
  if (!c->error.empty()) {
    o.note = c->error;
    return o;
  }
  o.work = c->cases;
  o.seconds = c->seconds;
  if (row) {
    o.kind = c->found ? Outcome::found : Outcome::not_found;
    o.shrunk = c->shrunk;
    o.replay = c->replay;
  } else {
    o.kind = c->unexplained ? Outcome::false_alarm : Outcome::clean;
    if (c->unexplained)
      o.note = std::to_string(c->unexplained) + " failure(s) no row explains";
  }
  return o;
}

int ops_in_trace_file(const fs::path &dir) {
  std::error_code ec;
  for (const auto &e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".trace") {
      std::ifstream in(e.path());
      int n = 0;
      for (std::string line; std::getline(in, line);)
        n += !line.empty() && line[0] != '#';
      return n;
    }
  return -1;
}

}  // namespace

Outcome judge(const Started &t, const Finished &f) {
  Outcome o;
  o.seconds = f.seconds;
  if (f.timed_out) {
    o.note = "stopped after " + std::to_string(static_cast<int>(f.seconds)) + " s";
    return o;
  }
  std::optional<BugId> row = t.clean ? std::nullopt : parse_bug(t.row);
  const std::string &id = t.row;
  switch (t.detector) {
  case Detector::props:
  case Detector::stateful:
  case Detector::asan_ubsan:
  case Detector::kernel_src:
    if (f.exit_code == 77) {
      o.kind = Outcome::skipped;
      o.note = last_lines(f.output, 1);
      return o;
    }
    return from_cell_line(f, row);
  case Detector::fuzz:
    if (t.clean) {
      bool crashed = f.output.find("==ERROR") != std::string::npos || f.output.find("=== BUG FOUND") != std::string::npos;
      o.work = number_after(f.output, "Done ").value_or(0);
      o.kind = crashed ? Outcome::false_alarm : f.exit_code == 0 ? Outcome::clean : Outcome::failed;
      if (o.kind != Outcome::clean)
        o.note = last_lines(f.output, 3);
      return o;
    }
    if (f.exit_code == 0 && f.output.find("regression replays: EXPECTED") != std::string::npos) {
      o.kind = Outcome::found;
      o.work = number_after(f.output, "found at execution ").value_or(0);
      int ops = ops_in_trace_file(t.keep);
      if (ops >= 0)
        o.shrunk = ops;
      o.replay = "fuzz/kill.sh " + t.argv[1] + " " + t.argv[2] + " " + id + " " + t.argv[4] + " " +
                 std::to_string(t.seed);
    } else if (auto n = number_after(f.output, "not found in ")) {
      o.kind = Outcome::not_found;
      o.work = *n;
    } else {
      o.note = "exit " + std::to_string(f.exit_code) + ": " + last_lines(f.output, 3);
    }
    return o;
  case Detector::explore: {
    o.work = number_after(f.output, "(?:pct|bounded), ").value_or(0);
    bool expected = has_line(f.output, "EXPECTED: " + id);
    if (t.clean) {
      bool broke = f.output.find("=== BUG FOUND") != std::string::npos && !expected;
      o.kind = f.exit_code == 0 && !expected ? Outcome::clean : broke || expected ? Outcome::false_alarm : Outcome::failed;
      if (o.kind != Outcome::clean)
        o.note = last_lines(f.output, 3);
      return o;
    }
    if (f.exit_code == 0 && expected) {
      o.kind = Outcome::found;
      if (auto d = number_after(f.output, "schedule: "))
        o.shrunk = static_cast<int>(*d);
      std::smatch m;
      if (std::regex_search(f.output, m, std::regex("explore --replay ([^ \n]+)")))
        o.replay = "splicecheck explore --replay " + m[1].str();
    } else if (f.exit_code == 0 || f.exit_code == 1) {
      o.kind = Outcome::not_found;
    } else {
      o.note = "exit " + std::to_string(f.exit_code) + ": " + last_lines(f.output, 3);
    }
    return o;
  }
  case Detector::tsan: {
    bool report = f.output.find("WARNING: ThreadSanitizer") != std::string::npos;
    o.work = t.rounds;
    if (t.clean)
      o.kind = f.exit_code == 0 && !report ? Outcome::clean : report ? Outcome::false_alarm : Outcome::failed;
    else
      o.kind = report ? Outcome::found : f.exit_code == 0 ? Outcome::not_found : Outcome::failed;
    if (o.kind == Outcome::found)
      o.replay = t.argv[0] + " r1 " + std::to_string(t.rounds);
    if (o.kind == Outcome::failed || o.kind == Outcome::false_alarm)
      o.note = last_lines(f.output, 3);
    return o;
  }
  case Detector::oracle: {
    if (f.exit_code == 77) {
      o.kind = Outcome::skipped;
      o.note = last_lines(f.output, 1);
      return o;
    }
    o.work = number_after(f.output, "summary: ").value_or(0);
    if (t.clean) {
      o.kind = f.exit_code == 0 ? Outcome::clean : f.exit_code == 1 ? Outcome::false_alarm : Outcome::failed;
    } else if (f.exit_code == 0 && has_line(f.output, "EXPECTED: " + id)) {
      o.kind = Outcome::found;
      std::smatch m;
      std::string rest = f.output;
      while (std::regex_search(rest, m, std::regex("MINIMAL .*\\(([0-9]+) ops"))) {
        int ops = std::stoi(m[1]);
        o.shrunk = o.shrunk ? std::min(*o.shrunk, ops) : ops;
        rest = m.suffix();
      }
      Component c = row ? bug_info(*row).component : Component::tls;
      o.replay = c == Component::alloc ? "splicecheck oracle --component alloc --kernel " + alloc_oracle_kernel(*row) +
                                             " --bug " + id + " --file corpus/oracle/alloc/traces.txt"
                 : c == Component::splice ? "splicecheck oracle --component splice --kernel 6.12 --bug " + id +
                                                " --file corpus/oracle/splice/traces.txt"
                                          : "splicecheck oracle --kernel 7.2 --bug " + id +
                                                " --file corpus/oracle/scenarios.txt";
    } else {
      o.kind = f.exit_code == 1 ? Outcome::not_found : Outcome::failed;
    }
    if (o.kind == Outcome::failed || o.kind == Outcome::false_alarm)
      o.note = "exit " + std::to_string(f.exit_code) + ": " + last_lines(f.output, 3);
    return o;
  }
  case Detector::witness:
    o.work = 1;
    o.kind = f.exit_code == 0 && has_line(f.output, "OBSERVED: " + id) ? Outcome::found : Outcome::not_found;
    o.replay = "splicecheck run --bug " + id;
    return o;
  }
  return o;
}

std::string alloc_oracle_kernel(BugId row) {
  return bug_info(row).covers(Profile::pre_series) ? "6.1" : "7.2";
}

}  // namespace sc::km
