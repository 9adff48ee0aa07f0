// SPDX-License-Identifier: GPL-2.0-only
#include <impl/splice_impl.h>

#include <impl/lib/iov_iter.h>
#include <impl/mm/page_frag_alloc.h>
#include <impl/net/skbuff.h>
#include <linux/fault-inject.h>
#include <net/checksum.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>

namespace sc::splice {

namespace howells = sc::impl::howells;
namespace knet = sc::impl::net;

namespace {

constexpr uint32_t kPrefillBytes = 100;
std::atomic<int> g_live{0};

void new_skb_csum(struct sk_buff *skb, bool software) { skb->ip_summed = software ? CHECKSUM_NONE : CHECKSUM_PARTIAL; }

}  // namespace

SpliceImpl::SpliceImpl(Profile profile, shim::PageSupply &supply, SpliceFn code) : supply_(supply), code_(code) {
  if (!code_ && g_live.fetch_add(1) != 0) {
    std::fprintf(stderr, "splicecheck: only one SpliceImpl may be live at a time (the mirrors use globals)\n");
    std::abort();
  }
  // 7.2's skb_splice_from_iter is 6.12's; its lib/iov_iter.c extracts bvec pages its own way.
  knet::splice_level = profile == Profile::splice_series                                    ? knet::SPLICE_SERIES
                      : profile == Profile::splice_newest || profile == Profile::splice_v7_2 ? knet::SPLICE_NEWEST
                                                                                             : knet::SPLICE_V6_5;
  if (profile == Profile::splice_v7_2)
    extract_bvec_ = sc::impl::lib::iov_iter_extract_bvec_pages_v7_2;
  if (knet::splice_level == knet::SPLICE_SERIES) {
    howells::page_frag_level = howells::PF_P06;
    howells::page_frag_default_init();
  }
  sysctl_max_skb_frags = MAX_SKB_FRAGS;
  sc_current_task.cpu = 0;
  skb_ = sc_alloc_skb();
  new_skb_csum(skb_, software_csum_);
}

SpliceImpl::~SpliceImpl() {
  release();
  sc_iov_extract_fault(SC_EXTRACT_OK);
  sc_set_fail(SC_FAIL_PAGE_FRAG_MEMDUP, false);
  if (knet::splice_level == knet::SPLICE_SERIES)
    howells::page_frag_default_exit();
  if (!code_)
    g_live--;
}

void SpliceImpl::release() {
  if (skb_) {
    kfree_skb(skb_);
    skb_ = nullptr;
  }
  if (knet::splice_level == knet::SPLICE_SERIES)
    for (unsigned cpu = 0; cpu < nr_cpu_ids; cpu++) {
      auto *nc = per_cpu_ptr(howells::page_frag_default_allocator, cpu);
      howells::page_frag_cache_clear(nc);
      nc->offset = 0;
    }
}

void SpliceImpl::build_iter() {
  size_t count = 0;
  bvecs_.clear();
  kvecs_.clear();
  iovecs_.clear();
  for (const auto &m : segs_) {
    count += m.len;
    struct page *head = virt_to_page(m.addr - m.offset);
    bvecs_.push_back({head, m.len, m.offset});
    kvecs_.push_back({m.addr, m.len});
    iovecs_.push_back({m.addr, m.len});
  }
  switch (kind_) {
  case IterKind::bvec:
    iov_iter_bvec(&iter_, ITER_SOURCE, bvecs_.data(), bvecs_.size(), count);
    break;
  case IterKind::kvec:
    iov_iter_kvec(&iter_, ITER_SOURCE, kvecs_.data(), kvecs_.size(), count);
    break;
  case IterKind::ubuf:
    iov_iter_ubuf(&iter_, ITER_SOURCE, segs_[0].addr, count);
    break;
  case IterKind::iovec:
    iov_iter_init(&iter_, ITER_SOURCE, iovecs_.data(), iovecs_.size(), count);
    break;
  }
  built_ = true;
}

std::vector<FragDesc> SpliceImpl::describe_frags() const {
  std::vector<FragDesc> out;
  for (int i = 0; i < skb_shinfo(skb_)->nr_frags; i++) {
    const skb_frag_t *f = &skb_shinfo(skb_)->frags[i];
    auto *addr = static_cast<const uint8_t *>(page_address(skb_frag_page(f)));
    const struct page *block = supply_.block_of(addr);
    if (block && sources_.count(block->serial)) {
      auto *base = static_cast<const uint8_t *>(supply_.address(block));
      out.push_back({false, block->serial, static_cast<uint32_t>((addr - base) / PAGE_SIZE), skb_frag_off(f),
                     skb_frag_size(f)});
    } else {
      out.push_back({true, 0, 0, 0, skb_frag_size(f)});
    }
  }
  return out;
}

Obs SpliceImpl::observe(int64_t ret, uint64_t consumed) const {
  Obs o;
  o.is_splice = true;
  o.ret = ret;
  o.consumed = consumed;
  o.frags = describe_frags();
  o.len = skb_->len;
  o.data_len = skb_->data_len;
  o.truesize = skb_->truesize;
  o.software_csum = skb_->ip_summed == CHECKSUM_NONE;
  o.csum = o.software_csum ? csum_fold(skb_->csum) : 0;
  return o;
}

Obs SpliceImpl::apply(const Op &op, const std::vector<Memory> &fresh) {
  Obs obs;
  std::visit(
      [&](const auto &o) {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, Iter>) {
          kind_ = o.kind;
          segs_.clear();
          built_ = false;
        } else if constexpr (std::is_same_v<T, Seg>) {
          segs_.push_back(fresh[0]);
          sources_.insert(fresh[0].serial);
        } else if constexpr (std::is_same_v<T, Splice>) {
          if (!built_)
            build_iter();
          size_t before = iov_iter_count(&iter_);
          sc_iov_extract_fault(static_cast<sc_extract_fault>(fault_));
          sc_iov_extract_bvec_with(extract_bvec_);  // per call: a mirror and kernel code may live side by side
          ssize_t ret = code_ ? code_(skb_, &iter_, o.maxsize, GFP_KERNEL)
                              : knet::skb_splice_from_iter(skb_, &iter_, o.maxsize, GFP_KERNEL);
          sc_iov_extract_bvec_with(nullptr);
          sc_iov_extract_fault(SC_EXTRACT_OK);
          obs = observe(ret, before - iov_iter_count(&iter_));
        } else if constexpr (std::is_same_v<T, Prefill>) {
          for (const auto &m : fresh) {
            struct page *page = virt_to_page(m.addr);
            sources_.insert(m.serial);
            get_page(page);
            skb_fill_page_desc_noacc(skb_, skb_shinfo(skb_)->nr_frags, page, 0, kPrefillBytes);
            skb_len_add(skb_, kPrefillBytes);
          }
        } else if constexpr (std::is_same_v<T, Limit>) {
          sysctl_max_skb_frags = static_cast<int>(o.frags);
        } else if constexpr (std::is_same_v<T, Csum>) {
          software_csum_ = o.software;
          new_skb_csum(skb_, software_csum_);
        } else if constexpr (std::is_same_v<T, Extract>) {
          fault_ = o.fault;
        } else if constexpr (std::is_same_v<T, CopyFail>) {
          sc_set_fail(SC_FAIL_PAGE_FRAG_MEMDUP, o.on);
        } else if constexpr (std::is_same_v<T, CopyFailAt>) {
          sc_fail_nth(SC_FAIL_PAGE_FRAG_MEMDUP, o.nth);
        } else if constexpr (std::is_same_v<T, FreeSkb>) {
          sc_skb_frags_guarded(skb_);
          kfree_skb(skb_);
          skb_ = sc_alloc_skb();
          new_skb_csum(skb_, software_csum_);
        }
      },
      op);
  sc_skb_frags_guarded(skb_);  // a write past frags[] is reported after the op that made it
  return obs;
}

}  // namespace sc::splice
