// SPDX-License-Identifier: GPL-2.0-only
#include <model/splice_model.h>

#include <algorithm>
#include <cerrno>

#include <api/no_coverage.h>

namespace sc::splice {
namespace {

constexpr uint32_t kPage = 4096;
constexpr uint32_t kPrefillBytes = 100;

bool user_kind(IterKind k) { return k == IterKind::ubuf || k == IterKind::iovec; }

// The Internet checksum of a sum of 16-bit words: end-around carry, then complement.
uint16_t fold(uint64_t sum) {
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(~sum);
}

}  // namespace

SpliceModel::SpliceModel(Profile profile) : copy_slab_(profile == Profile::splice_series) {}

uint64_t SpliceModel::total() const {
  uint64_t n = 0;
  for (const auto &s : iter_->segs)
    n += s.len;
  return n;
}

std::map<std::pair<uint64_t, uint32_t>, int> SpliceModel::frag_refs() const {
  std::map<std::pair<uint64_t, uint32_t>, int> out;
  for (const auto &f : frags_)
    if (!f.copy)
      out[{f.serial, compound_.at(f.serial) ? 0 : f.sub}]++;
  return out;
}

bool SpliceModel::valid(const Op &op) const {
  if (auto *s = std::get_if<Seg>(&op)) {
    if (!iter_ || iter_->spliced || iter_->segs.size() >= kMaxSegments || s->len == 0 ||
        s->offset + s->len > kMaxBlock)
      return false;
    if (iter_->kind == IterKind::ubuf && !iter_->segs.empty())
      return false;
    return user_kind(iter_->kind) == (s->backing == Backing::user);
  }
  if (std::holds_alternative<Splice>(op))
    return iter_ && !iter_->segs.empty();
  if (auto *p = std::get_if<Prefill>(&op))
    return frags_.size() + p->n <= kMaxFrags;
  return true;
}

// One resize and straight loops, not a push_back per byte, and no coverage
// instrumentation (a compare traced per byte): the splice fuzz harness spent half its
// time here.
SC_NO_COVERAGE void SpliceModel::add_bytes(const Segment &s, uint32_t at, uint32_t part) {
  size_t base = bytes_.size();
  bytes_.resize(base + part);
  uint8_t *out = bytes_.data() + base;
  for (uint32_t i = 0; i < part; i++)
    out[i] = source_byte(s.source, at + i);
  // An odd offset in the skb puts the byte in the high half of its 16-bit word.
  if (software_csum_)
    for (uint32_t i = 0; i < part; i++)
      csum_sum_ += ((base + i) & 1) ? uint64_t{out[i]} << 8 : out[i];
}

int SpliceModel::append(const Segment &s, uint32_t at, uint32_t part) {
  uint32_t in_block = s.offset + at;
  FragDesc f{false, s.serial, in_block / kPage, in_block % kPage, part};
  bool slab = s.backing == Backing::slab;
  bool unsendable = s.backing == Backing::raw && f.sub > 0;  // a tail page of a non-compound block: refcount 0
  FragDesc *last = frags_.empty() ? nullptr : &frags_.back();
  bool continues = !slab && last && !last->copy && last->serial == f.serial && last->sub == f.sub &&
                   last->offset + last->len == f.offset;
  bool full = frags_.size() >= limit_;
  // The series tests for room before it looks at the page (a copy could not be undone);
  // v6.5 refuses an unsendable page first.
  if (copy_slab_ && full && !continues)
    return -EMSGSIZE;
  if ((slab && !copy_slab_) || unsendable) {
    last_.refused = true;
    return -EIO;
  }
  // A copy is tried here: the failing one takes nothing; earlier parts of the call stay.
  if (slab && (copy_fail_ || (copy_fail_in_ && --copy_fail_in_ == 0))) {
    last_.copy_failed_after = last_.copies + 1;
    return -ENOMEM;
  }
  if (continues) {
    last->len += part;
  } else if (!full) {
    frags_.push_back(slab ? FragDesc{true, 0, 0, 0, part} : f);  // a copy: its place is the allocator's
  } else {
    return -EMSGSIZE;
  }
  last_.copies += slab;
  add_bytes(s, at, part);
  return 0;
}

Obs SpliceModel::splice(uint32_t maxsize) {
  int64_t ret = 0;
  uint64_t remaining = total() - pos_;
  iter_->spliced = true;
  last_ = {};
  if (remaining > 0) {
    uint64_t avail = std::min<uint64_t>(maxsize, remaining);
    int err = 0;
    // Extraction from user memory may fail; from kernel memory it cannot.
    Fault fault = user_kind(iter_->kind) ? fault_ : Fault::ok;
    last_.short_extraction = fault == Fault::short_count;
    if (frags_.size() > limit_)
      err = -EMSGSIZE;
    else if (avail == 0 || fault == Fault::zero)
      err = -EIO;
    else if (fault == Fault::efault)
      err = -EFAULT;
    uint64_t spliced = 0;
    for (uint64_t p = pos_, seg_start = 0, i = 0; !err && spliced < avail; i++) {
      const Segment &s = iter_->segs[i];
      uint64_t seg_end = seg_start + s.len;
      while (!err && p < seg_end && spliced < avail) {
        uint32_t at = static_cast<uint32_t>(p - seg_start);
        uint32_t in_page = (s.offset + at) % kPage;
        uint32_t part = static_cast<uint32_t>(std::min<uint64_t>({kPage - in_page, seg_end - p, avail - spliced}));
        err = append(s, at, part);
        if (!err && spliced % 2)
          last_.part_at_odd_offset = true;
        if (!err) {
          p += part;
          spliced += part;
        }
      }
      seg_start = seg_end;
    }
    ret = spliced ? static_cast<int64_t>(spliced) : err;
    pos_ += spliced;
    len_ += spliced;
    data_len_ += spliced;
    truesize_ += spliced;
  }
  Obs o = snapshot();
  o.ret = ret;
  o.consumed = ret > 0 ? ret : 0;
  return o;
}

Obs SpliceModel::snapshot() const {
  Obs o;
  o.is_splice = true;
  o.frags = frags_;
  o.len = len_;
  o.data_len = data_len_;
  o.truesize = truesize_;
  o.software_csum = software_csum_;
  o.csum = software_csum_ ? fold(csum_sum_) : 0;
  return o;
}

Obs SpliceModel::apply(const Op &op, const std::vector<Memory> &fresh) {
  Obs obs;
  std::visit(
      [&](const auto &o) {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, Iter>) {
          iter_ = Iterator{o.kind, {}, false};
          pos_ = 0;
        } else if constexpr (std::is_same_v<T, Seg>) {
          compound_[fresh[0].serial] = fresh[0].compound;
          iter_->segs.push_back(fresh[0]);
        } else if constexpr (std::is_same_v<T, Splice>) {
          obs = splice(o.maxsize);
        } else if constexpr (std::is_same_v<T, Prefill>) {
          // Other code's frags: counted, not checksummed.
          for (const auto &m : fresh) {
            compound_[m.serial] = m.compound;
            frags_.push_back({false, m.serial, 0, 0, kPrefillBytes});
            for (uint32_t i = 0; i < kPrefillBytes; i++)
              bytes_.push_back(source_byte(m.source, i));
            len_ += kPrefillBytes;
            data_len_ += kPrefillBytes;
            truesize_ += kPrefillBytes;
          }
        } else if constexpr (std::is_same_v<T, Limit>) {
          limit_ = o.frags;
        } else if constexpr (std::is_same_v<T, Csum>) {
          software_csum_ = o.software;
        } else if constexpr (std::is_same_v<T, Extract>) {
          fault_ = o.fault;
        } else if constexpr (std::is_same_v<T, CopyFail>) {
          copy_fail_ = o.on;
          copy_fail_in_ = 0;
        } else if constexpr (std::is_same_v<T, CopyFailAt>) {
          copy_fail_ = false;
          copy_fail_in_ = o.nth;
        } else if constexpr (std::is_same_v<T, FreeSkb>) {
          frags_.clear();
          bytes_.clear();
          len_ = data_len_ = truesize_ = 0;
          csum_sum_ = 0;
        }
      },
      op);
  return obs;
}

}  // namespace sc::splice
