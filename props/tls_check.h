// SPDX-License-Identifier: GPL-2.0-only
// Judges one TLS scenario: the model's records and the kernel mirror's wire stream of
// one profile and path, against every check of api/tls_checks.def.
#pragma once

#include <api/bugs.h>
#include <api/profiles.h>
#include <api/tls_scenario.h>

#include <bitset>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

namespace sc::tls {

class OpenSslPeer;
struct ImplRun;

#define SC_CHECKS_DEF <api/tls_checks.def>
#include <props/check_table.inc>
#undef SC_CHECKS_DEF

// The first broken check, in precedence order, or nullopt. With a peer, the impl seals
// with the peer's handshake keys and the peer reads the stream; without, the fixed test
// keys are used and peer_reads_back is not judged.
std::optional<Finding> judge(const Scenario &s, Profile profile, Path path, OpenSslPeer *peer);

// The profile rows whose trigger holds at op_index of a run of s (props/tls_triggers.cc).
std::vector<BugId> triggers_at(const Scenario &s, const ImplRun &run, size_t op_index);

}  // namespace sc::tls
