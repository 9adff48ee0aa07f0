// SPDX-License-Identifier: GPL-2.0-only
// The TLS rows of the boundary × path table (props/boundary.h): what one scenario offers
// one record — payload bytes against 16384 or TLS_TX_MAX_PAYLOAD_LEN, page entries
// against sk_msg's 17 (software) or the device record's 16 frags — at the op that
// brings it there, on that op's path; and on the software path, the pass of its op at
// which a socket-memory wait fails.
#pragma once

#include <api/profiles.h>
#include <api/tls_scenario.h>

namespace sc::tls {

// The cells a run of `profile` on `path` can reach, listed before any case runs.
void declare_boundaries(Profile profile, Path path);
void mark_boundaries(const Scenario &s, Profile profile, Path path);
// Where the model says a socket-memory wait failed (sndbuf): the passes of its op before
// it, against 1 (the op's first pass, its second, a later one).
void mark_failed_waits(const Scenario &s, Profile profile, Path path);

}  // namespace sc::tls
