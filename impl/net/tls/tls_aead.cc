// SPDX-License-Identifier: GPL-2.0-only
#include <impl/net/tls/tls_aead.h>

#include <openssl/evp.h>

#include <cstring>

namespace sc::tls {
namespace {

constexpr uint8_t kOuterType13 = 23;  // TLS 1.3 hides the real type inside

void be64(uint64_t v, uint8_t *out) {
  for (int i = 0; i < 8; i++)
    out[i] = static_cast<uint8_t>(v >> (56 - 8 * i));
}

void nonce_of(const TlsKeys &k, uint64_t seq, uint8_t *nonce) {
  uint8_t s[8];
  be64(seq, s);
  std::memcpy(nonce, k.iv, 12);
  if (k.tls13) {
    for (int i = 0; i < 8; i++)
      nonce[4 + i] ^= s[i];
  } else {
    std::memcpy(nonce + 4, s, 8);  // the explicit nonce is the sequence number
  }
}

// The additional data: 1.2 seq || type || version || plaintext length; 1.3 the header.
size_t aad_of(const TlsKeys &k, uint64_t seq, uint8_t type, size_t inner_len, uint8_t *aad) {
  if (k.tls13) {
    size_t len = inner_len + kTagSize;
    uint8_t h[] = {kOuterType13, 3, 3, static_cast<uint8_t>(len >> 8), static_cast<uint8_t>(len)};
    std::memcpy(aad, h, sizeof h);
    return sizeof h;
  }
  be64(seq, aad);
  uint8_t t[] = {type, 3, 3, static_cast<uint8_t>(inner_len >> 8), static_cast<uint8_t>(inner_len)};
  std::memcpy(aad + 8, t, sizeof t);
  return 13;
}

}  // namespace

TlsKeys fixed_test_keys(bool tls13) {
  TlsKeys k;
  k.tls13 = tls13;
  for (int i = 0; i < 16; i++)
    k.key[i] = static_cast<uint8_t>(i);
  for (int i = 0; i < 12; i++)
    k.iv[i] = static_cast<uint8_t>(0xa0 + i);
  return k;
}

unsigned prepend_size(bool tls13) { return kHeaderSize + (tls13 ? 0 : kExplicitNonce12); }
unsigned overhead_size(bool tls13) { return prepend_size(tls13) + kTagSize + (tls13 ? 1 : 0); }

RecordSealer::RecordSealer(const TlsKeys &keys) : keys_(keys), aead_(EVP_CIPHER_CTX_new()) {
  EVP_EncryptInit_ex(static_cast<EVP_CIPHER_CTX *>(aead_), EVP_aes_128_gcm(), nullptr, keys_.key, nullptr);
}

RecordSealer::~RecordSealer() { EVP_CIPHER_CTX_free(static_cast<EVP_CIPHER_CTX *>(aead_)); }

bool RecordSealer::seal(uint8_t type, const uint8_t *plaintext, size_t len, uint8_t *out, size_t out_size) {
  auto *ctx = static_cast<EVP_CIPHER_CTX *>(aead_);
  bool t13 = keys_.tls13;
  if (out_size < len + overhead_size(t13))
    return false;
  size_t inner = len + (t13 ? 1 : 0);
  size_t field = inner + kTagSize + (t13 ? 0 : kExplicitNonce12);
  out[0] = t13 ? kOuterType13 : type;
  out[1] = 3;
  out[2] = 3;
  out[3] = static_cast<uint8_t>(field >> 8);
  out[4] = static_cast<uint8_t>(field);
  uint8_t *body = out + prepend_size(t13);
  if (!t13)
    be64(keys_.seq, out + kHeaderSize);
  uint8_t nonce[12], aad[13];
  nonce_of(keys_, keys_.seq, nonce);
  size_t aad_len = aad_of(keys_, keys_.seq, type, inner, aad);
  int n = 0;
  EVP_EncryptInit_ex(ctx, nullptr, nullptr, nullptr, nonce);
  EVP_EncryptUpdate(ctx, nullptr, &n, aad, static_cast<int>(aad_len));
  // memmove semantics: the software path encrypts in place (plaintext aliases out).
  std::vector<uint8_t> in(plaintext, plaintext + len);
  if (t13)
    in.push_back(type);
  EVP_EncryptUpdate(ctx, body, &n, in.data(), static_cast<int>(in.size()));
  EVP_EncryptFinal_ex(ctx, body + n, &n);
  EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, kTagSize, body + inner);
  keys_.seq++;
  return true;
}

std::vector<uint8_t> RecordSealer::seal(uint8_t type, const std::vector<uint8_t> &plaintext) {
  std::vector<uint8_t> out(plaintext.size() + overhead_size(keys_.tls13));
  seal(type, plaintext.data(), plaintext.size(), out.data(), out.size());
  return out;
}

std::optional<std::vector<OpenedRecord>> open_stream(const TlsKeys &keys, const std::vector<uint8_t> &wire,
                                                     std::string *why) {
  std::vector<OpenedRecord> out;
  EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
  EVP_DecryptInit_ex(ctx, EVP_aes_128_gcm(), nullptr, keys.key, nullptr);
  uint64_t seq = keys.seq;
  bool t13 = keys.tls13;
  auto fail = [&](size_t at, const std::string &what) {
    *why = "record " + std::to_string(out.size()) + " at byte " + std::to_string(at) + ": " + what;
    EVP_CIPHER_CTX_free(ctx);
    return std::nullopt;
  };
  for (size_t at = 0; at < wire.size(); seq++) {
    if (wire.size() - at < kHeaderSize)
      return fail(at, "the stream ends inside a record header");
    const uint8_t *h = wire.data() + at;
    uint32_t field = (uint32_t{h[3]} << 8) | h[4];
    size_t min_field = kTagSize + (t13 ? 1 : kExplicitNonce12);
    if (h[1] != 3 || h[2] != 3 || (t13 && h[0] != kOuterType13) || field < min_field ||
        field > 16384 + 256 + min_field)
      return fail(at, "not a TLS record header (type " + std::to_string(h[0]) + ", length " + std::to_string(field) + ")");
    if (wire.size() - at - kHeaderSize < field)
      return fail(at, "the stream ends inside the record (" + std::to_string(field) + " bytes announced)");
    const uint8_t *body = h + prepend_size(t13);
    size_t inner = field - kTagSize - (t13 ? 0 : kExplicitNonce12);
    uint8_t nonce[12], aad[13];
    nonce_of(keys, seq, nonce);
    if (!t13)
      std::memcpy(nonce + 4, h + kHeaderSize, kExplicitNonce12);  // as the peer reads it
    size_t aad_len = aad_of(keys, seq, h[0], inner, aad);
    std::vector<uint8_t> plain(inner);
    int n = 0;
    EVP_DecryptInit_ex(ctx, nullptr, nullptr, nullptr, nonce);
    EVP_DecryptUpdate(ctx, nullptr, &n, aad, static_cast<int>(aad_len));
    EVP_DecryptUpdate(ctx, plain.data(), &n, body, static_cast<int>(inner));
    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, kTagSize, const_cast<uint8_t *>(body + inner));
    if (EVP_DecryptFinal_ex(ctx, plain.data() + n, &n) != 1)
      return fail(at, "does not authenticate under sequence number " + std::to_string(seq));
    OpenedRecord r;
    r.length_field = field;
    r.type = h[0];
    if (t13) {
      while (!plain.empty() && plain.back() == 0)  // padding
        plain.pop_back();
      if (plain.empty())
        return fail(at, "TLS 1.3 record without an inner content type");
      r.type = plain.back();
      plain.pop_back();
    }
    r.plaintext = std::move(plain);
    out.push_back(std::move(r));
    at += kHeaderSize + field;
  }
  EVP_CIPHER_CTX_free(ctx);
  return out;
}

}  // namespace sc::tls
