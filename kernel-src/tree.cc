// SPDX-License-Identifier: GPL-2.0-only
#include <kernel-src/tree.h>

#include <sys/process.h>

#include <regex>

namespace sc::ksrc {

const char *layout_name(Layout l) {
  return l == Layout::page_alloc        ? "mm/page_alloc.c (page_frag functions extracted)"
         : l == Layout::page_frag_alloc ? "mm/page_frag_alloc.c (the series' own file)"
         : l == Layout::page_frag_cache ? "mm/page_frag_cache.c"
                                        : "?";
}

std::vector<std::string> layout_files(Layout l) {
  switch (l) {
  case Layout::page_alloc:
    return {"mm/page_alloc.c", "include/linux/mm_types.h", "include/linux/mm_types_task.h"};
  case Layout::page_frag_alloc:
    return {"mm/page_frag_alloc.c", "include/linux/page_frag_cache.h", "include/linux/mm_types_task.h",
            "include/linux/mm_types.h"};
  case Layout::page_frag_cache:
    return {"mm/page_frag_cache.c", "include/linux/page_frag_cache.h", "include/linux/mm_types_task.h"};
  }
  return {};
}

std::optional<Layout> detect_layout(const fs::path &root, std::string *why) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    *why = "'" + root.string() + "' is not a directory";
    return std::nullopt;
  }
  // Newest first: a tree part-way through a series may still have the old file too.
  if (fs::exists(root / "mm/page_frag_cache.c"))
    return Layout::page_frag_cache;
  if (fs::exists(root / "mm/page_frag_alloc.c"))
    return Layout::page_frag_alloc;
  if (fs::exists(root / "mm/page_alloc.c"))
    return Layout::page_alloc;
  *why = "'" + root.string() + "' has no page fragment allocator: none of mm/page_frag_cache.c, "
         "mm/page_frag_alloc.c, mm/page_alloc.c";
  return std::nullopt;
}

namespace {

// Runs kernel-src/fetch (its messages go to our stderr) and returns the tree directory
// it printed.
std::optional<fs::path> fetch(const std::string &version, std::string *why, bool *skipped) {
  sys::Command c{{SC_KSRC_FETCH, version}};
  c.stderr_passthrough = true;
  auto r = sys::run(c);
  std::string out = r.out;
  while (!out.empty() && out.back() == '\n')
    out.pop_back();
  if (r.exit_code == 77) {
    *skipped = true;
    *why = "linux-source-" + version + " could not be fetched (reason above)";
    return std::nullopt;
  }
  if (r.exit_code != 0 || out.empty()) {
    *why = "fetching linux-source-" + version + " failed (" + r.status_text(c) + ")";
    return std::nullopt;
  }
  return fs::path(out.substr(out.rfind('\n') == std::string::npos ? 0 : out.rfind('\n') + 1));
}

}  // namespace

std::optional<fs::path> obtain_root(const std::string &spec, std::string *why, bool *skipped) {
  *skipped = false;
  if (std::regex_match(spec, std::regex("[0-9]+\\.[0-9]+"))) {
    if (spec != "6.1" && spec != "6.12" && spec != "7.2") {
      *why = "no Debian source package is known for '" + spec + "' (packaged: 6.1 from bookworm, 6.12 from "
             "bookworm-security, 7.2 = sid's newest); give a kernel tree directory instead";
      return std::nullopt;
    }
    return fetch(spec, why, skipped);
  }
  // Absolute, so that no tool run on its files takes a name starting with '-' for an option.
  std::error_code ec;
  fs::path root = fs::absolute(spec, ec);
  if (ec) {
    *why = "cannot resolve --source '" + spec + "': " + ec.message();
    return std::nullopt;
  }
  return root;
}

std::optional<Tree> obtain_tree(const std::string &spec, std::string *why, bool *skipped) {
  auto root = obtain_root(spec, why, skipped);
  if (!root)
    return std::nullopt;
  auto layout = detect_layout(*root, why);
  if (!layout)
    return std::nullopt;
  return Tree{*root, *layout, spec};
}

}  // namespace sc::ksrc
