// SPDX-License-Identifier: GPL-2.0-only
// Printing and parsing of allocator ops, expanded from api/page_frag_ops.def.
#include <api/page_frag.h>

#include <api/op_text.h>

#include <sstream>
#include <vector>

namespace sc::alloc {
namespace {

constexpr const char *kNames[] = {
#define PAGE_FRAG_OP(Name, help, fields) #Name,
#include <api/page_frag_ops.def>
#undef PAGE_FRAG_OP
};

}  // namespace

const char *op_name(OpKind kind) { return kNames[static_cast<size_t>(kind)]; }
OpKind op_kind(const Op &op) { return static_cast<OpKind>(op.index()); }

std::string format_op(const Op &op) {
  std::string out;
  switch (op_kind(op)) {
#define FIELD(kind, name) \
  out += " " #name "=" + format_field(FieldKind::kind, static_cast<uint64_t>(o.name));
#define PAGE_FRAG_OP(Name, help, fields) \
  case OpKind::Name: {                   \
    const auto &o = std::get<Name>(op);  \
    out = #Name;                         \
    fields                               \
    break;                               \
  }
#include <api/page_frag_ops.def>
#undef PAGE_FRAG_OP
#undef FIELD
  }
  return out;
}

std::optional<Op> parse_op(std::string_view line, std::string *why) {
  why->clear();
  auto parsed = split_op_line(line, why);
  if (!parsed)
    return std::nullopt;
  const std::string &name = parsed->name;
  FieldReader reader(*parsed);
#define FIELD(kind, name) \
  if (!reader.take(#name, FieldKind::kind, parse_field, o.name, why)) return std::nullopt;
#define PAGE_FRAG_OP(Name, help, fields)                                              \
  if (name == #Name) {                                                                \
    Name o;                                                                           \
    fields                                                                            \
    if (!reader.all_used()) {                                                          \
      *why = "unknown or repeated field in " #Name;                                   \
      return std::nullopt;                                                            \
    }                                                                                 \
    return Op{o};                                                                     \
  }
#include <api/page_frag_ops.def>
#undef PAGE_FRAG_OP
#undef FIELD
  *why = "unknown op '" + name + "'";
  return std::nullopt;
}

std::string format_obs(const Obs &obs) {
  std::string out;
  if (obs.is_alloc) {
    if (obs.frag)
      out = "frag page=#" + std::to_string(obs.frag->page) + " size=" + std::to_string(obs.frag->page_size) +
            " offset=" + std::to_string(obs.frag->offset) + " ";
    else
      out = "NULL ";
    out += obs.cached_page ? "cached=#" + std::to_string(obs.cached_page) + " " : "cached=none ";
  }
  return out + "obtained=" + std::to_string(obs.obtained) + " released=" + std::to_string(obs.released);
}

}  // namespace sc::alloc
