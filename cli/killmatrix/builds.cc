// SPDX-License-Identifier: GPL-2.0-only
#include <cli/killmatrix/builds.h>

namespace sc::km {

std::optional<Builds> Builds::find(const std::string &root, std::string *why) {
  Builds b;
  std::error_code ec;
  b.self_ = fs::read_symlink("/proc/self/exe", ec);
  if (ec) {
    *why = "cannot tell where this binary is (/proc/self/exe)";
    return std::nullopt;
  }
  // build/<preset>/bin/splicecheck
  b.root_ = root.empty() ? b.self_.parent_path().parent_path().parent_path() : fs::path(root);
  if (!fs::is_directory(b.root_)) {
    *why = "--builds '" + root + "' is not a directory";
    return std::nullopt;
  }
  return b;
}

fs::path Builds::source() const { return SC_SOURCE_DIR; }

std::vector<std::string> Builds::present() const {
  std::vector<std::string> out;
  for (const char *preset : {"default", "asan-ubsan", "tsan", "fuzz", "coverage"})
    if (fs::is_directory(root_ / preset / "bin"))
      out.push_back(preset);
  return out;
}

}  // namespace sc::km
