// SPDX-License-Identifier: GPL-2.0-only
// Printing and parsing of allocator ops, expanded from api/page_frag_ops.def.
#include <api/page_frag.h>

#include <sstream>
#include <vector>

namespace sc::alloc {
namespace {

constexpr const char *kNames[] = {
#define PAGE_FRAG_OP(Name, help, fields) #Name,
#include <api/page_frag_ops.def>
#undef PAGE_FRAG_OP
};

// "key=value" pairs after the op name, in the order the table lists the fields.
std::vector<std::pair<std::string, std::string>> split_fields(std::istringstream &in, std::string *why) {
  std::vector<std::pair<std::string, std::string>> out;
  for (std::string w; in >> w;) {
    auto eq = w.find('=');
    if (eq == std::string::npos || eq == 0) {
      *why = "expected key=value, not '" + w + "'";
      return {};
    }
    out.emplace_back(w.substr(0, eq), w.substr(eq + 1));
  }
  return out;
}

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
  std::istringstream in{std::string(line)};
  std::string name;
  in >> name;
  auto kv = split_fields(in, why);
  if (!why->empty())
    return std::nullopt;
  size_t used = 0;
  // Each field must appear once, by name; extra or missing fields are errors.
  auto take = [&](const char *field, FieldKind kind, auto &dst) -> bool {
    for (auto &[k, v] : kv)
      if (k == field) {
        auto val = parse_field(kind, v, why);
        if (!val) {
          *why = std::string(field) + ": " + *why;
          return false;
        }
        dst = static_cast<std::remove_reference_t<decltype(dst)>>(*val);
        used++;
        return true;
      }
    *why = "missing field " + std::string(field) + "=";
    return false;
  };
#define FIELD(kind, name) \
  if (!take(#name, FieldKind::kind, o.name)) return std::nullopt;
#define PAGE_FRAG_OP(Name, help, fields)                                              \
  if (name == #Name) {                                                                \
    Name o;                                                                           \
    fields                                                                            \
    if (used != kv.size()) {                                                          \
      *why = "unknown or repeated field in " #Name;                                   \
      return std::nullopt;                                                            \
    }                                                                                 \
    return Op{o};                                                                     \
  }
#include <api/page_frag_ops.def>
#undef PAGE_FRAG_OP
#undef FIELD
  *why = name.empty() ? "empty op" : "unknown op '" + name + "'";
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
