// SPDX-License-Identifier: GPL-2.0-only
#include <api/text_lines.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sys/stat.h>

namespace sc {

bool TextLines::next(std::string_view *line) {
  if (pos_ >= text_.size())
    return false;
  size_t nl = text_.find('\n', pos_);
  size_t end = nl == std::string_view::npos ? text_.size() : nl;
  *line = text_.substr(pos_, end - pos_);
  if (!line->empty() && line->back() == '\r')
    line->remove_suffix(1);
  pos_ = end + 1;
  number_++;
  return true;
}

std::optional<uint64_t> parse_number(std::string_view text, uint64_t lo, uint64_t hi) {
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v < lo || v > hi)
    return std::nullopt;
  return v;
}

std::optional<std::string> read_text_file(const std::string &path, std::string *why, size_t max_bytes) {
  auto fail = [&](const std::string &what) -> std::optional<std::string> {
    *why = "cannot read '" + path + "': " + what;
    return std::nullopt;
  };
  struct stat st;
  if (stat(path.c_str(), &st) != 0)
    return fail(std::strerror(errno));
  if (S_ISDIR(st.st_mode))
    return fail("it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return fail(std::strerror(errno));
  std::string text;
  char buf[65536];
  // Read in blocks rather than trusting st_size: pipes and /proc files report 0.
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    if (text.size() + static_cast<size_t>(in.gcount()) > max_bytes)
      return fail("larger than " + std::to_string(max_bytes >> 20) + " MiB (the limit of a text input)");
    text.append(buf, static_cast<size_t>(in.gcount()));
  }
  if (in.bad())
    return fail("read error");
  return text;
}

}  // namespace sc
