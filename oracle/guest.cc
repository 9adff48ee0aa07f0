// SPDX-License-Identifier: GPL-2.0-only
// The real-kernel oracle's guest program: runs TLS scenarios (api/tls_scenario.h) on the
// booted kernel's kTLS over loopback TCP and prints, per scenario, each call's return and
// the records a plain TCP reader saw (outer content type and plaintext length, from the
// 5-byte headers). Built static; /init runs it as `guest SCENARIOS OUT`.
//
//   ORACLE kernel=<release> <version>
//   RESULT <name> rets=100,E22 records=23:16384,23:3616 trailing=0 us=6891
//   ORACLE done scenarios=N total_us=T
//
// A record's plaintext is its length field less the AEAD overhead (24 for 1.2, 17 for
// 1.3); `trailing` counts bytes after the last whole record. TLS 1.3 hides the inner
// type: its records all show 23.
#include <api/tls_scenario.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/tls.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#ifndef SOL_TLS
#define SOL_TLS 282
#endif
#ifndef TCP_ULP
#define TCP_ULP 31
#endif
#ifndef TLS_1_3_VERSION
#define TLS_1_3_VERSION 0x0304
#endif
// Not in bookworm's uapi headers; 7.2's include/uapi/linux/tls.h (u16 value).
#ifndef TLS_TX_MAX_PAYLOAD_LEN
#define TLS_TX_MAX_PAYLOAD_LEN 5
#endif

using namespace sc::tls;

namespace {

constexpr const char *kFile = "/tmp/oracle-sendfile";

std::string ret_text(long r) { return r < 0 ? "E" + std::to_string(-r) : std::to_string(r); }
long sys(long r) { return r < 0 ? -errno : r; }

// The reader: accepts one connection, reads to EOF and reports the record headers.
struct Seen {
  std::vector<std::pair<unsigned, unsigned>> records;  // outer type, length field
  size_t trailing = 0;
};

Seen read_records(int fd) {
  std::vector<uint8_t> all;
  uint8_t buf[65536];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0)
      break;
    all.insert(all.end(), buf, buf + n);
  }
  Seen seen;
  size_t at = 0;
  while (at + 5 <= all.size()) {
    unsigned len = all[at + 3] << 8 | all[at + 4];
    if (at + 5 + len > all.size())
      break;
    seen.records.push_back({all[at], len});
    at += 5 + len;
  }
  seen.trailing = all.size() - at;
  return seen;
}

// The fixed test keys of docs/tls.md: key 00..0f, IV a0..ab, sequence 0 (1.2: salt
// a0..a3, explicit nonce = sequence number; 1.3: salt || iv = a0..ab).
int enable_ktls(int fd, bool tls13) {
  if (setsockopt(fd, IPPROTO_TCP, TCP_ULP, "tls", 4) < 0)
    return -errno;
  tls12_crypto_info_aes_gcm_128 ci{};
  ci.info.version = tls13 ? TLS_1_3_VERSION : TLS_1_2_VERSION;
  ci.info.cipher_type = TLS_CIPHER_AES_GCM_128;
  for (int i = 0; i < 16; i++)
    ci.key[i] = static_cast<unsigned char>(i);
  for (int i = 0; i < 4; i++)
    ci.salt[i] = static_cast<unsigned char>(0xa0 + i);
  for (int i = 0; i < 8; i++)
    ci.iv[i] = tls13 ? static_cast<unsigned char>(0xa4 + i) : 0;
  if (setsockopt(fd, SOL_TLS, TLS_TX, &ci, sizeof ci) < 0)
    return -errno;
  return 0;
}

std::vector<char> pattern(size_t n, unsigned seed) {
  std::vector<char> v(n);
  for (size_t k = 0; k < n; k++)
    v[k] = static_cast<char>(seed * 151 + k * 7);
  return v;
}

long run_op(int fd, const SockOp &op, unsigned index) {
  int flags = op.flag == Flag::more ? MSG_MORE : op.flag == Flag::eor ? MSG_EOR : 0;
  switch (op.kind) {
  case OpKind::send: {
    auto data = pattern(op.bytes(), index);
    return sys(send(fd, data.data(), data.size(), flags));
  }
  case OpKind::write: {
    auto data = pattern(op.bytes(), index);
    return sys(write(fd, data.data(), data.size()));
  }
  case OpKind::sendmsg:
  case OpKind::ctrl: {
    auto data = pattern(op.bytes(), index);
    std::vector<iovec> iov;
    size_t at = 0;
    for (uint32_t n : op.sizes) {
      iov.push_back({data.data() + at, n});
      at += n;
    }
    msghdr msg{};
    msg.msg_iov = iov.data();
    msg.msg_iovlen = iov.size();
    alignas(cmsghdr) char control[CMSG_SPACE(1)] = {};
    if (op.kind == OpKind::ctrl) {
      msg.msg_control = control;
      msg.msg_controllen = sizeof control;
      cmsghdr *c = CMSG_FIRSTHDR(&msg);
      c->cmsg_level = SOL_TLS;
      c->cmsg_type = TLS_SET_RECORD_TYPE;
      c->cmsg_len = CMSG_LEN(1);
      *CMSG_DATA(c) = op.record_type;
    }
    return sys(sendmsg(fd, &msg, flags));
  }
  case OpKind::sendfile: {
    // A tmpfs file holding the bytes up to offset + N; a short call asks 4096 more.
    int file = open(kFile, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (file < 0)
      return -errno;
    auto data = pattern(uint64_t{op.offset} + op.bytes(), index);
    if (write(file, data.data(), data.size()) != static_cast<ssize_t>(data.size())) {
      close(file);
      return -EIO;
    }
    off_t off = op.offset;
    size_t ask = op.bytes() + (op.flag == Flag::short_file ? kShortFileAsk : 0);
    long total = 0;
    while (static_cast<size_t>(total) < ask) {  // as an application loops on a short sendfile
      ssize_t n = sendfile(fd, file, &off, ask - total);
      if (n < 0) {
        total = total ? total : -errno;
        break;
      }
      if (n == 0)
        break;
      total += n;
    }
    close(file);
    return total;
  }
  case OpKind::splice: {
    int p[2];
    if (pipe(p) < 0)
      return -errno;
    if (op.bytes() > 65536)
      fcntl(p[1], F_SETPIPE_SZ, static_cast<int>(op.bytes()));
    auto data = pattern(op.bytes(), index);
    long r = sys(write(p[1], data.data(), data.size()));
    if (r == static_cast<long>(data.size()))
      r = sys(splice(p[0], nullptr, fd, nullptr, data.size(), op.flag == Flag::more ? SPLICE_F_MORE : 0));
    close(p[0]);
    close(p[1]);
    return r;
  }
  case OpKind::sleep:
    std::this_thread::sleep_for(std::chrono::milliseconds(op.sizes.at(0)));
    return 0;
  case OpKind::sendpage:
  case OpKind::sndbuf:
    return -EOPNOTSUPP;  // no syscall reaches ->sendpage or fails a memory wait; the host never sends one
  }
  return -EINVAL;
}

std::string run_scenario(const Scenario &s) {
  auto t0 = std::chrono::steady_clock::now();
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int one = 1;
  setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  socklen_t alen = sizeof addr;
  if (bind(listener, reinterpret_cast<sockaddr *>(&addr), sizeof addr) < 0 || listen(listener, 1) < 0 ||
      getsockname(listener, reinterpret_cast<sockaddr *>(&addr), &alen) < 0)
    return "ERROR " + s.name + " listener: " + std::strerror(errno);
  int report[2];
  if (pipe(report) < 0)
    return "ERROR " + s.name + " pipe: " + std::strerror(errno);
  pid_t reader = fork();
  if (reader == 0) {
    close(report[0]);
    int c = accept(listener, nullptr, nullptr);
    Seen seen = read_records(c);
    std::string text = "records=";
    for (size_t i = 0; i < seen.records.size(); i++)
      text += (i ? "," : "") + std::to_string(seen.records[i].first) + ":" +
              std::to_string(seen.records[i].second - (s.tls13 ? 17 : 24));
    text += " trailing=" + std::to_string(seen.trailing);
    (void)!write(report[1], text.data(), text.size());
    _exit(0);
  }
  close(report[1]);
  close(listener);
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  std::string rets;
  if (connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) < 0)
    return "ERROR " + s.name + " connect: " + std::strerror(errno);
  if (int e = enable_ktls(fd, s.tls13))
    return "ERROR " + s.name + " kTLS: " + std::strerror(-e);
  long setup = 0;
  if (s.zerocopy) {
    int on = 1;
    setup = sys(setsockopt(fd, SOL_TLS, TLS_TX_ZEROCOPY_RO, &on, sizeof on));
  }
  if (setup == 0 && s.max_payload) {
    uint16_t limit = static_cast<uint16_t>(*s.max_payload);
    setup = sys(setsockopt(fd, SOL_TLS, TLS_TX_MAX_PAYLOAD_LEN, &limit, sizeof limit));
  }
  for (size_t i = 0; i < s.ops.size(); i++)
    rets += (i ? "," : "") + ret_text(setup ? setup : run_op(fd, s.ops[i], static_cast<unsigned>(i + 1)));
  if (s.shut)
    shutdown(fd, SHUT_WR);
  close(fd);
  std::string seen;
  char buf[4096];
  ssize_t n;
  while ((n = read(report[0], buf, sizeof buf)) > 0)
    seen.append(buf, static_cast<size_t>(n));
  close(report[0]);
  waitpid(reader, nullptr, 0);
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
  return "RESULT " + s.name + " rets=" + rets + " " + seen + " us=" + std::to_string(us);
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: guest SCENARIOS OUT\n");
    return 2;
  }
  std::ifstream in(argv[1]);
  std::stringstream text;
  text << in.rdbuf();
  FILE *out = std::fopen(argv[2], "w");
  if (!in || !out) {
    std::fprintf(stderr, "guest: cannot open %s or %s\n", argv[1], argv[2]);
    return 2;
  }
  utsname u{};
  uname(&u);
  std::fprintf(out, "ORACLE kernel=%s %s\n", u.release, u.version);
  std::string why;
  auto scenarios = parse_scenarios(text.str(), &why);
  if (!scenarios) {
    std::fprintf(out, "ORACLE error scenarios: %s\n", why.c_str());
    return 1;
  }
  auto t0 = std::chrono::steady_clock::now();
  for (const auto &s : *scenarios) {
    std::fprintf(out, "%s\n", run_scenario(s).c_str());
    std::fflush(out);
  }
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(out, "ORACLE done scenarios=%zu total_us=%lld\n", scenarios->size(), static_cast<long long>(us));
  std::fclose(out);
  return 0;
}
