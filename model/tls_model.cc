// SPDX-License-Identifier: GPL-2.0-only
#include <model/tls_model.h>

#include <algorithm>
#include <cerrno>

namespace sc::tls {

Rules rules_v6_1() { return {false, false}; }
Rules rules_v6_12() { return {true, false}; }
Rules rules_newest() { return {true, true}; }

Rules rules_of(Profile p) {
  if (p == Profile::tls_v6_1)
    return rules_v6_1();
  return p == Profile::tls_newest ? rules_newest() : rules_v6_12();
}

namespace {

constexpr uint32_t kPage = 4096;

class Socket {
 public:
  Socket(const Rules &rules, uint32_t maxp) : rules_(rules), maxp_(maxp) {}

  // Bytes of a plain copy (send, sendmsg, write, ctrl's payload).
  void copy(uint32_t n, bool more, uint8_t type) {
    uint32_t left = n;
    while (left > 0) {
      Open &r = open(type);
      if (rules_.splice_pages && r.entries == kFullEntries) {
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
      if (rules_.splice_pages && r.entries == kFullEntries)
        full = true;
      if (full || !more)
        emit();
    }
  }

  // One batch of page chunks handed over by splice or sendfile. v6.5+: one sendmsg
  // with MSG_SPLICE_PAGES (more = MSG_MORE). 6.1: ->sendpage per chunk, NOTLAST on all
  // but the batch's last chunk; MSG_MORE is not looked at.
  void pages(const std::vector<uint32_t> &chunks, bool more) {
    for (size_t i = 0; i < chunks.size(); i++) {
      bool last = i + 1 == chunks.size();
      uint32_t left = chunks[i];
      while (left > 0) {
        Open &r = open(kContentData);
        if (rules_.splice_pages && r.entries == kFullEntries) {
          emit();
          continue;
        }
        uint32_t c = std::min(left, maxp_ - r.bytes);
        r.entries++;
        r.last_copied = false;
        r.bytes += c;
        left -= c;
        bool full = r.bytes == maxp_ || r.entries == kFullEntries;
        bool keep_open = rules_.splice_pages ? (more || !last || left > 0) : (!last || left > 0);
        if (full || !keep_open)
          emit();
      }
    }
  }

  void flush_other_type(uint8_t type) {
    if (open_ && open_->type != type)
      emit();
  }

  void emit() {
    if (open_ && open_->bytes)
      records_.push_back({open_->type, open_->bytes});
    open_.reset();
  }

  uint64_t discard() {
    uint64_t n = open_ ? open_->bytes : 0;
    open_.reset();
    return n;
  }

  std::vector<Record> records_;

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

  Rules rules_;
  uint32_t maxp_;
  std::optional<Open> open_;
};

// Page chunks of `n` bytes starting `offset` bytes into the first page, in batches of
// at most one pipe's worth of buffers.
std::vector<std::vector<uint32_t>> batches(uint32_t n, uint32_t offset) {
  std::vector<std::vector<uint32_t>> out;
  uint32_t in_page = offset % kPage;
  while (n > 0) {
    std::vector<uint32_t> batch;
    while (n > 0 && batch.size() < kPipePages) {
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

Result split_records(const Scenario &s, const Rules &rules) {
  Result out;
  if (s.max_payload && !rules.max_payload_option) {
    out.returns.assign(s.ops.size(), -ENOPROTOOPT);
    return out;
  }
  Socket sk(rules, s.max_payload.value_or(kMaxRecordPayload));
  for (const auto &op : s.ops) {
    int64_t ret = op.bytes();
    bool more = op.flag == Flag::more;
    switch (op.kind) {
    case OpKind::send:
    case OpKind::sendmsg:
    case OpKind::write:
      sk.flush_other_type(kContentData);
      sk.copy(op.bytes(), more, kContentData);
      break;
    case OpKind::ctrl:
      if (more) {
        ret = -EINVAL;
        break;
      }
      sk.emit();  // a control record never shares a record with data
      sk.copy(op.bytes(), false, op.record_type);
      break;
    case OpKind::splice: {
      // splice_to_socket(): 16 buffers per sendmsg, MORE while buffers remain or
      // SPLICE_F_MORE was given.
      sk.flush_other_type(kContentData);
      auto bs = batches(op.bytes(), 0);
      for (size_t i = 0; i < bs.size(); i++)
        sk.pages(bs[i], more || i + 1 < bs.size());
      break;
    }
    case OpKind::sendfile: {
      // splice_direct_to_actor(): a pipe's worth per round, MORE until the last round.
      sk.flush_other_type(kContentData);
      auto bs = batches(op.bytes(), op.offset);
      for (size_t i = 0; i < bs.size(); i++)
        sk.pages(bs[i], i + 1 < bs.size());
      break;
    }
    case OpKind::sleep:
      ret = 0;  // no timer flushes an open record
      break;
    }
    out.returns.push_back(ret);
  }
  out.discarded = sk.discard();  // shutdown() and close() drop an open record
  out.records = std::move(sk.records_);
  return out;
}

}  // namespace sc::tls
