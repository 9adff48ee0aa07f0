// SPDX-License-Identifier: GPL-2.0-only
// The AES-128-GCM record layer both TLS paths seal with (the software path in
// tls_push_record, the emulated NIC for the device path), and the reader that opens a
// byte stream record by record with the same keys. libcrypto does the cipher.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sc::tls {

inline constexpr unsigned kTagSize = 16;
inline constexpr unsigned kHeaderSize = 5;
inline constexpr unsigned kExplicitNonce12 = 8;  // TLS 1.2 sends its nonce

// What setsockopt(SOL_TLS, TLS_TX) hands the kernel, reduced to AES-GCM-128.
struct TlsKeys {
  bool tls13 = false;
  uint8_t key[16] = {};
  uint8_t iv[12] = {};  // 1.2: salt in iv[0..4); 1.3: the static IV (salt || iv)
  uint64_t seq = 0;     // record sequence number of the next record (1.2: also its explicit nonce)
};

// The fixed test keys that printed output, --wire files and table tests use (README):
// key 00 01 .. 0f, IV a0 a1 .. ab (TLS 1.2: salt a0 a1 a2 a3), first sequence number 0.
TlsKeys fixed_test_keys(bool tls13);

// Header bytes before the payload (5, plus the explicit nonce in 1.2) and after it
// (the tag, plus the inner content type in 1.3).
unsigned prepend_size(bool tls13);
unsigned overhead_size(bool tls13);

class RecordSealer {
 public:
  explicit RecordSealer(const TlsKeys &keys);
  ~RecordSealer();
  RecordSealer(const RecordSealer &) = delete;
  RecordSealer &operator=(const RecordSealer &) = delete;

  // One whole record (header included) of `type` around `plaintext`, sealed under the
  // next sequence number, written to `out` (len + overhead_size() bytes). An `out` of
  // fewer than that many bytes is refused (false, nothing written) where the kernel's
  // AEAD would write past the buffer: the mirrors report it as an overrun.
  bool seal(uint8_t type, const uint8_t *plaintext, size_t len, uint8_t *out, size_t out_size);
  std::vector<uint8_t> seal(uint8_t type, const std::vector<uint8_t> &plaintext);
  const TlsKeys &keys() const { return keys_; }
  void skip(uint64_t records) { keys_.seq += records; }

 private:
  TlsKeys keys_;
  void *aead_;  // EVP_CIPHER_CTX
};

struct OpenedRecord {
  uint8_t type = 0;  // 1.3: the inner content type
  std::vector<uint8_t> plaintext;
  uint32_t length_field = 0;  // the header's length
};

// Opens a byte stream record by record. On a header that does not parse, a record that
// does not authenticate or a stream cut inside a record: nullopt with *why naming the
// record's index and byte offset.
std::optional<std::vector<OpenedRecord>> open_stream(const TlsKeys &keys, const std::vector<uint8_t> &wire,
                                                     std::string *why);

}  // namespace sc::tls
