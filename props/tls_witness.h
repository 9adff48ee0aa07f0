// SPDX-License-Identifier: GPL-2.0-only
// Rows of kind `observation` are behaviour, not bugs: a scenario on which the row's
// profile and a later one split records differently. A witness shows the difference on
// the model and that the kernel mirror of each profile agrees with the model there.
#pragma once

#include <api/bugs.h>
#include <api/profiles.h>

#include <optional>
#include <ostream>

namespace sc::tls {

struct Witness {
  BugId row;
  Profile then, now;  // the profile the row describes, and one where it no longer holds
  const char *scenario;
};

// The witness of an observation row, or nullopt when the row has none.
std::optional<Witness> witness_of(BugId row);

// Runs the witness, prints both profiles' records (model and impl) and returns true when
// the profiles differ and the impl matches the model on each.
bool observe(const Witness &w, std::ostream &out);

}  // namespace sc::tls
