// SPDX-License-Identifier: GPL-2.0-only
#include <api/splice_fields.h>

#include <charconv>
#include <iterator>
#include <span>

namespace sc::splice {
namespace {

constexpr const char *kIterKinds[] = {"bvec", "kvec", "ubuf", "iovec"};
constexpr const char *kBackings[] = {"page", "raw", "slab", "user"};
constexpr const char *kFaults[] = {"ok", "short", "zero", "efault"};
constexpr const char *kBools[] = {"off", "on"};

// The names a named field's values have, in value order; empty for a number.
std::span<const char *const> names_for(FieldKind kind) {
  switch (kind) {
  case FieldKind::IterKind:
    return kIterKinds;
  case FieldKind::Backing:
    return kBackings;
  case FieldKind::Fault:
    return kFaults;
  case FieldKind::Bool:
    return kBools;
  default:
    return {};
  }
}

std::optional<uint64_t> name_index(std::span<const char *const> names, std::string_view text) {
  for (size_t i = 0; i < names.size(); i++)
    if (text == names[i])
      return i;
  return std::nullopt;
}

std::string names_of(std::span<const char *const> names) {
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
  auto names = names_for(kind);
  if (names.empty())
    return std::to_string(value);
  return value < names.size() ? std::string(names[value]) : "?";
}

FieldRange field_range(FieldKind kind) {
  if (auto names = names_for(kind); !names.empty())
    return {0, names.size() - 1};
  switch (kind) {
  case FieldKind::Offset:
    return {0, kMaxBlock - 1};
  case FieldKind::Length:
    return {0, kMaxSplice};
  case FieldKind::Count:
    return {1, kMaxPrefill};
  case FieldKind::Frags:
    return {1, kMaxFrags};
  default:
    return {0, 0};
  }
}

std::optional<uint64_t> parse_field(FieldKind kind, std::string_view text, std::string *why) {
  auto names = names_for(kind);
  if (names.empty()) {
    auto [lo, hi] = field_range(kind);
    return number(text, lo, hi, why);
  }
  auto v = name_index(names, text);
  if (!v)
    *why = "'" + std::string(text) + "' is not one of " + names_of(names);
  return v;
}

}  // namespace sc::splice
