// SPDX-License-Identifier: GPL-2.0-only
// `splicecheck kernel-src`: the allocator properties on a kernel tree's own source,
// three-way against the model and our mirror of it, and on each level of a patch series.
#pragma once

#include <cli/options.h>

#include <ostream>

namespace sc::cli {

// Exit: 0 as expected, 1 not, 2 bad usage or input (no such tree, a patch that does not
// apply, a file that does not compile), 77 the source package could not be fetched.
int kernel_src(const Options &o, std::ostream &out, std::ostream &err);

}  // namespace sc::cli
