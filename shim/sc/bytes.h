// SPDX-License-Identifier: GPL-2.0-only
// Byte scans the checkers run on every live fragment after every op or step.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace sc::shim {

// Index of the first byte of p[0..n) that is not b, or n. Word at a time: it runs on every
// fragment a check touches, and sanitizers check each load.
inline size_t first_mismatch(const uint8_t *p, size_t n, uint8_t b) {
  const uint64_t word = 0x0101010101010101ull * b;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    if (w != word)
      break;
  }
  for (; i < n; i++)
    if (p[i] != b)
      return i;
  return n;
}

}  // namespace sc::shim
