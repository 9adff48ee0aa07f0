// SPDX-License-Identifier: GPL-2.0-only
#include <api/page_frag_trace.h>

#include <api/op_text.h>


namespace sc::alloc {

std::string format_trace(const Trace &trace) {
  std::string out = format_trace_header(Component::alloc, trace.profile, trace.bug);
  for (const auto &op : trace.ops)
    out += format_op(op) + "\n";
  return out;
}

std::optional<Trace> parse_trace(std::string_view text, std::string *why) {
  Trace trace;
  if (!parse_trace_text(text, Component::alloc, parse_op, &trace, why))
    return std::nullopt;
  return trace;
}

}  // namespace sc::alloc
