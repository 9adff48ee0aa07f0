// SPDX-License-Identifier: GPL-2.0-only
#include <sc/splice_layer.h>

#include <linux/bvec.h>

#include <algorithm>
#include <cerrno>
#include <vector>

namespace sc::shim {
namespace {

void release(pipe_buffer &b) {
  if (b.page)
    put_page(b.page);
  b.page = nullptr;
}

// Reads up to one pipe's worth of file bytes from pos into fresh page-cache pages.
void read_into(Pipe &pipe, const File &file, uint64_t pos, size_t len) {
  while (len > 0 && pipe.bufs.size() < PIPE_DEF_BUFFERS && pos < file.size) {
    unsigned off = static_cast<unsigned>(pos % PAGE_SIZE);
    size_t n = std::min<uint64_t>({len, PAGE_SIZE - off, file.size - pos});
    struct page *page = alloc_pages(GFP_KERNEL, 0);
    auto *bytes = static_cast<uint8_t *>(page_address(page));
    file.read(pos, bytes + off, n);
    pipe.bufs.push_back({page, off, static_cast<unsigned>(n)});
    pos += n;
    len -= n;
  }
}

size_t pipe_bytes(const Pipe &pipe) {
  size_t n = 0;
  for (const auto &b : pipe.bufs)
    n += b.len;
  return n;
}

// Drops `n` consumed bytes from the pipe's front.
void consume(Pipe &pipe, size_t n) {
  while (n > 0 && !pipe.bufs.empty()) {
    pipe_buffer &b = pipe.bufs.front();
    size_t seg = std::min<size_t>(n, b.len);
    b.offset += seg;
    b.len -= seg;
    n -= seg;
    if (!b.len) {
      release(b);
      pipe.bufs.pop_front();
    }
  }
}

// 6.1's splice_from_pipe() with pipe_to_sendpage(): one ->sendpage per buffer.
ssize_t splice_from_pipe_sendpage(Pipe &pipe, struct socket *sock, size_t total, unsigned flags) {
  ssize_t done = 0;
  while (total > 0 && !pipe.bufs.empty()) {
    pipe_buffer &b = pipe.bufs.front();
    size_t len = std::min<size_t>(b.len, total);
    int more = (flags & SPLICE_F_MORE) ? MSG_MORE : 0;
    if (len < total && pipe.bufs.size() > 1)
      more |= MSG_SENDPAGE_NOTLAST;
    ssize_t ret = sock->ops->sendpage(sock, b.page, static_cast<int>(b.offset), len, more);
    if (ret <= 0)
      return done ? done : ret;
    consume(pipe, static_cast<size_t>(ret));
    total -= static_cast<size_t>(ret);
    done += ret;
  }
  return done;
}

// v6.5+'s splice_to_socket(): up to 16 buffers per sendmsg(MSG_SPLICE_PAGES).
ssize_t splice_to_socket_pages(Pipe &pipe, struct socket *sock, size_t len, unsigned flags) {
  ssize_t spliced = 0;
  while (len > 0 && !pipe.bufs.empty()) {
    struct bio_vec bvec[PIPE_DEF_BUFFERS];
    unsigned bc = 0;
    size_t remain = len;
    for (const auto &b : pipe.bufs) {
      size_t seg = std::min<size_t>(remain, b.len);
      bvec_set_page(&bvec[bc++], b.page, static_cast<unsigned>(seg), b.offset);
      remain -= seg;
      if (remain == 0 || bc >= PIPE_DEF_BUFFERS)
        break;
    }
    struct msghdr msg = {};
    msg.msg_flags = MSG_SPLICE_PAGES;
    if (flags & SPLICE_F_MORE)
      msg.msg_flags |= MSG_MORE;
    // Bytes left after 16 buffers: the pipe still holds them (len never exceeds it).
    if (remain)
      msg.msg_flags |= MSG_MORE;
    iov_iter_bvec(&msg.msg_iter, ITER_SOURCE, bvec, bc, len - remain);
    int ret = sock->ops->sendmsg(sock, &msg, len - remain);
    if (ret <= 0)
      return spliced ? spliced : ret;
    spliced += ret;
    len -= static_cast<size_t>(ret);
    consume(pipe, static_cast<size_t>(ret));
  }
  return spliced;
}

}  // namespace

Pipe::~Pipe() {
  for (auto &b : bufs)
    release(b);
}

void Pipe::write(const uint8_t *data, size_t len) {
  for (size_t at = 0; at < len; at += PAGE_SIZE) {
    size_t n = std::min<size_t>(PAGE_SIZE, len - at);
    struct page *page = alloc_pages(GFP_KERNEL, 0);
    std::copy(data + at, data + at + n, static_cast<uint8_t *>(page_address(page)));
    bufs.push_back({page, 0, static_cast<unsigned>(n)});
  }
}

ssize_t splice_to_socket(SpliceEra era, Pipe &pipe, struct socket *sock, size_t len, unsigned flags) {
  len = std::min(len, pipe_bytes(pipe));
  if (era == SpliceEra::sendpage)
    return splice_from_pipe_sendpage(pipe, sock, len, flags);
  return splice_to_socket_pages(pipe, sock, len, flags);
}

// splice_direct_to_actor(): rounds of one pipe's worth, SPLICE_F_MORE until the round
// that satisfies the count.
ssize_t do_sendfile(SpliceEra era, const File &file, uint64_t pos, size_t count, struct socket *sock) {
  Pipe pipe;
  ssize_t bytes = 0;
  size_t len = count;
  unsigned flags = SPLICE_F_MORE;
  while (len > 0) {
    read_into(pipe, file, pos, len);
    size_t read_len = pipe_bytes(pipe);
    if (read_len == 0) {  // EOF before the count was met
      if (era == SpliceEra::splice_pages && bytes > 0 && sock->ops->splice_eof)
        sock->ops->splice_eof(sock);
      break;
    }
    if (read_len >= len)
      flags &= ~SPLICE_F_MORE;
    ssize_t ret = splice_to_socket(era, pipe, sock, read_len, flags);
    if (ret <= 0)
      return bytes ? bytes : ret;
    bytes += ret;
    len -= static_cast<size_t>(ret);
    pos += static_cast<uint64_t>(ret);
    if (static_cast<size_t>(ret) < read_len)
      break;
  }
  return bytes;
}

ssize_t kernel_sendpages(SpliceEra era, const File &file, uint64_t pos, size_t count, bool more,
                         struct socket *sock) {
  ssize_t sent = 0;
  while (count > 0) {
    Pipe page_cache;  // one page-cache page at a time
    read_into(page_cache, file, pos, std::min<size_t>(count, PAGE_SIZE - pos % PAGE_SIZE));
    pipe_buffer &b = page_cache.bufs.front();
    bool last = b.len == count;
    int flags = !last || more ? MSG_MORE : 0;
    if (!last && era == SpliceEra::sendpage)
      flags |= MSG_SENDPAGE_NOTLAST;
    ssize_t ret;
    if (sock->ops->sendpage) {
      ret = sock->ops->sendpage(sock, b.page, static_cast<int>(b.offset), b.len, flags);
    } else {
      struct bio_vec bvec;
      bvec_set_page(&bvec, b.page, b.len, b.offset);
      struct msghdr msg = {};
      msg.msg_flags = static_cast<unsigned>(flags) | MSG_SPLICE_PAGES;
      iov_iter_bvec(&msg.msg_iter, ITER_SOURCE, &bvec, 1, b.len);
      ret = sock->ops->sendmsg(sock, &msg, b.len);
    }
    if (ret <= 0)
      return sent ? sent : ret;
    sent += ret;
    pos += static_cast<uint64_t>(ret);
    count -= static_cast<size_t>(ret);
    if (static_cast<size_t>(ret) < b.len)
      break;
  }
  return sent;
}

}  // namespace sc::shim
