// SPDX-License-Identifier: GPL-2.0-only
#include <model/tls_model.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <utility>

namespace sc::tls {

Rules rules_v6_1() { return {false, false, false, true}; }
Rules rules_v6_5() { return {true, false, false, true}; }
Rules rules_v6_12() { return {true, false, true, false}; }
Rules rules_newest() { return {true, true, true, true}; }

Rules rules_of(Profile p) {
  switch (p) {
  case Profile::tls_v6_1:
    return rules_v6_1();
  case Profile::tls_v6_12:
    return rules_v6_12();
  case Profile::tls_newest:
    return rules_newest();
  default:
    return rules_v6_5();
  }
}

namespace {

constexpr uint32_t kPage = 4096;

// What a socket is handed, whichever path: byte copies, runs of page chunks, the EOF
// notification, and the close that drops an open record.
class Socket {
 public:
  virtual ~Socket() = default;
  virtual void copy(uint32_t n, bool more, uint8_t type) = 0;
  // Page chunks from splice, sendfile or sendpage. `per_chunk`: the 6.1 sendpage era,
  // one call per chunk, MSG_SENDPAGE_NOTLAST (and MSG_MORE) on all but the last.
  virtual void pages(const std::vector<uint32_t> &chunks, bool more, bool per_chunk) = 0;
  virtual void splice_eof() = 0;
  // A control message's first step: push an open data record.
  virtual void flush_pending() = 0;
  uint64_t discard() { return std::exchange(open_bytes_, 0); }
  std::vector<Record> records;
  std::vector<FailedWait> failed_waits;

  // sndbuf: the nth socket-memory check from now finds no room and its wait fails with
  // err. The software path checks once per loop pass: of 6.1's ->sendpage
  // (tls_sw_do_sendpage()) and of sendmsg at every level (tls_sw_sendmsg_locked()).
  void arm_shortage(uint32_t nth, int64_t err) { short_in_ = nth, short_err_ = err; }
  // Starts an op; `partial_ends_op`: a ->sendpage call that returns short ends it (an
  // in-kernel sendpage user does; splice_from_pipe() sends the rest in another call).
  void begin_op(bool partial_ends_op) {
    partial_ends_op_ = partial_ends_op, accepted_ = 0, failed_.reset(), checks_ = 0, op_++;
  }
  // What the op returns: its bytes, or, if a failed wait ended it, those it took or the error.
  int64_t op_return(int64_t full) const { return !failed_ ? full : accepted_ ? static_cast<int64_t>(accepted_) : *failed_; }
  bool failed() const { return failed_.has_value(); }

 protected:
  bool memory_short() {
    checks_++;
    if (short_in_ == 0 || --short_in_ != 0)
      return false;
    failed_waits.push_back({op_ - 1, checks_ - 1});
    return true;
  }
  uint64_t open_bytes_ = 0;  // what close() would drop
  uint32_t short_in_ = 0;
  int64_t short_err_ = 0;
  bool partial_ends_op_ = false;
  uint64_t accepted_ = 0;          // this op so far
  std::optional<int64_t> failed_;  // the error a failed wait ended this op with
  uint32_t checks_ = 0;            // socket-memory checks of this op
  size_t op_ = 0;                  // ops begun
};

// tls_sw: records of sk_msg entries (SPEC §3.7).
class SwSocket final : public Socket {
 public:
  SwSocket(const Rules &rules, uint32_t maxp) : rules_(rules), maxp_(maxp) {}

  void copy(uint32_t n, bool more, uint8_t type) override {
    uint32_t left = n;
    while (left > 0) {
      // Each pass first waits for send-buffer room; a failed wait ends the call with
      // what it took, nothing of this pass (SPEC §3.6; tls_sw_sendmsg_locked()).
      if (memory_short()) {
        failed_ = short_err_;
        return;
      }
      Open &r = open(type);
      if (rules_.splice_pages && rules_.full_list_fixes && r.entries == kFullEntries) {
        emit();
        continue;
      }
      uint32_t want = std::min(left, maxp_ - r.bytes);
      bool full = left >= maxp_ - r.bytes;
      // Copies land in one contiguous buffer: a new entry only after spliced data.
      if (!r.last_copied) {
        r.entries++;
        r.last_copied = true;
      }
      r.bytes += want;
      left -= want;
      accepted_ += want;
      if (rules_.splice_pages && rules_.full_list_fixes && r.entries == kFullEntries)
        full = true;
      open_bytes_ = r.bytes;
      if (full || !more)
        emit();
    }
  }

  // v6.5+: one sendmsg(MSG_SPLICE_PAGES), or one per chunk (`per_chunk`, an in-kernel
  // sendpage user). 6.1: ->sendpage per chunk; only NOTLAST keeps the record open,
  // MSG_MORE is not looked at, and a full list is pushed.
  void pages(const std::vector<uint32_t> &chunks, bool more, bool per_chunk) override {
    uint32_t in_call = 0;
    bool pass_start = true;  // v6.5+: a pass of sendmsg's loop begins (call start, or after a push)
    for (size_t i = 0; i < chunks.size() && !failed_; i++) {
      bool last = i + 1 == chunks.size();
      uint32_t left = chunks[i];
      if (!rules_.splice_pages || per_chunk)
        in_call = 0, pass_start = true;
      while (left > 0) {
        Open &r = open(kContentData);
        // v6.5+: the wait at a pass's start; a call that took bytes returns short, and
        // splice_to_socket() calls again for the rest (an in-kernel sendpage user stops).
        if (rules_.splice_pages && std::exchange(pass_start, false) && memory_short()) {
          if (in_call == 0 || partial_ends_op_) {
            failed_ = short_err_;
            return;
          }
          in_call = 0, pass_start = true;
          continue;
        }
        // 6.1: the wait for room fails before anything of this pass is added; the call
        // returns what it took, or the error (SPEC §3.6; 6.1 tls_sw_do_sendpage()).
        if (!rules_.splice_pages && memory_short()) {
          if (in_call == 0 || partial_ends_op_) {
            failed_ = short_err_;
            return;
          }
          in_call = 0;  // splice_from_pipe() calls again for the rest of the buffer
          continue;
        }
        // A full open record is closed first (6.12.95 instead overruns its ring: the
        // tls_v612_copy_fills_open row; the model keeps the contract).
        if (rules_.splice_pages && r.entries == kFullEntries) {
          emit();
          pass_start = true;
          continue;
        }
        uint32_t c = std::min(left, maxp_ - r.bytes);
        r.entries++;
        r.last_copied = false;
        r.bytes += c;
        left -= c;
        in_call += c;
        accepted_ += c;
        bool full = r.bytes == maxp_ || r.entries == kFullEntries;
        bool keep_open = rules_.splice_pages ? (more || !last || left > 0) : (!last || left > 0);
        open_bytes_ = r.bytes;
        if (full || !keep_open) {
          emit();
          pass_start = true;
        }
      }
    }
  }

  void splice_eof() override { emit(); }
  void flush_pending() override { emit(); }

 private:
  struct Open {
    uint8_t type = kContentData;
    uint32_t bytes = 0;
    unsigned entries = 0;
    bool last_copied = false;
  };

  Open &open(uint8_t type) {
    if (!open_)
      open_ = Open{type, 0, 0, false};
    return *open_;
  }

  void emit() {
    if (open_ && open_->bytes)
      records.push_back({open_->type, open_->bytes});
    open_.reset();
    open_bytes_ = 0;
  }

  Rules rules_;
  uint32_t maxp_;
  std::optional<Open> open_;
};

// tls_device: records of frags (SPEC §3.9): frag 0 the prepend; copies extend the last
// socket-fragment frag; each spliced chunk (TLS_TX_ZEROCOPY_RO) is a frag of its own;
// the tag extends a socket-fragment frag or takes one more. A record closes at the
// payload limit, at 16 frags, or at the end of a call without MSG_MORE (a zero-length
// one too: that record is empty); under MSG_MORE it stays open only below 16 frags.
class DeviceSocket final : public Socket {
 public:
  DeviceSocket(uint32_t maxp, bool zerocopy) : maxp_(maxp), zerocopy_(zerocopy) {}

  void copy(uint32_t n, bool more, uint8_t type) override { push({n}, more, type, false); }

  void pages(const std::vector<uint32_t> &chunks, bool more, bool per_chunk) override {
    if (!per_chunk) {
      push(chunks, more, kContentData, zerocopy_);
      return;
    }
    for (size_t i = 0; i < chunks.size(); i++)
      push({chunks[i]}, more || i + 1 < chunks.size(), kContentData, zerocopy_);
  }

  void splice_eof() override {
    if (pending_)
      push({}, false, kContentData, false);
  }
  void flush_pending() override { splice_eof(); }

 private:
  struct Open {
    uint8_t type = kContentData;
    uint32_t bytes = 0;
    unsigned frags = 1;
    bool last_in_pfrag = true;
  };

  // tls_push_data(): `pieces` are what one extraction can take at most (a page chunk
  // when spliced; a copy takes any length).
  void push(const std::vector<uint32_t> &pieces, bool more, uint8_t type, bool zc) {
    size_t piece = 0;
    uint32_t in_piece = pieces.empty() ? 0 : pieces[0];
    uint64_t left = 0;
    for (uint32_t p : pieces)
      left += p;
    bool done = false;
    pending_ = false;
    do {
      if (!open_)
        open_ = Open{type};
      Open &r = *open_;
      uint32_t take = static_cast<uint32_t>(std::min<uint64_t>(left, maxp_ - r.bytes));
      if (take && zc) {
        while (in_piece == 0)
          in_piece = pieces[++piece];
        take = std::min(take, in_piece);
        in_piece -= take;
        r.frags++;
        r.last_in_pfrag = false;
      } else if (take && !r.last_in_pfrag) {
        r.frags++;
        r.last_in_pfrag = true;
      }
      r.bytes += take;
      left -= take;
      open_bytes_ = r.bytes;
      if (left == 0) {
        if (more && r.frags < kDeviceCloseFrags) {
          pending_ = true;
          return;
        }
        done = true;
      }
      if (done || r.bytes >= maxp_ || r.frags >= kDeviceCloseFrags) {
        records.push_back({r.type, r.bytes});
        open_.reset();
        open_bytes_ = 0;
      }
    } while (!done);
  }

  uint32_t maxp_;
  bool zerocopy_;
  bool pending_ = false;
  std::optional<Open> open_;
};

// Page chunks of `n` bytes starting `offset` bytes into the first page, in batches of
// at most `per_batch` chunks (0: one batch).
std::vector<std::vector<uint32_t>> batches(uint32_t n, uint32_t offset, size_t per_batch) {
  std::vector<std::vector<uint32_t>> out;
  uint32_t in_page = offset % kPage;
  while (n > 0) {
    std::vector<uint32_t> batch;
    while (n > 0 && (per_batch == 0 || batch.size() < per_batch)) {
      uint32_t c = std::min(n, kPage - in_page);
      batch.push_back(c);
      n -= c;
      in_page = 0;
    }
    out.push_back(std::move(batch));
  }
  return out;
}

}  // namespace

Result split_records(const Scenario &s, const Rules &rules, Path path) {
  Result out;
  if (s.max_payload && !rules.max_payload_option) {
    out.returns.assign(s.ops.size(), -ENOPROTOOPT);
    return out;
  }
  uint32_t maxp = s.max_payload.value_or(kMaxRecordPayload);
  std::unique_ptr<Socket> sk;
  if (path == Path::sw)
    sk = std::make_unique<SwSocket>(rules, maxp);
  else
    sk = std::make_unique<DeviceSocket>(maxp, s.zerocopy);
  bool sendpage_era = !rules.splice_pages;
  for (const auto &op : s.ops) {
    int64_t ret = op.bytes();
    bool more = op.flag == Flag::more;
    sk->begin_op(op.kind == OpKind::sendpage);
    switch (op.kind) {
    case OpKind::send:
    case OpKind::sendmsg:
    case OpKind::write:
      if (op.flag == Flag::eor && !rules.eor_flag)
        ret = -EOPNOTSUPP;
      else if (path == Path::device || op.bytes() > 0)  // the device pushes even 0 bytes
        sk->copy(op.bytes(), more, kContentData);
      break;
    case OpKind::ctrl:
      if (more) {
        ret = -EINVAL;
        break;
      }
      sk->flush_pending();  // a control record never shares a record with data
      if (path == Path::device || op.bytes() > 0)
        sk->copy(op.bytes(), false, op.record_type);
      break;
    case OpKind::splice: {
      // v6.5+ splice_to_socket(): 16 buffers per sendmsg, MORE while buffers remain or
      // SPLICE_F_MORE was given; 6.1 splice_from_pipe(): ->sendpage per buffer.
      auto bs = batches(op.bytes(), 0, sendpage_era ? 0 : kPipePages);
      for (size_t i = 0; i < bs.size(); i++)
        sk->pages(bs[i], more || i + 1 < bs.size(), sendpage_era);
      break;
    }
    case OpKind::sendfile: {
      // splice_direct_to_actor(): a pipe's worth per round, MORE until the round that
      // meets the count; a short file meets EOF instead, and v6.5+ then calls splice_eof.
      bool eof_short = op.flag == Flag::short_file;
      auto bs = batches(op.bytes(), op.offset, kPipePages);
      for (size_t i = 0; i < bs.size(); i++)
        sk->pages(bs[i], eof_short || i + 1 < bs.size(), sendpage_era);
      if (eof_short && !sendpage_era && op.bytes() > 0 && !sk->failed())  // a failed wait ended it first
        sk->splice_eof();
      break;
    }
    case OpKind::sendpage: {
      // One call per page, MSG_MORE (and NOTLAST) on all but the last, and on the last
      // too with :more; v6.5's wrapper and newest's callers turn that into sendmsg.
      auto bs = batches(op.bytes(), op.offset, 0);
      for (const auto &b : bs)
        sk->pages(b, more, true);
      break;
    }
    case OpKind::sleep:
      ret = 0;  // no timer flushes an open record
      break;
    case OpKind::sndbuf:
      sk->arm_shortage(op.sizes[0], op.flag == Flag::intr ? -EINTR : -EAGAIN);
      ret = 0;
      break;
    }
    out.returns.push_back(sk->op_return(ret));
  }
  out.discarded = sk->discard();  // shutdown() and close() drop an open record
  out.records = std::move(sk->records);
  out.failed_waits = std::move(sk->failed_waits);
  return out;
}

}  // namespace sc::tls
