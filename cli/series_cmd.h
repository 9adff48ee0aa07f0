// SPDX-License-Identifier: GPL-2.0-only
// `splicecheck series`: every allocator property on each level of the series as our
// mirrors model it (pre-series, patches 01..06, then the merged refactor v6.13), and the
// property x level table naming the level where each property breaks or holds again.
#pragma once

#include <cli/options.h>

#include <ostream>

namespace sc::cli {

// Exit: 0 when every level is as expected (its rows found, nothing unexplained), 1 not,
// 2 bad usage.
int series_command(const Options &o, std::ostream &out, std::ostream &err);

}  // namespace sc::cli
