// SPDX-License-Identifier: GPL-2.0-only
// skb_splice_from_iter()'s reference model: the contract of api/splice.h stated byte by
// byte. It walks the source one part at a time (a part never crosses a page or a
// segment) and knows no batches, no extraction and no allocator: copies are "a copy of
// these bytes", wherever the allocator put them.
#pragma once

#include <api/profiles.h>
#include <api/splice.h>

#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace sc::splice {

// How the last Splice went, beyond what it observes: what the rows' triggers read
// (props/splice_triggers.cc).
struct SpliceFacts {
  bool refused = false;             // stopped at a page sendpage_ok() refuses
  bool part_at_odd_offset = false;  // a part placed after an odd byte count of the same call
  bool short_extraction = false;    // user memory extracted short: the call's parts split anywhere
  unsigned copies = 0;              // slab parts copied
  unsigned copy_failed_after = 0;   // a failed copy ended the call: 1 + the copies before it
};

class SpliceModel final : public SkbSplicer {
 public:
  explicit SpliceModel(Profile profile);

  Obs apply(const Op &op, const std::vector<Memory> &fresh) override;
  // Whether op may be applied now (an iterator to add to or splice from, kinds that fit
  // the iterator, room for prefill frags).
  bool valid(const Op &op) const;

  // The bytes the skb's frags hold, in order, and the references the frags hold per
  // page: (block serial, page index of the refcounted page) -> count.
  const std::vector<uint8_t> &bytes() const { return bytes_; }
  std::map<std::pair<uint64_t, uint32_t>, int> frag_refs() const;
  const std::vector<FragDesc> &frags() const { return frags_; }
  unsigned limit() const { return limit_; }
  bool iterator_has_bytes() const { return iter_ && pos_ < total(); }
  const SpliceFacts &last_splice() const { return last_; }

 private:
  using Segment = Memory;
  struct Iterator {
    IterKind kind;
    std::vector<Segment> segs;
    bool spliced = false;
  };

  Obs splice(uint32_t maxsize);
  uint64_t total() const;
  // Appends one part; returns 0 or the error that stops the call.
  int append(const Segment &s, uint32_t at, uint32_t part);
  void add_bytes(const Segment &s, uint32_t at, uint32_t part);
  Obs snapshot() const;

  bool copy_slab_;
  std::optional<Iterator> iter_;
  uint64_t pos_ = 0;
  std::vector<FragDesc> frags_;
  std::map<uint64_t, bool> compound_;  // block serial -> compound
  std::vector<uint8_t> bytes_;
  uint32_t len_ = 0, data_len_ = 0, truesize_ = 0;
  uint64_t csum_sum_ = 0;  // spliced bytes as 16-bit words at their offsets, summed
  unsigned limit_ = kMaxFrags;
  bool software_csum_ = false;
  Fault fault_ = Fault::ok;
  bool copy_fail_ = false;
  uint32_t copy_fail_in_ = 0;  // CopyFailAt: copies to the failing one
  SpliceFacts last_;
};

}  // namespace sc::splice
