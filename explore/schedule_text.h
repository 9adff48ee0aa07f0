// SPDX-License-Identifier: GPL-2.0-only
// A schedule's text form, the last field of a replay string: the choices taken at each
// scheduling point, runs written CHOICE*COUNT, '.'-separated ("0*9.1*2.0*3"; "-" for none).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sc::explore {

inline constexpr uint32_t kMaxChoice = 63;                // options at one point (tasks)
inline constexpr size_t kMaxScheduleDecisions = 1000000;  // a replay's length

std::string encode_decisions(const std::vector<uint32_t> &d);
// On error returns nullopt and sets *why to "bad schedule token 'T' at column C ...".
std::optional<std::vector<uint32_t>> decode_decisions(std::string_view s, std::string *why);

}  // namespace sc::explore
