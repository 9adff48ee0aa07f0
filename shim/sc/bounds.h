// SPDX-License-Identifier: GPL-2.0-only
// Writes past a fixed-size kernel array (sk_msg rings, device record frags) that the
// shim refused: each is a finding for the harness, never undefined behaviour.
#pragma once

#include <string>
#include <vector>

namespace sc::shim {

// The overruns recorded on this thread since the last call, as "array: index I of N".
std::vector<std::string> take_overruns();

}  // namespace sc::shim
