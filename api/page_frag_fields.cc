// SPDX-License-Identifier: GPL-2.0-only
#include <api/page_frag_fields.h>

#include <api/op_text.h>

#include <linux/gfp_types.h>

#include <utility>

namespace sc::alloc {
namespace {

// Composite masks first, so GFP_KERNEL prints as itself rather than as its bits.
constexpr std::pair<const char *, uint32_t> kGfpNames[] = {
    {"GFP_KERNEL", GFP_KERNEL},
    {"GFP_ATOMIC", GFP_ATOMIC},
    {"__GFP_HIGH", __GFP_HIGH},
    {"__GFP_IO", __GFP_IO},
    {"__GFP_FS", __GFP_FS},
    {"__GFP_ZERO", __GFP_ZERO},
    {"__GFP_COMP", __GFP_COMP},
    {"__GFP_NOWARN", __GFP_NOWARN},
    {"__GFP_NORETRY", __GFP_NORETRY},
    {"__GFP_NOMEMALLOC", __GFP_NOMEMALLOC},
    {"__GFP_DIRECT_RECLAIM", __GFP_DIRECT_RECLAIM},
    {"__GFP_KSWAPD_RECLAIM", __GFP_KSWAPD_RECLAIM},
    {"__GFP_MEMALLOC", __GFP_MEMALLOC},
};

constexpr std::pair<const char *, SupplyFault> kModes[] = {
    {"none", SupplyFault::none}, {"high_order", SupplyFault::high_order}, {"all", SupplyFault::all}};

}  // namespace

std::string format_gfp(uint32_t gfp) {
  std::string out;
  uint32_t left = gfp;
  for (auto [name, mask] : kGfpNames) {
    if ((left & mask) == mask && mask) {
      out += out.empty() ? "" : "|";
      out += name;
      left &= ~mask;
    }
  }
  return out.empty() ? "0" : out;
}

std::optional<uint32_t> parse_gfp(std::string_view text) {
  if (text == "0")
    return 0;
  // Every '|'-separated word a known name: "", "GFP_KERNEL|" and "|__GFP_ZERO" are not masks.
  uint32_t gfp = 0;
  for (size_t start = 0;;) {
    size_t bar = text.find('|', start);
    auto word = text.substr(start, bar == std::string_view::npos ? bar : bar - start);
    bool known = false;
    for (auto [name, mask] : kGfpNames)
      if (word == name) {
        gfp |= mask;
        known = true;
      }
    if (!known)
      return std::nullopt;
    if (bar == std::string_view::npos)
      return gfp;
    start = bar + 1;
  }
}

std::pair<uint64_t, uint64_t> field_range(FieldKind kind) {
  switch (kind) {
  case FieldKind::Cpu:
    return {0, kMaxCpus - 1};
  case FieldKind::Size:
    return {0, kMaxFragSize};
  case FieldKind::Align:
    return {1, kMaxAlign};
  case FieldKind::Live:
    return {0, kMaxTraceOps - 1};  // no trace has more live fragments than ops
  case FieldKind::Count:
    return {0, UINT32_MAX};
  case FieldKind::Gfp:
  case FieldKind::Mode:
  case FieldKind::Bool:
    break;
  }
  return {0, 0};
}

std::string format_field(FieldKind kind, uint64_t value) {
  switch (kind) {
  case FieldKind::Gfp:
    return format_gfp(static_cast<uint32_t>(value));
  case FieldKind::Mode:
    return value < std::size(kModes) ? kModes[value].first : "?";
  case FieldKind::Bool:
    return value ? "on" : "off";
  case FieldKind::Cpu:
  case FieldKind::Size:
  case FieldKind::Align:
  case FieldKind::Live:
  case FieldKind::Count:
    return std::to_string(value);
  }
  return "?";
}

std::optional<uint64_t> parse_field(FieldKind kind, std::string_view text, std::string *why) {
  auto fail = [&](std::string msg) -> std::optional<uint64_t> {
    *why = std::move(msg);
    return std::nullopt;
  };
  switch (kind) {
  case FieldKind::Gfp: {
    if (text.empty())
      return fail("gfp= needs flags (e.g. GFP_KERNEL|__GFP_ZERO, or 0)");
    auto g = parse_gfp(text);
    if (!g)
      return fail("unknown gfp flags '" + std::string(text) + "' (e.g. GFP_KERNEL|__GFP_ZERO)");
    return *g;
  }
  case FieldKind::Mode:
    for (size_t i = 0; i < std::size(kModes); i++)
      if (text == kModes[i].first)
        return i;
    return fail("fault mode must be none, high_order or all, not '" + std::string(text) + "'");
  case FieldKind::Bool:
    if (text == "on" || text == "off")
      return text == "on";
    return fail("expected on or off, not '" + std::string(text) + "'");
  case FieldKind::Cpu:
  case FieldKind::Size:
  case FieldKind::Align:
  case FieldKind::Live:
  case FieldKind::Count:
    break;
  }
  auto [lo, hi] = field_range(kind);
  auto v = parse_number(text, lo, hi);
  if (kind == FieldKind::Align && (!v || (*v & (*v - 1))))
    return fail("align must be a power of two from 1 to " + std::to_string(kMaxAlign) + ", not '" +
                std::string(text) + "'");
  if (!v)
    return fail("'" + std::string(text) + "' is not a whole number from " + std::to_string(lo) + " to " +
                std::to_string(hi));
  return v;
}

}  // namespace sc::alloc

namespace sc::alloc {

bool gfp_zeroes(uint32_t gfp) { return gfp & __GFP_ZERO; }
bool gfp_allows_reserves(uint32_t gfp) { return !(gfp & __GFP_NOMEMALLOC); }
uint32_t gfp_kernel() { return GFP_KERNEL; }
uint32_t gfp_atomic() { return GFP_ATOMIC; }
uint32_t gfp_zero() { return __GFP_ZERO; }

}  // namespace sc::alloc
