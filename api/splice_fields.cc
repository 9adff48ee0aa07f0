// SPDX-License-Identifier: GPL-2.0-only
#include <api/splice_fields.h>

#include <charconv>
#include <iterator>

namespace sc::splice {
namespace {

constexpr const char *kIterKinds[] = {"bvec", "kvec", "ubuf", "iovec"};
constexpr const char *kBackings[] = {"page", "raw", "slab", "user"};
constexpr const char *kFaults[] = {"ok", "short", "zero", "efault"};
constexpr const char *kBools[] = {"off", "on"};

template <size_t N> std::optional<uint64_t> name_index(const char *const (&names)[N], std::string_view text) {
  for (size_t i = 0; i < N; i++)
    if (text == names[i])
      return i;
  return std::nullopt;
}

template <size_t N> std::string names_of(const char *const (&names)[N]) {
  std::string out;
  for (const char *n : names)
    out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

std::optional<uint64_t> number(std::string_view text, uint64_t lo, uint64_t hi, std::string *why) {
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v < lo || v > hi) {
    *why = "'" + std::string(text) + "' is not a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
    return std::nullopt;
  }
  return v;
}

}  // namespace

std::string format_field(FieldKind kind, uint64_t value) {
  auto name = [&](const auto &names) { return value < std::size(names) ? std::string(names[value]) : "?"; };
  switch (kind) {
  case FieldKind::IterKind:
    return name(kIterKinds);
  case FieldKind::Backing:
    return name(kBackings);
  case FieldKind::Fault:
    return name(kFaults);
  case FieldKind::Bool:
    return name(kBools);
  default:
    return std::to_string(value);
  }
}

FieldRange field_range(FieldKind kind) {
  switch (kind) {
  case FieldKind::IterKind:
    return {0, std::size(kIterKinds) - 1};
  case FieldKind::Backing:
    return {0, std::size(kBackings) - 1};
  case FieldKind::Fault:
    return {0, std::size(kFaults) - 1};
  case FieldKind::Bool:
    return {0, std::size(kBools) - 1};
  case FieldKind::Offset:
    return {0, kMaxBlock - 1};
  case FieldKind::Length:
    return {0, kMaxSplice};
  case FieldKind::Count:
    return {1, kMaxPrefill};
  case FieldKind::Frags:
    return {1, kMaxFrags};
  }
  return {0, 0};
}

std::optional<uint64_t> parse_field(FieldKind kind, std::string_view text, std::string *why) {
  auto named = [&](const auto &names) -> std::optional<uint64_t> {
    auto v = name_index(names, text);
    if (!v)
      *why = "'" + std::string(text) + "' is not one of " + names_of(names);
    return v;
  };
  switch (kind) {
  case FieldKind::IterKind:
    return named(kIterKinds);
  case FieldKind::Backing:
    return named(kBackings);
  case FieldKind::Fault:
    return named(kFaults);
  case FieldKind::Bool:
    return named(kBools);
  default: {
    auto [lo, hi] = field_range(kind);
    return number(text, lo, hi, why);
  }
  }
}

}  // namespace sc::splice
