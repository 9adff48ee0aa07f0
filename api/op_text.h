// SPDX-License-Identifier: GPL-2.0-only
// What every component's text form shares: "Name key=value ..." op lines and the trace
// header "# splicecheck <component> <profile> [bug]".
#pragma once

#include <api/bugs.h>
#include <api/text_lines.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sc {

// Ops in one alloc or splice trace: far beyond what shrinking leaves (tens), and small
// enough that the differential's page supply (pages per op) stays a few hundred MiB.
inline constexpr size_t kMaxTraceOps = 4096;

struct OpField {
  std::string key, value;
  size_t col;  // 1-based column of the value, for messages
};
struct OpLine {
  std::string name;
  size_t col = 1;               // of the name
  std::vector<OpField> fields;  // in the order written
};

// Splits an op line; on error returns nullopt and sets *why to "column C: what is wrong".
std::optional<OpLine> split_op_line(std::string_view line, std::string *why);

// Takes an op line's fields by name, each exactly once.
class FieldReader {
 public:
  explicit FieldReader(const OpLine &line) : line_(line) {}
  // parse(kind, text, why) -> optional<uint64_t>, as each component's field table has.
  template <typename Kind, typename Parse, typename T>
  bool take(const char *field, Kind kind, Parse parse, T &dst, std::string *why) {
    for (const auto &f : line_.fields)
      if (f.key == field) {
        auto val = parse(kind, f.value, why);
        if (!val) {
          *why = "column " + std::to_string(f.col) + ": " + field + ": " + *why;
          return false;
        }
        dst = static_cast<T>(*val);
        used_++;
        return true;
      }
    *why = "column " + std::to_string(line_.col) + ": missing field " + std::string(field) + "=";
    return false;
  }
  bool all_used() const { return used_ == line_.fields.size(); }

 private:
  const OpLine &line_;
  size_t used_ = 0;
};

struct TraceHeader {
  Profile profile;
  std::optional<BugId> bug;
};

// Parses "# splicecheck <component> <profile> [bug]" for component c. The bug is a
// profile or mutant row of c that applies to the profile: what a trace can show.
std::optional<TraceHeader> parse_trace_header(std::string_view line, Component c, std::string *why);
std::string format_trace_header(Component c, Profile p, std::optional<BugId> bug);

// A whole trace: the header, then one op per line (at most kMaxTraceOps); later '#'
// lines and blank lines are comments. On error returns false and sets *why to
// "line N, column C: what is wrong".
template <typename Trace, typename ParseOp>
bool parse_trace_text(std::string_view text, Component c, ParseOp parse_op, Trace *trace, std::string *why) {
  TextLines lines(text);
  bool header = false;
  auto fail = [&](const std::string &what) {
    *why = "line " + std::to_string(std::max<size_t>(lines.number(), 1)) + ", " + what;
    return false;
  };
  for (std::string_view line; lines.next(&line);) {
    std::string err;
    if (!header) {
      auto h = parse_trace_header(line, c, &err);
      if (!h)
        return fail(err);
      trace->profile = h->profile;
      trace->bug = h->bug;
      header = true;
      continue;
    }
    auto first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#')
      continue;
    if (trace->ops.size() == kMaxTraceOps)
      return fail("column 1: more than " + std::to_string(kMaxTraceOps) + " ops (a trace holds at most " +
                  std::to_string(kMaxTraceOps) + ")");
    auto op = parse_op(line, &err);
    if (!op)
      return fail(err.rfind("column ", 0) == 0 ? err : "column " + std::to_string(first + 1) + ": " + err);
    trace->ops.push_back(*op);
  }
  if (!header)
    return fail("column 1: empty trace: expected header '# splicecheck " + std::string(component_name(c)) +
                " <profile> [bug]'");
  return true;
}

// The trace of an op-sequence component (the header's profile and bug, then its ops),
// printed and parsed with the component's format_op and parse_op.
template <Component C, Profile Default, typename Op> struct OpTrace {
  static constexpr Component component = C;
  Profile profile = Default;
  std::optional<BugId> bug;
  std::vector<Op> ops;
  bool operator==(const OpTrace &) const = default;
};

template <typename Trace, typename FormatOp> std::string format_op_trace(const Trace &trace, FormatOp format_op) {
  std::string out = format_trace_header(Trace::component, trace.profile, trace.bug);
  for (const auto &op : trace.ops)
    out += format_op(op) + "\n";
  return out;
}

template <typename Trace, typename ParseOp>
std::optional<Trace> parse_op_trace(std::string_view text, ParseOp parse_op, std::string *why) {
  Trace trace;
  if (!parse_trace_text(text, Trace::component, parse_op, &trace, why))
    return std::nullopt;
  return trace;
}


}  // namespace sc
