// SPDX-License-Identifier: GPL-2.0-only
// The skb_splice_from_iter() mirror behind the splice interface: one skb, the iterator
// the ops build, the profile's level (and for the series, the per-cpu page_frag
// allocator its copies come from). Reads the skb back as the model describes it.
#pragma once

#include <api/profiles.h>
#include <api/splice.h>
#include <linux/skbuff.h>
#include <linux/uio.h>
#include <sc/page_supply.h>

#include <set>
#include <vector>

namespace sc::splice {

// skb_splice_from_iter() of kernel source built against the shims (kernel-src/).
using SpliceFn = ssize_t (*)(struct sk_buff *, struct iov_iter *, ssize_t, gfp_t);

class SpliceImpl final : public SkbSplicer {
 public:
  // REQUIRES: supply is installed and outlives this object; one mirror live at a time
  // (the mirrors keep kernel-style globals). With `code`, that function splices instead
  // of the mirror (the world around it is the same), and may live beside one mirror.
  SpliceImpl(Profile profile, shim::PageSupply &supply, SpliceFn code = nullptr);
  ~SpliceImpl() override;
  SpliceImpl(const SpliceImpl &) = delete;
  SpliceImpl &operator=(const SpliceImpl &) = delete;

  Obs apply(const Op &op, const std::vector<Memory> &fresh) override;

  const struct sk_buff &skb() const { return *skb_; }
  // The frags as the model names them: source pages by (serial, page index), anything
  // else as a copy.
  std::vector<FragDesc> describe_frags() const;
  // Drops the skb and empties the allocator's per-cpu buckets (teardown).
  void release();

 private:
  void build_iter();
  Obs observe(int64_t ret, uint64_t consumed) const;

  shim::PageSupply &supply_;
  SpliceFn code_;
  struct sk_buff *skb_ = nullptr;
  IterKind kind_ = IterKind::bvec;
  std::vector<Memory> segs_;
  std::vector<struct bio_vec> bvecs_;
  std::vector<struct kvec> kvecs_;
  std::vector<struct iovec> iovecs_;
  struct iov_iter iter_ {};
  bool built_ = false;
  bool software_csum_ = false;
  Fault fault_ = Fault::ok;
  sc_extract_bvec_fn extract_bvec_ = nullptr;  // lib/iov_iter.c of the profile's kernel; null: the shim's
  std::set<uint64_t> sources_;  // serials of the harness's blocks
};

}  // namespace sc::splice
