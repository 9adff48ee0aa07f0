// SPDX-License-Identifier: GPL-2.0-only
// A patch series for `kernel-src --patches`: a directory of patch files (applied in
// name order, as `git format-patch` numbers them) or one mbox holding the series.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sc::ksrc {

struct Patch {
  std::string name;   // the mail's subject without "[PATCH n/m]", else the file name
  std::string text;
  std::vector<std::string> files;  // paths it changes, relative to the tree
};

std::optional<std::vector<Patch>> read_patches(const std::filesystem::path &where, std::string *why);

// Copies `files` (those that exist) from tree `from` to `to`, keeping relative paths.
bool copy_files(const std::filesystem::path &from, const std::filesystem::path &to,
                const std::vector<std::string> &files, std::string *why);

// Applies p to the tree at `dir` (-p1), or leaves it untouched and says why.
bool apply_patch(const std::filesystem::path &dir, const Patch &p, std::string *why);

}  // namespace sc::ksrc
