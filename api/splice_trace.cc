// SPDX-License-Identifier: GPL-2.0-only
#include <api/splice_trace.h>

#include <api/op_text.h>


namespace sc::splice {

std::string format_trace(const Trace &trace) {
  std::string out = format_trace_header(Component::splice, trace.profile, trace.bug);
  for (const auto &op : trace.ops)
    out += format_op(op) + "\n";
  return out;
}

std::optional<Trace> parse_trace(std::string_view text, std::string *why) {
  Trace trace;
  if (!parse_trace_text(text, Component::splice, parse_op, &trace, why))
    return std::nullopt;
  return trace;
}

}  // namespace sc::splice
