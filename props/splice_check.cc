// SPDX-License-Identifier: GPL-2.0-only
#include <props/splice_check.h>

#include <linux/mm.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <sc/bounds.h>
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

DifferentialSide::DifferentialSide(Profile profile, SpliceFn code, size_t max_ops)
    : supply_(supply_pages(max_ops)),
      series_(profile == Profile::splice_series),
      model_(profile),
      impl_(profile, supply_, code) {}

DifferentialSide::~DifferentialSide() {
  supply_.make_current();
  impl_.release();
  free_memory();
}

void DifferentialSide::free_memory() {
  for (const auto &b : blocks_) {
    if (b.slab)
      kfree(page_address(b.head));
    else
      __free_pages(b.head, b.order);
  }
  blocks_.clear();
  units_.clear();
}

Memory DifferentialSide::allocate(Backing backing, uint32_t offset, uint32_t len) {
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
  source_serials_.push_back(m.serial);
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

std::vector<Memory> DifferentialSide::make_memory(const Op &op) {
  std::vector<Memory> out;
  if (auto *s = std::get_if<Seg>(&op))
    out.push_back(allocate(s->backing, s->offset, s->len));
  if (auto *p = std::get_if<Prefill>(&op))
    for (uint32_t i = 0; i < p->n; i++)
      out.push_back(allocate(Backing::page, 0, kPrefillBytes));
  return out;
}

void DifferentialSide::compare_splice(const Obs &mo, const Obs &io, unsigned nr_before, Candidates &out) const {
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

void DifferentialSide::check_bytes(Candidates &out) const {
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

void DifferentialSide::check_refs(Candidates &out) const {
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

void DifferentialSide::check_copies(const Obs &mo, unsigned nr_before, uint64_t obtained, Candidates &out) const {
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

DifferentialSide::Outcome DifferentialSide::step(const Op &op) {
  if (!model_.valid(op)) {
    std::fprintf(stderr, "splicecheck: splice op '%s' is not valid here (the generator and the model disagree)\n",
                 format_op(op).c_str());
    std::abort();
  }
  ops_++;
  Outcome out;
  auto fresh = make_memory(op);
  unsigned nr_before = skb_shinfo(&impl_.skb())->nr_frags;
  uint64_t allocated = supply_.allocated();  // from here on only the allocator allocates
  out.model = model_.apply(op, fresh);
  try {
    shim::OpBudget budget(kOpWork);
    out.impl = impl_.apply(op, fresh);
  } catch (const shim::NoProgress &np) {
    // Abandoned mid-op: nothing more can be checked, and no property may let it pass.
    observed_.emplace_back(out.model, out.impl);
    diverged_ = true;
    out.stuck = Finding{Check::no_progress, ops_, "model=" + format_obs(out.model) + " impl=" + np.text(),
                        triggers_at(op, out.model, model_)};
    return out;
  }
  observed_.emplace_back(out.model, out.impl);
  // A write past frags[] is a finding whatever the property asserts: the shim refused
  // it, so what the op left behind is not what the mirror meant either.
  if (auto overruns = shim::take_overruns(); !overruns.empty()) {
    diverged_ = true;
    out.stuck = Finding{Check::frag_array_bounds, ops_,
                        "model=at most " + std::to_string(MAX_SKB_FRAGS) + " frags impl=" + overruns.front(),
                        triggers_at(op, out.model, model_)};
    return out;
  }
  if (out.model.is_splice) {
    compare_splice(out.model, out.impl, nr_before, out.found);
    if (series_)
      check_copies(out.model, nr_before, supply_.allocated() - allocated, out.found);
  }
  check_bytes(out.found);
  check_refs(out.found);
  for (auto &e : supply_.take_errors())
    out.found.push_back({Check::supply_misuse, "model=no misuse impl=" + e});
  if (!out.found.empty()) {
    diverged_ = true;
    out.triggered = triggers_at(op, out.model, model_);
  }
  std::stable_sort(out.found.begin(), out.found.end(),
                   [](const Candidate &a, const Candidate &b) { return a.check < b.check; });
  return out;
}

Candidates DifferentialSide::teardown() {
  impl_.release();
  free_memory();
  Candidates out;
  for (auto &e : supply_.take_errors())
    out.push_back({Check::supply_misuse, "model=no misuse impl=" + e});
  if (supply_.live_blocks() != 0)
    out.push_back({Check::no_leak_at_teardown,
                   "model=every page back impl=" + std::to_string(supply_.live_blocks()) + " block(s) still held"});
  return out;
}

Differential::Differential(Profile profile, std::optional<BugId> bug, size_t max_ops)
    : Differential(Subject{profile, true, nullptr, ""}, bug, max_ops) {}

Differential::Differential(const Subject &subject, std::optional<BugId> bug, size_t max_ops) : bug_(bug) {
  bool three_way = subject.mirror && subject.code;
  if (subject.mirror || !subject.code) {
    sides_.push_back(std::make_unique<DifferentialSide>(subject.profile, nullptr, max_ops));
    labels_.push_back(three_way ? profile_info(subject.profile).name : "impl");
  }
  if (subject.code) {
    sides_.push_back(std::make_unique<DifferentialSide>(subject.profile, subject.code, max_ops));
    labels_.push_back(three_way ? subject.code_name : "impl");
  }
}

// Supplies nest: the last one made goes first.
Differential::~Differential() {
  while (!sides_.empty())
    sides_.pop_back();
}

namespace {

std::string check_names(const Candidates &cs) {
  std::set<Check> kinds;
  for (const auto &c : cs)
    kinds.insert(c.check);
  std::string out;
  for (Check c : kinds)
    out += (out.empty() ? "" : ",") + std::string(check_name(c));
  return out.empty() ? std::string("none") : out;
}

}  // namespace

std::optional<Finding> Differential::judge(const std::vector<DifferentialSide::Outcome> &outs,
                                           const CheckSet &asserted) {
  if (outs.size() == 2) {
    // A disagreement between the real source and its mirror is a finding of its own
    // whatever the property asserts: one of the two is out of line.
    const auto &mirror = outs[0], &real = outs[1];
    std::string mirror_checks = check_names(mirror.found), real_checks = check_names(real.found);
    if (mirror.impl != real.impl || mirror_checks != real_checks) {
      diverged_ = true;
      const std::string &m = labels_[0], &r = labels_[1];
      std::string who = mirror.impl == real.impl ? (real.found.empty() ? m : r)
                        : mirror.impl == mirror.model ? r
                        : real.impl == real.model     ? m
                                                      : "all three differ";
      return Finding{Check::matches_mirror, executed_.size(),
                     "model=" + format_obs(mirror.model) + " " + m + "=" + format_obs(mirror.impl) + " breaks " +
                         mirror_checks + " " + r + "=" + format_obs(real.impl) + " breaks " + real_checks +
                         "; out of line: " + who};
    }
  }
  // Sides that agree: the real source's account (named as such), which the mirror shares.
  for (const auto &c : outs.back().found)
    if (asserted.test(static_cast<size_t>(c.check))) {
      if (outs.size() == 1)
        return Finding{c.check, executed_.size(), c.detail, outs.back().triggered};
      std::string detail = c.detail;
      if (size_t at = detail.find(" impl="); at != std::string::npos)
        detail.replace(at + 1, 4, labels_[1]);
      return Finding{c.check, executed_.size(), detail + " (" + labels_[0] + " agrees)", outs.back().triggered};
    }
  return std::nullopt;
}

std::optional<Finding> Differential::step(const Op &op, const CheckSet &asserted) {
  if (diverged_ && !keep_going_)
    return std::nullopt;
  bool reported = diverged_;
  executed_.push_back(op);
  std::vector<DifferentialSide::Outcome> outs;
  for (auto &side : sides_) {
    side->make_current();
    outs.push_back(side->step(op));
  }
  for (size_t i = 0; i < outs.size(); i++)
    if (outs[i].stuck) {
      // Whatever the property asserts: a case that cannot end, or wrote past frags[], is
      // always a finding; the side's state is half an op, so nothing after it means anything.
      diverged_ = true;
      keep_going_ = false;
      if (reported)
        return std::nullopt;
      Finding f = *outs[i].stuck;
      f.op_index = executed_.size();
      if (sides_.size() == 2)
        f.divergence += " (" + labels_[i] + ")";
      return f;
    }
  for (const auto &side : sides_)
    diverged_ = diverged_ || side->diverged();
  if (reported)
    return std::nullopt;
  return judge(outs, asserted);
}

std::optional<Finding> Differential::teardown(const CheckSet &asserted) {
  if (diverged_)
    return std::nullopt;
  std::vector<DifferentialSide::Outcome> outs;
  // Supplies nest: the last one made is torn down first.
  for (size_t i = sides_.size(); i-- > 0;) {
    sides_[i]->make_current();
    DifferentialSide::Outcome o;
    o.found = sides_[i]->teardown();
    outs.insert(outs.begin(), std::move(o));
  }
  return judge(outs, asserted);
}

}  // namespace sc::splice
