// SPDX-License-Identifier: GPL-2.0-only
#include <api/page_frag_fields.h>

#include <linux/gfp_types.h>

#include <charconv>
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

std::optional<uint64_t> number(std::string_view text) {
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty())
    return std::nullopt;
  return v;
}

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
  uint32_t gfp = 0;
  while (!text.empty()) {
    auto bar = text.find('|');
    auto word = text.substr(0, bar);
    bool known = false;
    for (auto [name, mask] : kGfpNames)
      if (word == name) {
        gfp |= mask;
        known = true;
      }
    if (!known)
      return std::nullopt;
    text = bar == std::string_view::npos ? std::string_view{} : text.substr(bar + 1);
  }
  return gfp;
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
  auto v = number(text);
  if (!v)
    return fail("expected a non-negative number, not '" + std::string(text) + "'");
  if (kind == FieldKind::Cpu && *v >= kMaxCpus)
    return fail("cpu " + std::to_string(*v) + " out of range 0.." + std::to_string(kMaxCpus - 1));
  if (kind == FieldKind::Size && *v > kMaxFragSize)
    return fail("fragsz " + std::to_string(*v) + " exceeds " + std::to_string(kMaxFragSize));
  if (kind == FieldKind::Align && (*v == 0 || (*v & (*v - 1)) || *v > kMaxAlign))
    return fail("align must be a power of two from 1 to " + std::to_string(kMaxAlign));
  if ((kind == FieldKind::Live || kind == FieldKind::Count) && *v > UINT32_MAX)
    return fail("number out of range");
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
