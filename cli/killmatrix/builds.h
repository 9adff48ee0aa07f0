// SPDX-License-Identifier: GPL-2.0-only
// Where the preset builds are: the matrix runs each detector in the build it needs
// (build/<preset>/bin), and a build that is not there makes its columns `not built`.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sc::km {

namespace fs = std::filesystem;

class Builds {
 public:
  // root: the directory of preset builds; empty: the one this binary's build sits in.
  static std::optional<Builds> find(const std::string &root, std::string *why);
  fs::path self() const { return self_; }  // this binary
  fs::path bin_beside_self(const std::string &name) const { return self_.parent_path() / name; }
  fs::path bin(const std::string &preset, const std::string &name) const { return root_ / preset / "bin" / name; }
  fs::path root() const { return root_; }
  fs::path source() const;  // the source tree (corpus/, fuzz/kill.sh)
  std::vector<std::string> present() const;  // presets with a bin/ directory

 private:
  fs::path self_, root_;
};

}  // namespace sc::km
