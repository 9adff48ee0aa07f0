// SPDX-License-Identifier: GPL-2.0-only
// Random scenarios for the real-kernel oracle: deterministic per seed, only ops a syscall
// can do (no in-kernel sendpage), reaching every op kind, both TLS versions, long MSG_MORE
// chains of small splices (records closed at the sk_msg entry limit), control records,
// and the payload-length option where the kernel has it.
#pragma once

#include <api/tls_scenario.h>

#include <cstdint>
#include <vector>

namespace sc::oracle {

std::vector<tls::Scenario> random_scenarios(uint64_t seed, int count, bool max_payload);

}  // namespace sc::oracle
