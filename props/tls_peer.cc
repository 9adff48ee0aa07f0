// SPDX-License-Identifier: GPL-2.0-only
#include <props/tls_peer.h>

#include <impl/net/tls/tls_aead.h>

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cstring>

namespace sc::tls {

struct OpenSslPeer::State {
  bool tls13 = false;
  SSL_CTX *client_ctx = nullptr, *server_ctx = nullptr;
  SSL *client = nullptr, *server = nullptr;
  EVP_PKEY *key = nullptr;
  X509 *cert = nullptr;
  std::vector<uint8_t> secret;  // TLS 1.3 client traffic secret 0, from the key log
  uint8_t key_bytes[16] = {}, iv[12] = {};  // TLS 1.2: iv[0..4) is the salt
  std::unique_ptr<RecordSealer> sealer;

  ~State() {
    SSL_free(client);
    SSL_free(server);
    SSL_CTX_free(client_ctx);
    SSL_CTX_free(server_ctx);
    X509_free(cert);
    EVP_PKEY_free(key);
  }
};

namespace {

std::string openssl_error() {
  char buf[256] = "unknown OpenSSL error";
  if (unsigned long e = ERR_get_error())
    ERR_error_string_n(e, buf, sizeof buf);
  ERR_clear_error();
  return buf;
}

void keylog(const SSL *ssl, const char *line) {
  auto *s = static_cast<OpenSslPeer::State *>(SSL_get_app_data(ssl));
  std::string l(line);
  const std::string tag = "CLIENT_TRAFFIC_SECRET_0 ";
  if (l.rfind(tag, 0) != 0)
    return;
  std::string hex = l.substr(l.rfind(' ') + 1);
  s->secret.clear();
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    s->secret.push_back(static_cast<uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
}

// Runs OpenSSL's KDF `name` with `params` into out[0..len).
bool derive(const char *name, const OSSL_PARAM *params, uint8_t *out, size_t len) {
  EVP_KDF *kdf = EVP_KDF_fetch(nullptr, name, nullptr);
  EVP_KDF_CTX *ctx = EVP_KDF_CTX_new(kdf);
  bool ok = EVP_KDF_derive(ctx, out, len, params) == 1;
  EVP_KDF_CTX_free(ctx);
  EVP_KDF_free(kdf);
  return ok;
}

// HKDF-Expand-Label (RFC 8446 §7.1) with SHA-256 and an empty context.
bool expand_label(const std::vector<uint8_t> &secret, const char *label, uint8_t *out, size_t len) {
  std::string full = std::string("tls13 ") + label;
  std::vector<uint8_t> info = {static_cast<uint8_t>(len >> 8), static_cast<uint8_t>(len),
                               static_cast<uint8_t>(full.size())};
  info.insert(info.end(), full.begin(), full.end());
  info.push_back(0);
  int mode = EVP_KDF_HKDF_MODE_EXPAND_ONLY;
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode),
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<uint8_t *>(secret.data()), secret.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info.data(), info.size()),
      OSSL_PARAM_construct_end()};
  return derive("HKDF", params, out, len);
}

// TLS 1.2 key block: PRF(master, "key expansion", server_random || client_random).
bool key_block(SSL *client, uint8_t *out, size_t len) {
  uint8_t master[48], randoms[64];
  size_t mlen = SSL_SESSION_get_master_key(SSL_get_session(client), master, sizeof master);
  SSL_get_server_random(client, randoms, 32);
  SSL_get_client_random(client, randoms + 32, 32);
  char digest[] = "SHA256";
  std::string label = "key expansion";
  std::vector<uint8_t> seed(label.begin(), label.end());
  seed.insert(seed.end(), randoms, randoms + 64);
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
                         OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SECRET, master, mlen),
                         OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED, seed.data(), seed.size()),
                         OSSL_PARAM_construct_end()};
  return derive("TLS1-PRF", params, out, len);
}

// Moves what one side wrote into the other side's read BIO.
void pump(SSL *from, SSL *to) {
  char buf[16384];
  int n;
  while ((n = BIO_read(SSL_get_wbio(from), buf, sizeof buf)) > 0)
    BIO_write(SSL_get_rbio(to), buf, n);
}

bool self_signed(OpenSslPeer::State *s) {
  s->key = EVP_EC_gen("P-256");
  s->cert = X509_new();
  if (!s->key || !s->cert)
    return false;
  X509_set_version(s->cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(s->cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(s->cert), 0);
  X509_gmtime_adj(X509_getm_notAfter(s->cert), 3600);
  X509_set_pubkey(s->cert, s->key);
  X509_NAME *name = X509_get_subject_name(s->cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("splicecheck"), -1, -1, 0);
  X509_set_issuer_name(s->cert, name);
  return X509_sign(s->cert, s->key, EVP_sha256()) > 0;
}

}  // namespace

OpenSslPeer::OpenSslPeer(std::unique_ptr<State> s) : s_(std::move(s)) {}
OpenSslPeer::~OpenSslPeer() = default;

std::unique_ptr<OpenSslPeer> OpenSslPeer::connect(bool tls13, std::string *why) {
  auto s = std::make_unique<State>();
  s->tls13 = tls13;
  int version = tls13 ? TLS1_3_VERSION : TLS1_2_VERSION;
  s->client_ctx = SSL_CTX_new(TLS_client_method());
  s->server_ctx = SSL_CTX_new(TLS_server_method());
  if (!s->client_ctx || !s->server_ctx || !self_signed(s.get())) {
    *why = "OpenSSL setup failed: " + openssl_error();
    return nullptr;
  }
  for (SSL_CTX *ctx : {s->client_ctx, s->server_ctx}) {
    SSL_CTX_set_min_proto_version(ctx, version);
    SSL_CTX_set_max_proto_version(ctx, version);
    SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256");
    SSL_CTX_set_cipher_list(ctx, "ECDHE-ECDSA-AES128-GCM-SHA256");
  }
  SSL_CTX_use_certificate(s->server_ctx, s->cert);
  SSL_CTX_use_PrivateKey(s->server_ctx, s->key);
  SSL_CTX_set_keylog_callback(s->client_ctx, keylog);
  s->client = SSL_new(s->client_ctx);
  s->server = SSL_new(s->server_ctx);
  SSL_set_app_data(s->client, s.get());
  SSL_set_bio(s->client, BIO_new(BIO_s_mem()), BIO_new(BIO_s_mem()));
  SSL_set_bio(s->server, BIO_new(BIO_s_mem()), BIO_new(BIO_s_mem()));
  SSL_set_connect_state(s->client);
  SSL_set_accept_state(s->server);
  for (int round = 0; round < 20 && !(SSL_is_init_finished(s->client) && SSL_is_init_finished(s->server)); round++) {
    SSL_do_handshake(s->client);
    pump(s->client, s->server);
    SSL_do_handshake(s->server);
    pump(s->server, s->client);
  }
  if (!SSL_is_init_finished(s->client) || !SSL_is_init_finished(s->server)) {
    *why = "handshake did not finish: " + openssl_error();
    return nullptr;
  }
  bool keyed = tls13 ? !s->secret.empty() && expand_label(s->secret, "key", s->key_bytes, 16) &&
                           expand_label(s->secret, "iv", s->iv, 12)
                     : [&] {
                         uint8_t block[40];
                         if (!key_block(s->client, block, sizeof block))
                           return false;
                         std::memcpy(s->key_bytes, block, 16);
                         std::memcpy(s->iv, block + 32, 4);
                         return true;
                       }();
  if (!keyed) {
    *why = "cannot derive the client's traffic keys: " + openssl_error();
    return nullptr;
  }
  TlsKeys keys;
  keys.tls13 = tls13;
  std::memcpy(keys.key, s->key_bytes, 16);
  std::memcpy(keys.iv, s->iv, 12);
  keys.seq = tls13 ? 0 : 1;  // TLS 1.2: the client's Finished was record 0 under these keys
  s->sealer = std::make_unique<RecordSealer>(keys);
  return std::unique_ptr<OpenSslPeer>(new OpenSslPeer(std::move(s)));
}

std::vector<uint8_t> OpenSslPeer::seal(uint8_t type, const std::vector<uint8_t> &plaintext) {
  return s_->sealer->seal(type, plaintext);
}

TlsKeys OpenSslPeer::client_keys() const { return s_->sealer->keys(); }
void OpenSslPeer::skip(uint64_t records) { s_->sealer->skip(records); }

size_t OpenSslPeer::client_write(const uint8_t *plaintext, size_t len) {
  if (SSL_write(s_->client, plaintext, static_cast<int>(len)) <= 0)
    return 0;
  size_t out = 0;
  char buf[32768];
  int n;
  while ((n = BIO_read(SSL_get_wbio(s_->client), buf, sizeof buf)) > 0)
    out += static_cast<size_t>(n);
  return out;
}

std::optional<std::vector<uint8_t>> OpenSslPeer::deliver(const std::vector<uint8_t> &wire, std::string *why) {
  State &s = *s_;
  BIO_write(SSL_get_rbio(s.server), wire.data(), static_cast<int>(wire.size()));
  std::vector<uint8_t> got;
  uint8_t buf[16384];
  for (;;) {
    int n = SSL_read(s.server, buf, sizeof buf);
    if (n > 0) {
      got.insert(got.end(), buf, buf + n);
      continue;
    }
    int err = SSL_get_error(s.server, n);
    if (err == SSL_ERROR_WANT_READ)
      return got;
    *why = "the peer refused the stream: " + openssl_error();
    return std::nullopt;
  }
}

}  // namespace sc::tls
