// SPDX-License-Identifier: GPL-2.0-only
// skb_splice_from_iter() ops as fuzz bytes, expanded from api/splice_ops.def; every field
// takes the range its text form accepts.
#include <api/codec.h>

namespace sc::splice {
namespace {

uint64_t decode_field(FieldKind kind, ByteReader &in) {
  auto r = field_range(kind);
  return in.in_range(r.lo, r.hi);
}

bool encode_field(FieldKind kind, uint64_t v, ByteWriter &out) {
  auto r = field_range(kind);
  return out.in_range(v, r.lo, r.hi);
}

}  // namespace

#define SC_OPS_DEF <api/splice_ops.def>
#include <api/op_codec.inc>
#undef SC_OPS_DEF

}  // namespace sc::splice
