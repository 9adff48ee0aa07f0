// SPDX-License-Identifier: GPL-2.0-only
// Builds a kernel tree's page fragment allocator against the shims into a loadable
// profile (a shared object with the glue's entry points). Kernel text is compiled
// unchanged: the whole file for page_frag_cache.c, the extracted page_frag functions for
// page_alloc.c (with their struct copied, and a reference to where it came from).
#pragma once

#include <kernel-src/tree.h>

#include <optional>
#include <string>

namespace sc::ksrc {

struct Built {
  fs::path shared_object;
  std::string summary;  // what was compiled, for the report
};

// Builds the tree at `root` (layout `layout`) in the directory `work`. `shown_as` is the
// path errors name the kernel file by. On failure *why holds the compiler's words.
// extra_cflags: more compiler flags (the explorer's -DSC_EXPLORE).
std::optional<Built> build_profile(const fs::path &root, Layout layout, const fs::path &work,
                                   const std::string &shown_as, std::string *why, const std::string &extra_cflags = "");

// The whole file, or nullopt when it cannot be read.
std::optional<std::string> read_text_file(const fs::path &p);

// Runs a shell command line; returns its exit status and appends its output to *out.
int run_command(const std::string &command_line, std::string *out);
std::string shell_quote(const std::string &s);

}  // namespace sc::ksrc
