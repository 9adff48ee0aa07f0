// SPDX-License-Identifier: GPL-2.0-only
// The steps every kernel-source build shares (the allocator's in build.cc, splice's in
// splice_build.cc): compiler flags for kernel text, compiling with the system-header
// guard, generated C that names the tree, linking the loadable profile.
#pragma once

#include <kernel-src/c_items.h>

#include <filesystem>
#include <string>
#include <vector>

namespace sc::ksrc {

namespace fs = std::filesystem;

bool write_file(const fs::path &p, const std::string &text);
// Space-separated flags fixed by the build: words.
std::vector<std::string> words(const std::string &s);
std::vector<std::string> c_flags(const fs::path &kinc, const fs::path &work, const std::string &extra);
// Compiles src; fails (with the compiler's words) also when a system kernel header was used.
bool compile(const fs::path &src, const fs::path &obj, const std::vector<std::string> &flags, std::string *why);
// A string as a C string literal (#line) or as comment text.
std::string c_string(const std::string &s);
std::string c_comment(const std::string &s);
// The top-level items of root/file; *why = `unreadable` when it cannot be read, the
// scanner's reason (naming shown_as/file) when it does not scan.
bool read_c_items(const fs::path &root, const std::string &file, const std::string &shown_as,
                  const std::string &unreadable, std::vector<CItem> *items, std::string *why);
bool link_profile(const std::vector<fs::path> &objects, const fs::path &so, std::string *why);

}  // namespace sc::ksrc
