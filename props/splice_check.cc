// SPDX-License-Identifier: GPL-2.0-only
#include <props/splice_check.h>

#include <linux/mm.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <sc/op_budget.h>

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

namespace sc::splice {
namespace {

constexpr uint32_t kPrefillBytes = 100;
// Every op gets the budget of the largest splice: a piece per segment and per page of it.
constexpr uint64_t kOpWork = shim::op_work_limit(kMaxSegments * (1 + kMaxBlock / 4096));

// Sources take up to an order-3 block per op; live copies are bounded by the frag limit
// (up to a whole order-3 allocator page each with the series' ULONG_MAX alignment).
size_t supply_pages(size_t max_ops) { return std::bit_ceil(24 * (max_ops + 16)); }

unsigned order_for(uint32_t bytes) {
  size_t pages = (std::max<uint32_t>(bytes, 1) + PAGE_SIZE - 1) / PAGE_SIZE;
  return std::bit_width(std::bit_ceil(pages)) - 1;
}

std::string frags_text(const std::vector<FragDesc> &frags) {
  Obs o;
  o.is_splice = true;
  o.frags = frags;
  std::string s = format_obs(o);
  return s.substr(s.find("frags="), s.find(" len=") - s.find("frags="));
}

}  // namespace

Differential::Differential(Profile profile, std::optional<BugId> bug, size_t max_ops)
    : supply_(supply_pages(max_ops)),
      bug_(bug),
      series_(profile == Profile::splice_series),
      model_(profile),
      impl_(profile, supply_) {}

Differential::~Differential() {
  impl_.release();
  free_memory();
}

void Differential::free_memory() {
  for (const auto &b : blocks_) {
    if (b.slab)
      kfree(page_address(b.head));
    else
      __free_pages(b.head, b.order);
  }
  blocks_.clear();
  units_.clear();
}

Memory Differential::allocate(Backing backing, uint32_t offset, uint32_t len) {
  unsigned order = order_for(offset + len);
  struct page *head = nullptr;
  uint8_t *addr = nullptr;
  if (backing == Backing::slab) {
    addr = static_cast<uint8_t *>(sc_kmalloc_at(offset, len, GFP_KERNEL));
    head = addr ? virt_to_head_page(addr) : nullptr;
  } else {
    // raw: no __GFP_COMP, so every tail page is a page of its own with refcount 0.
    gfp_t gfp = backing == Backing::raw ? GFP_KERNEL : GFP_KERNEL | __GFP_COMP;
    head = alloc_pages(gfp, order);
    addr = head ? static_cast<uint8_t *>(page_address(head)) + offset : nullptr;
  }
  if (!head) {
    std::fprintf(stderr, "splicecheck: the splice harness ran out of pages (supply too small)\n");
    std::abort();
  }
  Memory m{backing, head->serial, backing != Backing::raw, offset, len, next_source_++, addr};
  for (uint32_t i = 0; i < len; i++)
    addr[i] = source_byte(m.source, i);
  blocks_.push_back({head, order, backing == Backing::slab});
  if (m.compound) {
    units_.push_back({m.serial, 0, head, 1});
  } else {
    for (uint32_t sub = 0; sub < (1u << order); sub++)
      units_.push_back({m.serial, sub, head + sub, sub == 0 ? 1 : 0});
  }
  return m;
}

std::vector<Memory> Differential::make_memory(const Op &op) {
  std::vector<Memory> out;
  if (auto *s = std::get_if<Seg>(&op))
    out.push_back(allocate(s->backing, s->offset, s->len));
  if (auto *p = std::get_if<Prefill>(&op))
    for (uint32_t i = 0; i < p->n; i++)
      out.push_back(allocate(Backing::page, 0, kPrefillBytes));
  return out;
}

void Differential::compare_splice(const Obs &mo, const Obs &io, unsigned nr_before, Candidates &out) const {
  std::string both = "model=" + format_obs(mo) + " impl=" + format_obs(io);
  if (mo.ret != io.ret)
    out.push_back({Check::return_value, "model=ret " + std::to_string(mo.ret) + " impl=ret " + std::to_string(io.ret)});
  if (mo.consumed != io.consumed)
    out.push_back({Check::iter_position, "model=iterator advanced " + std::to_string(mo.consumed) +
                                             " impl=advanced " + std::to_string(io.consumed) + " for ret " +
                                             std::to_string(io.ret)});
  const struct sk_buff &skb = impl_.skb();
  for (int i = 0; i < skb_shinfo(&skb)->nr_frags; i++)
    if (PageSlab(skb_frag_page(&skb_shinfo(&skb)->frags[i]))) {
      out.push_back({Check::no_slab_frag, "model=no slab page in a frag impl=frag " + std::to_string(i) +
                                              " references a slab page"});
      break;
    }
  if (mo.frags != io.frags)
    out.push_back({Check::frag_list, "model=" + frags_text(mo.frags) + " impl=" + frags_text(io.frags)});
  unsigned limit = model_.limit();
  if (skb_shinfo(&skb)->nr_frags > std::max(limit, nr_before))
    out.push_back({Check::frag_limit, "model=at most " + std::to_string(std::max(limit, nr_before)) +
                                          " frags impl=" + std::to_string(skb_shinfo(&skb)->nr_frags)});
  if (mo.len != io.len || mo.data_len != io.data_len || mo.truesize != io.truesize)
    out.push_back({Check::counters, both});
  if (mo.csum != io.csum)
    out.push_back({Check::csum, "model=csum " + std::to_string(mo.csum) + " impl=csum " + std::to_string(io.csum)});
}

void Differential::check_bytes(Candidates &out) const {
  const struct sk_buff &skb = impl_.skb();
  const auto &want = model_.bytes();
  size_t at = 0;
  for (int i = 0; i < skb_shinfo(&skb)->nr_frags; i++) {
    const skb_frag_t *f = &skb_shinfo(&skb)->frags[i];
    const auto *p = static_cast<const uint8_t *>(page_address(skb_frag_page(f))) + skb_frag_off(f);
    for (uint32_t k = 0; k < skb_frag_size(f); k++, at++)
      if (at >= want.size() || p[k] != want[at]) {
        out.push_back({Check::frag_bytes, "model=" + std::to_string(want.size()) + " bytes from the sources impl=byte " +
                                              std::to_string(at) + " (frag " + std::to_string(i) + ") differs"});
        return;
      }
  }
  if (at != want.size())
    out.push_back({Check::frag_bytes, "model=" + std::to_string(want.size()) + " bytes impl=" + std::to_string(at)});
}

void Differential::check_refs(Candidates &out) const {
  auto refs = model_.frag_refs();
  for (const auto &u : units_) {
    int want = u.base + (refs.count({u.serial, u.sub}) ? refs.at({u.serial, u.sub}) : 0);
    int got = page_ref_count(u.head);
    if (got != want) {
      out.push_back({Check::page_refs, "model=page #" + std::to_string(u.serial) + "." + std::to_string(u.sub) +
                                           " refcount " + std::to_string(want) + " impl=" + std::to_string(got)});
      return;
    }
  }
}

void Differential::check_copies(const Obs &mo, unsigned nr_before, uint64_t obtained, Candidates &out) const {
  uint64_t bytes = 0;
  for (size_t i = nr_before; i < mo.frags.size(); i++)
    if (mo.frags[i].copy)
      bytes += mo.frags[i].len;
  // Next fit into pages of at least PAGE_SIZE: a new page only when the current one
  // cannot hold the copy, so two per PAGE_SIZE copied, plus slack for the page in use.
  uint64_t bound = 2 + 2 * bytes / PAGE_SIZE;
  if (obtained > bound)
    out.push_back({Check::copies_packed, "model=" + std::to_string(bytes) + " bytes copied into at most " +
                                             std::to_string(bound) + " new allocator page(s) impl=" +
                                             std::to_string(obtained) + " pages obtained"});
}

std::optional<Finding> Differential::step(const Op &op, const CheckSet &asserted) {
  if (diverged_)
    return std::nullopt;
  if (!model_.valid(op)) {
    std::fprintf(stderr, "splicecheck: splice op '%s' is not valid here (the generator and the model disagree)\n",
                 format_op(op).c_str());
    std::abort();
  }
  executed_.push_back(op);
  auto fresh = make_memory(op);
  unsigned nr_before = skb_shinfo(&impl_.skb())->nr_frags;
  uint64_t allocated = supply_.allocated();  // from here on only the allocator allocates
  Obs mo = model_.apply(op, fresh);
  Obs io;
  try {
    shim::OpBudget budget(kOpWork);
    io = impl_.apply(op, fresh);
  } catch (const shim::NoProgress &np) {
    // Abandoned mid-op: nothing more can be checked, and no property may let it pass.
    observed_.emplace_back(mo, io);
    diverged_ = true;
    return Finding{Check::no_progress, executed_.size(), "model=" + format_obs(mo) + " impl=" + np.text(),
                   triggers_at(op, mo, model_)};
  }
  observed_.emplace_back(mo, io);
  Candidates found;
  if (mo.is_splice) {
    compare_splice(mo, io, nr_before, found);
    if (series_)
      check_copies(mo, nr_before, supply_.allocated() - allocated, found);
  }
  check_bytes(found);
  check_refs(found);
  for (auto &e : supply_.take_errors())
    found.push_back({Check::supply_misuse, "model=no misuse impl=" + e});
  if (!found.empty())
    diverged_ = true;
  std::sort(found.begin(), found.end(), [](const Candidate &a, const Candidate &b) { return a.check < b.check; });
  for (auto &c : found)
    if (asserted.test(static_cast<size_t>(c.check)))
      return Finding{c.check, executed_.size(), c.detail, triggers_at(op, mo, model_)};
  return std::nullopt;
}

std::optional<Finding> Differential::teardown(const CheckSet &asserted) {
  if (diverged_)
    return std::nullopt;
  impl_.release();
  free_memory();
  for (auto &e : supply_.take_errors())
    if (asserted.test(static_cast<size_t>(Check::supply_misuse)))
      return Finding{Check::supply_misuse, executed_.size(), "model=no misuse impl=" + e};
  if (asserted.test(static_cast<size_t>(Check::no_leak_at_teardown)) && supply_.live_blocks() != 0)
    return Finding{Check::no_leak_at_teardown, executed_.size(),
                   "model=every page back impl=" + std::to_string(supply_.live_blocks()) + " block(s) still held"};
  return std::nullopt;
}

}  // namespace sc::splice
