// SPDX-License-Identifier: GPL-2.0-only
// The TLS rows of the boundary × path table (props/boundary.h): what one scenario offers
// one record — payload bytes against 16384 or TLS_TX_MAX_PAYLOAD_LEN, page entries
// against sk_msg's 17 (software) or the device record's 16 frags — at the op that
// brings it there, on that op's path.
#pragma once

#include <api/profiles.h>
#include <api/tls_scenario.h>

namespace sc::tls {

// The cells a run of `profile` on `path` can reach, listed before any case runs.
void declare_boundaries(Profile profile, Path path);
void mark_boundaries(const Scenario &s, Profile profile, Path path);

}  // namespace sc::tls
