// SPDX-License-Identifier: GPL-2.0-only
// skb_splice_from_iter() as splicecheck sees it: one op vocabulary, one observation, one
// interface that the reference model and every implementation profile provide.
//
// Contract (SPEC §2.9), per Splice{maxsize} on the current iterator:
//  - the frags, concatenated, gain exactly the first `ret` source bytes; the iterator
//    advances by `ret` (not at all when ret < 0);
//  - page-backed data is referenced (same page, one more reference per new frag), never
//    copied; a part coalesces into the last frag exactly when same page and contiguous;
//  - no frag is added at the sysctl limit: -EMSGSIZE when nothing could be appended;
//  - slab data never becomes a frag: refused with -EIO (v6.5) or copied into allocator
//    page fragments (series); a page with refcount 0 is refused with -EIO;
//  - len, data_len and truesize grow by exactly `ret`; with CHECKSUM_NONE the checksum
//    covers every spliced byte at its offset;
//  - once the skb is freed every source page's refcount is back where it started.
#pragma once

#include <api/splice_fields.h>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace sc::splice {

#define SC_OPS_DEF <api/splice_ops.def>
#include <api/op_vocabulary.inc>
#undef SC_OPS_DEF

// Memory the harness made for an op (a Seg's source, a Prefill page): both sides get the
// same description; the model reads the identity, the implementation the address.
struct Memory {
  Backing backing = Backing::page;
  uint64_t serial = 0;   // the block's allocation serial in the page supply
  bool compound = true;  // tail pages share the head's refcount
  uint32_t offset = 0;   // first byte's offset in the block
  uint32_t len = 0;
  uint64_t source = 0;   // which source this is, for source_byte()
  uint8_t *addr = nullptr;
};

// One frag as observed: a page of a source block (serial, page index in the block,
// offset in that page), or a copy in allocator memory (only its length is the contract's).
struct FragDesc {
  bool copy = false;
  uint64_t serial = 0;
  uint32_t sub = 0;
  uint32_t offset = 0;
  uint32_t len = 0;
  bool operator==(const FragDesc &) const = default;
};

struct Obs {
  bool is_splice = false;
  int64_t ret = 0;
  uint64_t consumed = 0;  // how far the iterator moved
  std::vector<FragDesc> frags;
  uint32_t len = 0, data_len = 0, truesize = 0;
  bool software_csum = false;
  uint16_t csum = 0;  // folded, when software_csum
  bool operator==(const Obs &) const = default;
};

std::string format_obs(const Obs &obs);

// The source byte at position `i` of a segment (or prefill page) number `n`: every byte
// of every source is tellable from every other.
inline uint8_t source_byte(uint64_t n, uint64_t i) { return static_cast<uint8_t>((n * 131 + i * 7 + (i >> 8) + 1) & 0xff); }

class SkbSplicer {
 public:
  virtual ~SkbSplicer() = default;
  // REQUIRES: valid(op); `fresh` is the memory the harness made for this op.
  virtual Obs apply(const Op &op, const std::vector<Memory> &fresh) = 0;
};

}  // namespace sc::splice
