// SPDX-License-Identifier: GPL-2.0-only
// Where kernel source comes from, and which layout its page fragment allocator has.
//   6.1, 6.12, 7.2:      Debian's linux-source package, fetched into a cache outside the
//                       tree by kernel-src/fetch (7.2 resolves to sid's newest);
//   a directory:        a user's kernel tree.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sc::ksrc {

namespace fs = std::filesystem;

enum class Layout {
  page_alloc,       // before v6.13: page_frag functions inside mm/page_alloc.c
  page_frag_alloc,  // the series posted (2023): mm/page_frag_alloc.c
  page_frag_cache,  // v6.13 and later: mm/page_frag_cache.c
};
const char *layout_name(Layout l);

// The files of the tree splicecheck reads for a layout: sources and kernel headers.
std::vector<std::string> layout_files(Layout l);

struct Tree {
  fs::path root;
  Layout layout;
  std::string label;  // "7.2", "6.1" or the directory as given
};

// Finds the layout of the tree at root; nullopt with *why when it has no allocator file.
std::optional<Layout> detect_layout(const fs::path &root, std::string *why);

// The directory of the tree `spec` names (a package fetched, or the directory as given);
// *skipped as for obtain_tree.
std::optional<fs::path> obtain_root(const std::string &spec, std::string *why, bool *skipped);

// Obtains the tree `spec` names. Sets *skipped when a package could not be fetched (no
// network, no such package): the caller reports that as a skip, not as bad input.
std::optional<Tree> obtain_tree(const std::string &spec, std::string *why, bool *skipped);

}  // namespace sc::ksrc
