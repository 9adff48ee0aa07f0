// SPDX-License-Identifier: GPL-2.0-only
// Builds a kernel tree's page fragment allocator against the shims into a loadable
// profile (a shared object with the glue's entry points). Kernel text is compiled
// unchanged: the whole file for page_frag_cache.c, the extracted page_frag functions for
// page_alloc.c (with their struct copied, and a reference to where it came from).
#pragma once

#include <kernel-src/tree.h>

#include <optional>
#include <string>
#include <vector>

namespace sc::ksrc {

struct Built {
  fs::path shared_object;
  std::string summary;  // what was compiled, for the report
};

// Builds the tree at `root` (layout `layout`) in the directory `work`. `shown_as` is the
// path errors name the kernel file by. On failure *why holds the compiler's words.
// extra_cflags: more compiler flags, space separated (the explorer's -DSC_EXPLORE).
std::optional<Built> build_profile(const fs::path &root, Layout layout, const fs::path &work,
                                   const std::string &shown_as, std::string *why, const std::string &extra_cflags = "");

// The whole file, or nullopt when it cannot be read.
std::optional<std::string> read_text_file(const fs::path &p);

// Runs a program from its argument vector (no shell); returns its exit status (-1 when
// it could not run or was killed) and appends its output and messages to *out.
int run_command(const std::vector<std::string> &argv, std::string *out);

}  // namespace sc::ksrc
