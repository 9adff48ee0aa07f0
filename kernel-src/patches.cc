// SPDX-License-Identifier: GPL-2.0-only
#include <kernel-src/patches.h>

#include <kernel-src/build.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

namespace sc::ksrc {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> changed_files(const std::string &text) {
  std::vector<std::string> out;
  std::regex line("^(?:---|\\+\\+\\+) [ab]/([^\\t\\n]+)", std::regex::multiline);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), line); it != std::sregex_iterator(); ++it)
    if (std::find(out.begin(), out.end(), (*it)[1].str()) == out.end())
      out.push_back((*it)[1].str());
  return out;
}

std::string subject_of(const std::string &text, const std::string &fallback) {
  std::smatch m;
  if (std::regex_search(text, m, std::regex("^Subject: *(?:\\[[^\\]]*\\] *)?(.*)$", std::regex::multiline)))
    return m[1].str();
  return fallback;
}

std::optional<Patch> make_patch(std::string text, const std::string &origin, std::string *why) {
  Patch p{subject_of(text, origin), std::move(text), {}};
  p.files = changed_files(p.text);
  if (p.files.empty()) {
    *why = origin + ": not a patch (no '--- a/' / '+++ b/' lines)";
    return std::nullopt;
  }
  return p;
}


}  // namespace

std::optional<std::vector<Patch>> read_patches(const fs::path &where, std::string *why) {
  std::error_code ec;
  std::vector<Patch> out;
  if (fs::is_directory(where, ec)) {
    std::vector<fs::path> files;
    for (const auto &e : fs::directory_iterator(where, ec))
      if (e.is_regular_file() && (e.path().extension() == ".patch" || e.path().extension() == ".diff"))
        files.push_back(e.path());
    std::sort(files.begin(), files.end());
    if (files.empty()) {
      *why = "no *.patch or *.diff file in " + where.string();
      return std::nullopt;
    }
    for (const auto &f : files) {
      auto text = read_text_file(f);
      if (!text) {
        *why = "cannot read " + f.string();
        return std::nullopt;
      }
      auto p = make_patch(*text, f.filename().string(), why);
      if (!p)
        return std::nullopt;
      out.push_back(std::move(*p));
    }
    return out;
  }
  auto text = read_text_file(where);
  if (!text) {
    *why = "cannot read patches from " + where.string();
    return std::nullopt;
  }
  // An mbox: each message starts with a "From " line at the start of the file or after
  // a blank line; a plain patch file is a series of one.
  std::vector<size_t> starts;
  for (size_t pos = 0; pos < text->size(); pos = text->find('\n', pos) + 1) {
    if (text->compare(pos, 5, "From ") == 0 && (pos == 0 || (pos >= 2 && (*text)[pos - 2] == '\n')))
      starts.push_back(pos);
    if (text->find('\n', pos) == std::string::npos)
      break;
  }
  if (starts.empty() || starts[0] != 0)
    starts.insert(starts.begin(), 0);
  for (size_t i = 0; i < starts.size(); i++) {
    size_t end = i + 1 < starts.size() ? starts[i + 1] : text->size();
    std::string origin = where.filename().string();
    if (starts.size() > 1)
      origin += " message " + std::to_string(i + 1);
    auto p = make_patch(text->substr(starts[i], end - starts[i]), origin, why);
    if (!p)
      return std::nullopt;
    out.push_back(std::move(*p));
  }
  return out;
}

bool copy_files(const fs::path &from, const fs::path &to, const std::vector<std::string> &files, std::string *why) {
  std::error_code ec;
  for (const auto &f : files) {
    if (!fs::exists(from / f))
      continue;
    fs::create_directories((to / f).parent_path(), ec);
    if (!fs::copy_file(from / f, to / f, fs::copy_options::overwrite_existing, ec)) {
      *why = "cannot copy " + (from / f).string() + ": " + ec.message();
      return false;
    }
  }
  return true;
}

bool apply_patch(const fs::path &dir, const Patch &p, std::string *why) {
  fs::path file = dir / ".splicecheck.patch";
  {
    std::ofstream out(file, std::ios::binary);
    out << p.text;
  }
  // Dry run first, so a patch that does not apply leaves nothing half done.
  auto patch = [&](const char *mode) {
    return std::vector<std::string>{"patch", "-p1", "--batch", "--forward", "--no-backup-if-mismatch", "-r", "-",
                                    "-d", dir.string(), "-i", file.string(), mode};
  };
  std::string log;
  bool ok = run_command(patch("--dry-run"), &log) == 0 && run_command(patch("--quiet"), &log) == 0;
  std::error_code ec;
  fs::remove(file, ec);
  if (!ok)
    *why = "patch '" + p.name + "' does not apply:\n" + log;
  return ok;
}

}  // namespace sc::ksrc
