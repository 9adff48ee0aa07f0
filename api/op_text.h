// SPDX-License-Identifier: GPL-2.0-only
// What every component's text form shares: "Name key=value ..." op lines and the trace
// header "# splicecheck <component> <profile> [bug]".
#pragma once

#include <api/bugs.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sc {

struct OpLine {
  std::string name;
  std::vector<std::pair<std::string, std::string>> fields;  // in the order written
};

// Splits an op line; on error returns nullopt and sets *why.
std::optional<OpLine> split_op_line(std::string_view line, std::string *why);

// Takes an op line's fields by name, each exactly once.
class FieldReader {
 public:
  explicit FieldReader(const OpLine &line) : line_(line) {}
  // parse(kind, text, why) -> optional<uint64_t>, as each component's field table has.
  template <typename Kind, typename Parse, typename T>
  bool take(const char *field, Kind kind, Parse parse, T &dst, std::string *why) {
    for (const auto &[k, v] : line_.fields)
      if (k == field) {
        auto val = parse(kind, v, why);
        if (!val) {
          *why = std::string(field) + ": " + *why;
          return false;
        }
        dst = static_cast<T>(*val);
        used_++;
        return true;
      }
    *why = "missing field " + std::string(field) + "=";
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

// Parses "# splicecheck <component> <profile> [bug]" for component c.
std::optional<TraceHeader> parse_trace_header(std::string_view line, Component c, std::string *why);
std::string format_trace_header(Component c, Profile p, std::optional<BugId> bug);

// A whole trace: the header, then one op per line; later '#' lines and blank lines are
// comments. On error returns false and sets *why to "line N: what is wrong".
template <typename Trace, typename ParseOp>
bool parse_trace_text(std::string_view text, Component c, ParseOp parse_op, Trace *trace, std::string *why) {
  size_t lineno = 0;
  bool header = false;
  for (size_t pos = 0; pos < text.size();) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    lineno++;
    std::string err;
    if (!header) {
      auto h = parse_trace_header(line, c, &err);
      if (!h) {
        *why = "line " + std::to_string(lineno) + ": " + err;
        return false;
      }
      trace->profile = h->profile;
      trace->bug = h->bug;
      header = true;
      continue;
    }
    auto first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line[first] == '#')
      continue;
    auto op = parse_op(line, &err);
    if (!op) {
      *why = "line " + std::to_string(lineno) + ": " + err;
      return false;
    }
    trace->ops.push_back(*op);
  }
  if (!header) {
    *why = "line " + std::to_string(lineno) + ": empty trace: expected header '# splicecheck " +
           component_name(c) + " <profile> [bug]'";
    return false;
  }
  return true;
}

}  // namespace sc
