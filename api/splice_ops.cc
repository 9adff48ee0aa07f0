// SPDX-License-Identifier: GPL-2.0-only
// Printing and parsing of splice ops, expanded from api/splice_ops.def.
#include <api/splice.h>

#include <api/op_text.h>

namespace sc::splice {
namespace {

constexpr const char *kNames[] = {
#define SPLICE_OP(Name, help, fields) #Name,
#include <api/splice_ops.def>
#undef SPLICE_OP
};

}  // namespace

const char *op_name(OpKind kind) { return kNames[static_cast<size_t>(kind)]; }
OpKind op_kind(const Op &op) { return static_cast<OpKind>(op.index()); }

std::string format_op(const Op &op) {
  std::string out;
  switch (op_kind(op)) {
#define FIELD(kind, name) out += " " #name "=" + format_field(FieldKind::kind, static_cast<uint64_t>(o.name));
#define SPLICE_OP(Name, help, fields)   \
  case OpKind::Name: {                  \
    [[maybe_unused]] const auto &o = std::get<Name>(op); \
    out = #Name;                        \
    fields                              \
    break;                              \
  }
#include <api/splice_ops.def>
#undef SPLICE_OP
#undef FIELD
  }
  return out;
}

std::optional<Op> parse_op(std::string_view line, std::string *why) {
  why->clear();
  auto parsed = split_op_line(line, why);
  if (!parsed)
    return std::nullopt;
  FieldReader reader(*parsed);
#define FIELD(kind, name) \
  if (!reader.take(#name, FieldKind::kind, parse_field, o.name, why)) return std::nullopt;
#define SPLICE_OP(Name, help, fields)                 \
  if (parsed->name == #Name) {                        \
    [[maybe_unused]] Name o;                          \
    fields                                            \
    if (!reader.all_used()) {                          \
      *why = "unknown or repeated field in " #Name;   \
      return std::nullopt;                            \
    }                                                 \
    return Op{o};                                     \
  }
#include <api/splice_ops.def>
#undef SPLICE_OP
#undef FIELD
  *why = "unknown op '" + parsed->name + "'";
  return std::nullopt;
}

std::string format_obs(const Obs &obs) {
  if (!obs.is_splice)
    return "-";
  std::string out = "ret=" + std::to_string(obs.ret) + " consumed=" + std::to_string(obs.consumed) + " frags=[";
  for (size_t i = 0; i < obs.frags.size(); i++) {
    const auto &f = obs.frags[i];
    out += i ? " " : "";
    out += f.copy ? "copy:" + std::to_string(f.len)
                  : "#" + std::to_string(f.serial) + "." + std::to_string(f.sub) + "+" + std::to_string(f.offset) +
                        ":" + std::to_string(f.len);
  }
  out += "] len=" + std::to_string(obs.len) + " data_len=" + std::to_string(obs.data_len) +
         " truesize=" + std::to_string(obs.truesize);
  if (obs.software_csum)
    out += " csum=" + std::to_string(obs.csum);
  return out;
}

}  // namespace sc::splice
