// SPDX-License-Identifier: GPL-2.0-only
// skb_splice_from_iter() ops as fuzz bytes, expanded from api/splice_ops.def; every field
// takes the range its text form accepts.
#include <api/codec.h>

namespace sc::splice {

std::vector<Op> decode_ops(ByteReader &in) {
  std::vector<Op> ops;
  while (!in.done() && ops.size() < kFuzzMaxOps) {
    switch (static_cast<OpKind>(in.in_range(0, kOpKinds - 1))) {
#define FIELD(kind, name)                                                  \
  {                                                                        \
    auto r = field_range(FieldKind::kind);                                 \
    o.name = static_cast<decltype(o.name)>(in.in_range(r.lo, r.hi));       \
  }
#define SC_OP(Name, help, fields) \
  case OpKind::Name: {                \
    [[maybe_unused]] Name o;          \
    fields                            \
    ops.push_back(o);                 \
    break;                            \
  }
#include <api/splice_ops.def>
#undef SC_OP
#undef FIELD
    }
  }
  return ops;
}

bool encode_ops(const std::vector<Op> &ops, ByteWriter &out, std::string *why) {
  auto one = [](const Op &op, ByteWriter &w) {
    w.in_range(op.index(), 0, kOpKinds - 1);
    bool ok = true;
    switch (op_kind(op)) {
#define FIELD(kind, name)                                                \
  {                                                                      \
    auto r = field_range(FieldKind::kind);                               \
    ok = ok && w.in_range(static_cast<uint64_t>(o.name), r.lo, r.hi);    \
  }
#define SC_OP(Name, help, fields)                        \
  case OpKind::Name: {                                       \
    [[maybe_unused]] const auto &o = std::get<Name>(op);     \
    fields                                                   \
    break;                                                   \
  }
#include <api/splice_ops.def>
#undef SC_OP
#undef FIELD
    }
    return ok;
  };
  return encode_each(ops, kFuzzMaxOps, out, why, one, format_op);
}

}  // namespace sc::splice
