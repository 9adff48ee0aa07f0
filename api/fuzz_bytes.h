// SPDX-License-Identifier: GPL-2.0-only
// The byte side of the one trace format: a fuzz input is the same ops as a text trace,
// field by field. Reading never fails (an exhausted input reads as zeros, so every byte
// string decodes); a value of range [lo, hi] takes the fewest bytes that hold hi - lo,
// little-endian, and decodes as lo + v mod (hi - lo + 1), so writing then reading a value
// in range gives it back.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace sc {

inline unsigned bytes_for(uint64_t span) {
  unsigned n = 1;
  while (n < 8 && (span >> (8 * n)) != 0)
    n++;
  return n;
}

class ByteReader {
 public:
  ByteReader(const uint8_t *data, size_t size) : p_(data), left_(size) {}
  bool done() const { return left_ == 0; }
  uint64_t raw(unsigned width) {
    uint64_t v = 0;
    for (unsigned i = 0; i < width && left_; i++, left_--)
      v |= uint64_t{*p_++} << (8 * i);
    return v;
  }
  uint64_t in_range(uint64_t lo, uint64_t hi) {
    uint64_t span = hi - lo;
    uint64_t v = raw(bytes_for(span));
    return span == UINT64_MAX ? v : lo + v % (span + 1);
  }

 private:
  const uint8_t *p_;
  size_t left_;
};

class ByteWriter {
 public:
  void raw(uint64_t v, unsigned width) {
    for (unsigned i = 0; i < width; i++)
      bytes_ += static_cast<char>((v >> (8 * i)) & 0xff);
  }
  // False when v is outside [lo, hi]: the value has no byte form.
  bool in_range(uint64_t v, uint64_t lo, uint64_t hi) {
    if (v < lo || v > hi)
      return false;
    raw(v - lo, bytes_for(hi - lo));
    return true;
  }
  const std::string &bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

// Writes each op (kind byte, then fields) with encode_one(op, out); on an op it refuses,
// or more than max_ops, returns false with *why naming it.
template <typename Ops, typename EncodeOne, typename Format>
bool encode_each(const Ops &ops, size_t max_ops, ByteWriter &out, std::string *why, EncodeOne encode_one,
                 Format format) {
  if (ops.size() > max_ops) {
    *why = std::to_string(ops.size()) + " ops; a fuzz input holds at most " + std::to_string(max_ops);
    return false;
  }
  for (size_t i = 0; i < ops.size(); i++)
    if (!encode_one(ops[i], out)) {
      *why = "op " + std::to_string(i + 1) + " (" + format(ops[i]) + ") has a value outside the fuzz ranges";
      return false;
    }
  return true;
}

}  // namespace sc
