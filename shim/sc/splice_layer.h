// SPDX-License-Identifier: GPL-2.0-only
// The layer between splice()/sendfile() and a socket (fs/splice.c), as each kernel era
// has it, so a socket sees the calls and flags it would see:
//   sendpage era (6.1): one ->sendpage per pipe buffer; MSG_MORE for SPLICE_F_MORE and
//     MSG_SENDPAGE_NOTLAST while more of the same request sits in the pipe; sendfile works
//     in rounds of one pipe's worth (16 pages, the first short by the file offset) and
//     has no EOF notification.
//   splice-pages era (v6.5+): splice_to_socket() hands up to 16 pipe buffers to one
//     sendmsg(MSG_SPLICE_PAGES), MSG_MORE for SPLICE_F_MORE or while buffers remain; a
//     sendfile that hits EOF before its count calls ->splice_eof.
#pragma once

#include <linux/net.h>

#include <cstdint>
#include <deque>
#include <functional>

namespace sc::shim {

enum class SpliceEra { sendpage, splice_pages };

inline constexpr unsigned SPLICE_F_MORE = 0x04;
inline constexpr unsigned PIPE_DEF_BUFFERS = 16;

struct pipe_buffer {
  struct page *page;
  unsigned int offset, len;
};

// An anonymous pipe: write() fills fresh pages, splice consumes buffers front first.
class Pipe {
 public:
  Pipe() = default;
  ~Pipe();
  Pipe(const Pipe &) = delete;
  Pipe &operator=(const Pipe &) = delete;
  // REQUIRES: the pipe is empty (each scenario write is followed by its splice).
  void write(const uint8_t *data, size_t len);
  std::deque<pipe_buffer> bufs;
};

// A regular file as sendfile reads it through the page cache.
struct File {
  uint64_t size = 0;
  // Writes the file's bytes [pos, pos + n) to out: one call per page read.
  std::function<void(uint64_t pos, uint8_t *out, size_t n)> read;
};

// splice(pipe -> socket, len, flags).
ssize_t splice_to_socket(SpliceEra era, Pipe &pipe, struct socket *sock, size_t len, unsigned flags);
// sendfile(socket, file, &pos, count).
ssize_t do_sendfile(SpliceEra era, const File &file, uint64_t pos, size_t count, struct socket *sock);
// An in-kernel user sending page-cache bytes [pos, pos+count) page by page (as nvme-tcp
// does): ->sendpage where the socket has it, else a one-element bvec with
// MSG_SPLICE_PAGES; MSG_MORE (and NOTLAST before v6.5) on all but the last page, and on
// the last too with `more`.
ssize_t kernel_sendpages(SpliceEra era, const File &file, uint64_t pos, size_t count, bool more,
                         struct socket *sock);

}  // namespace sc::shim
