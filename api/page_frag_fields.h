// SPDX-License-Identifier: GPL-2.0-only
// The field kinds of the allocator's op vocabulary: value type, printing, parsing and
// range rules, written once for every op that uses them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace sc::alloc {

inline constexpr unsigned kMaxCpus = 8;          // virtual cpus an op may name
inline constexpr uint32_t kMaxFragSize = 65536;  // larger than any cache page, to reach NULL paths
inline constexpr uint32_t kMaxAlign = 32768;     // up to the order-3 page size

enum class SupplyFault : uint8_t { none, high_order, all };

enum class FieldKind { Cpu, Size, Gfp, Align, Live, Mode, Count, Bool };

template <FieldKind K> struct FieldType { using type = uint32_t; };
template <> struct FieldType<FieldKind::Mode> { using type = SupplyFault; };
template <> struct FieldType<FieldKind::Bool> { using type = bool; };
template <FieldKind K> using FieldT = typename FieldType<K>::type;

std::string format_gfp(uint32_t gfp);
std::optional<uint32_t> parse_gfp(std::string_view text);

// The numeric kinds' ranges, lo..hi inclusive (Cpu, Size, Align, Live, Count).
std::pair<uint64_t, uint64_t> field_range(FieldKind kind);
std::string format_field(FieldKind kind, uint64_t value);
// Parses and range-checks one field value; on failure returns nullopt and sets *why.
std::optional<uint64_t> parse_field(FieldKind kind, std::string_view text, std::string *why);

}  // namespace sc::alloc

namespace sc::alloc {

// gfp facts the model needs without seeing the shim's bit values.
bool gfp_zeroes(uint32_t gfp);
bool gfp_allows_reserves(uint32_t gfp);
uint32_t gfp_kernel();
uint32_t gfp_atomic();
uint32_t gfp_zero();

}  // namespace sc::alloc
