// SPDX-License-Identifier: GPL-2.0-only
// What every text reader shares: lines (LF or CRLF, last line with or without its end),
// range-checked numbers that never throw, and a size-capped file read. No dependencies:
// the static oracle guest compiles it too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sc {

// The largest text input splicecheck reads (the Limits table in the README).
inline constexpr size_t kMaxTextFileBytes = size_t{64} << 20;

// Lines as every text reader takes them: '\n' ends a line, a '\r' before it is dropped
// (a file saved with CRLF reads the same), and the last line needs no '\n'.
class TextLines {
 public:
  explicit TextLines(std::string_view text) : text_(text) {}
  bool next(std::string_view *line);
  size_t number() const { return number_; }  // 1-based, of the line next() gave last

 private:
  std::string_view text_;
  size_t pos_ = 0, number_ = 0;
};

// A whole decimal number lo..hi: no sign, no blanks, no exception on overflow.
std::optional<uint64_t> parse_number(std::string_view text, uint64_t lo, uint64_t hi);

// A whole regular file of at most max_bytes; nullopt with *why ("cannot read 'PATH': ...")
// when it is missing, a directory, unreadable or too large.
std::optional<std::string> read_text_file(const std::string &path, std::string *why,
                                          size_t max_bytes = kMaxTextFileBytes);

}  // namespace sc
