// SPDX-License-Identifier: GPL-2.0-only
// `splicecheck tls`: the records a scenario gives on a kernel profile's software path,
// as the reference model predicts them (the kernel mirror's column comes with it).
#pragma once

#include <cli/options.h>

#include <ostream>

namespace sc::cli {

// Exit: 0, or 2 for bad usage or a malformed scenario (its line and column printed).
int tls_command(const Options &o, std::ostream &out, std::ostream &err);

}  // namespace sc::cli
