// SPDX-License-Identifier: GPL-2.0-only
// The field kinds of skb_splice_from_iter()'s op vocabulary: value type, printing,
// parsing and ranges, once for every op that uses them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sc::splice {

inline constexpr uint32_t kMaxBlock = 32768;      // a segment lies in one order-3 block
inline constexpr uint32_t kMaxSplice = 262144;    // maxsize beyond any iterator here
inline constexpr uint32_t kMaxSegments = 16;      // per iterator
inline constexpr uint32_t kMaxFrags = 17;         // MAX_SKB_FRAGS (CONFIG_MAX_SKB_FRAGS default)
inline constexpr uint32_t kMaxPrefill = kMaxFrags;

enum class IterKind : uint8_t { bvec, kvec, ubuf, iovec };
// page: a compound block (page cache, pipe buffers); raw: a non-compound block, whose
// tail pages have refcount 0; slab: kmalloc() memory; user: user memory (UBUF/IOVEC).
enum class Backing : uint8_t { page, raw, slab, user };
enum class Fault : uint8_t { ok, short_count, zero, efault };

enum class FieldKind { IterKind, Backing, Offset, Length, Count, Frags, Bool, Fault };

template <FieldKind K> struct FieldType { using type = uint32_t; };
template <> struct FieldType<FieldKind::IterKind> { using type = IterKind; };
template <> struct FieldType<FieldKind::Backing> { using type = Backing; };
template <> struct FieldType<FieldKind::Fault> { using type = Fault; };
template <> struct FieldType<FieldKind::Bool> { using type = bool; };
template <FieldKind K> using FieldT = typename FieldType<K>::type;

// Every value a field may take: a table index or a number, lo..hi inclusive.
struct FieldRange {
  uint64_t lo, hi;
};
FieldRange field_range(FieldKind kind);
std::string format_field(FieldKind kind, uint64_t value);
// Parses and range-checks one field value; on failure returns nullopt and sets *why.
std::optional<uint64_t> parse_field(FieldKind kind, std::string_view text, std::string *why);

}  // namespace sc::splice
