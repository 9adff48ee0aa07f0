// SPDX-License-Identifier: GPL-2.0-only
// The page fragment allocator as splicecheck sees it: one op vocabulary, one observation,
// one interface that the reference model and every implementation profile provide.
//
// Contract (SPEC §1.10), for any op sequence against per-cpu caches:
//  - live fragments are disjoint, inside their page and aligned as asked;
//  - a __GFP_ZERO fragment reads 0 at return, whatever the page's history;
//  - a page goes back to the supply exactly when its last reference goes;
//  - pfmemalloc pages are never recycled;
//  - Alloc returns NULL only when the supply fails or fragsz exceeds the page finally held.
// Offsets are part of the observation: profiles carve count-down or count-up, and the
// model predicts which.
#pragma once

#include <api/page_frag_fields.h>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

namespace sc::alloc {

#define SC_OPS_DEF <api/page_frag_ops.def>
#include <api/op_vocabulary.inc>
#undef SC_OPS_DEF

// What one op shows: the fragment an Alloc returned (page by allocation serial, so the
// model's page numbering and the supply's agree), the page the cpu's cache holds after
// it, and pages taken from and given back to the supply during the op.
struct Frag {
  uint64_t page = 0;
  uint32_t page_size = 0;
  uint32_t offset = 0;
  bool operator==(const Frag &) const = default;
};

struct Obs {
  bool is_alloc = false;
  std::optional<Frag> frag;  // Alloc only; nullopt = NULL
  uint64_t cached_page = 0;  // Alloc only; 0 = the cache holds no page
  uint32_t obtained = 0;
  uint32_t released = 0;
  bool operator==(const Obs &) const = default;
};

std::string format_obs(const Obs &obs);

// Dirty: the byte the owner of the n-th fragment handed out (1-based) writes over it.
// Never 0, the stale-page byte or the poison byte, so every history stays tellable.
inline uint8_t owner_pattern(uint64_t fragment_serial) { return static_cast<uint8_t>(0x80 | (fragment_serial & 0x3f)); }

// Both the model and every implementation profile provide this.
class PageFragCache {
 public:
  virtual ~PageFragCache() = default;
  // REQUIRES: valid(op) — Free/Dirty name a live fragment, cpu < nr_cpus().
  virtual Obs apply(const Op &op) = 0;
  virtual size_t live_count() const = 0;
};

}  // namespace sc::alloc
