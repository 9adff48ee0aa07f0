// SPDX-License-Identifier: GPL-2.0-only
// The text forms read Windows line ends and a missing last newline as plain LF text.
#pragma once

#include <gtest/gtest.h>

#include <string>

// parse(text, &why) gives the same for lf_text (every line ending in "\n") as for the same
// lines ending in "\r\n", the last without its line end.
template <typename Parse> void expect_crlf_reads_as_lf(Parse parse, const std::string &lf_text) {
  std::string crlf;
  for (char c : lf_text)
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  crlf.resize(crlf.size() - 2);
  std::string why;
  auto lf = parse(lf_text, &why);
  ASSERT_TRUE(lf) << why;
  auto cr = parse(crlf, &why);
  ASSERT_TRUE(cr) << why;
  EXPECT_EQ(*cr, *lf);
}
