// SPDX-License-Identifier: GPL-2.0-only
// A real TLS peer for what our record layer emits: an in-memory handshake between two
// OpenSSL SSL objects (AES-128-GCM, TLS 1.2 or 1.3), the client's traffic keys taken
// from the handshake, records sealed by our own code with them, and the server's
// SSL_read() reading the plaintext back. ../shared/OPENSSL-PEER.md has the recipe.
#pragma once

#include <impl/net/tls/tls_aead.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sc::tls {

class OpenSslPeer {
 public:
  // nullptr with *why when the handshake cannot be completed.
  static std::unique_ptr<OpenSslPeer> connect(bool tls13, std::string *why);
  ~OpenSslPeer();

  // One record of `type` holding `plaintext`, sealed under the client's next sequence
  // number (the kernel's TX side does the same with the keys handed to it).
  std::vector<uint8_t> seal(uint8_t type, const std::vector<uint8_t> &plaintext);
  // Hands `wire` to the server and reads every plaintext byte it yields; nullopt with
  // *why (OpenSSL's error) when the server rejects the stream.
  std::optional<std::vector<uint8_t>> deliver(const std::vector<uint8_t> &wire, std::string *why);
  // The client's traffic keys at its next record: another sealer (the kernel mirrors)
  // can write the next records; skip() then accounts for the records it wrote.
  TlsKeys client_keys() const;
  void skip(uint64_t records);
  // OpenSSL's own sender, for comparison: SSL_write() of `plaintext` on the client, its
  // ciphertext drained and dropped; returns the bytes it put on the wire. The client's
  // sequence moves on, so the peer takes no sealed records afterwards.
  size_t client_write(const uint8_t *plaintext, size_t len);

  struct State;

 private:
  explicit OpenSslPeer(std::unique_ptr<State> s);
  std::unique_ptr<State> s_;
};

}  // namespace sc::tls
