// SPDX-License-Identifier: GPL-2.0-only
// Allocator ops as fuzz bytes, expanded from api/page_frag_ops.def.
#include <api/codec.h>

#include <bit>
#include <iterator>
#include <linux/gfp_types.h>

namespace sc::alloc {
namespace {

// What callers pass; any other mask goes as single flags.
constexpr uint32_t kCallerGfps[] = {GFP_KERNEL, GFP_ATOMIC, GFP_KERNEL | __GFP_ZERO, GFP_ATOMIC | __GFP_ZERO};
constexpr uint64_t kOtherGfp = std::size(kCallerGfps);
constexpr uint32_t kSingleGfps[] = {__GFP_HIGH,     __GFP_IO,         __GFP_FS,
                                    __GFP_ZERO,     __GFP_COMP,       __GFP_NOWARN,
                                    __GFP_NORETRY,  __GFP_NOMEMALLOC, __GFP_DIRECT_RECLAIM,
                                    __GFP_KSWAPD_RECLAIM, __GFP_MEMALLOC};

uint64_t decode_field(FieldKind kind, ByteReader &in) {
  switch (kind) {
  case FieldKind::Cpu:
    return in.in_range(0, kMaxCpus - 1);
  case FieldKind::Size:
    return in.in_range(0, kMaxFragSize);
  case FieldKind::Gfp: {
    uint64_t pick = in.in_range(0, kOtherGfp);
    if (pick < kOtherGfp)
      return kCallerGfps[pick];
    uint64_t bits = in.in_range(0, (1u << std::size(kSingleGfps)) - 1);
    uint32_t gfp = 0;
    for (size_t i = 0; i < std::size(kSingleGfps); i++)
      if (bits & (1u << i))
        gfp |= kSingleGfps[i];
    return gfp;
  }
  case FieldKind::Align:
    return uint64_t{1} << in.in_range(0, std::countr_zero(kMaxAlign));
  case FieldKind::Live:
    return in.in_range(0, UINT16_MAX);
  case FieldKind::Mode:
    return in.in_range(0, 2);
  case FieldKind::Count:
    return in.in_range(0, UINT16_MAX);
  case FieldKind::Bool:
    return in.in_range(0, 1);
  }
  return 0;
}

bool encode_field(FieldKind kind, uint64_t v, ByteWriter &out) {
  switch (kind) {
  case FieldKind::Cpu:
    return out.in_range(v, 0, kMaxCpus - 1);
  case FieldKind::Size:
    return out.in_range(v, 0, kMaxFragSize);
  case FieldKind::Gfp: {
    for (uint64_t i = 0; i < kOtherGfp; i++)
      if (kCallerGfps[i] == v)
        return out.in_range(i, 0, kOtherGfp);
    uint64_t bits = 0, left = v;
    for (size_t i = 0; i < std::size(kSingleGfps); i++)
      if (v & kSingleGfps[i]) {
        bits |= 1u << i;
        left &= ~uint64_t{kSingleGfps[i]};
      }
    return left == 0 && out.in_range(kOtherGfp, 0, kOtherGfp) &&
           out.in_range(bits, 0, (1u << std::size(kSingleGfps)) - 1);
  }
  case FieldKind::Align:
    return std::has_single_bit(v) && out.in_range(std::countr_zero(v), 0, std::countr_zero(kMaxAlign));
  case FieldKind::Live:
  case FieldKind::Count:
    return out.in_range(v, 0, UINT16_MAX);
  case FieldKind::Mode:
    return out.in_range(v, 0, 2);
  case FieldKind::Bool:
    return out.in_range(v, 0, 1);
  }
  return false;
}

}  // namespace

#define SC_OPS_DEF <api/page_frag_ops.def>
#include <api/op_codec.inc>
#undef SC_OPS_DEF

}  // namespace sc::alloc
