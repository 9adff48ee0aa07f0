// SPDX-License-Identifier: GPL-2.0-only
// Judges one TLS scenario: the model's records and the kernel mirror's wire stream of
// one profile and path, against every check of api/tls_checks.def.
#pragma once

#include <api/profiles.h>
#include <api/tls_scenario.h>

#include <bitset>
#include <optional>
#include <string>

namespace sc::tls {

class OpenSslPeer;

enum class Check {
#define TLS_CHECK(id, help) id,
#include <api/tls_checks.def>
#undef TLS_CHECK
};
inline constexpr size_t kChecks = 0
#define TLS_CHECK(id, help) +1
#include <api/tls_checks.def>
#undef TLS_CHECK
    ;
using CheckSet = std::bitset<kChecks>;

const char *check_name(Check c);
const char *check_help(Check c);
std::optional<Check> parse_check(std::string_view name);

struct Finding {
  Check check;
  size_t op_index = 0;  // 1-based op where it shows; 0 when it is the whole stream's
  std::string divergence;
};

// The first broken check, in precedence order, or nullopt. With a peer, the impl seals
// with the peer's handshake keys and the peer reads the stream; without, the fixed test
// keys are used and peer_reads_back is not judged.
std::optional<Finding> judge(const Scenario &s, Profile profile, Path path, OpenSslPeer *peer);

}  // namespace sc::tls
