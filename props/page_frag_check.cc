// SPDX-License-Identifier: GPL-2.0-only
#include <props/page_frag_check.h>
#include <linux/mm.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <cstdio>

namespace sc::alloc {
namespace {

constexpr const char *kCheckNames[] = {
#define PAGE_FRAG_CHECK(id, help) #id,
#include <api/page_frag_checks.def>
#undef PAGE_FRAG_CHECK
};
constexpr const char *kCheckHelp[] = {
#define PAGE_FRAG_CHECK(id, help) help,
#include <api/page_frag_checks.def>
#undef PAGE_FRAG_CHECK
};

constexpr unsigned kMaxBias = 32768 + 1;  // PAGE_FRAG_CACHE_MAX_SIZE + 1

std::string hex(uint8_t b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02x", b);
  return buf;
}

// Index of the first byte of p[0..n) that is not b, or n. Word at a time: this runs on
// every fragment the properties touch, and sanitizers check each load.
size_t first_mismatch(const uint8_t *p, size_t n, uint8_t b) {
  const uint64_t word = 0x0101010101010101ull * b;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    if (w != word)
      break;
  }
  for (; i < n; i++)
    if (p[i] != b)
      return i;
  return n;
}

// Pages for the ops, the quarantine and order-3 alignment slack.
size_t supply_pages(size_t max_ops) { return std::bit_ceil(8 * (max_ops + 64)); }

}  // namespace

const char *check_name(Check c) { return kCheckNames[static_cast<size_t>(c)]; }
const char *check_help(Check c) { return kCheckHelp[static_cast<size_t>(c)]; }

std::optional<Check> parse_check(std::string_view name) {
  for (size_t i = 0; i < kChecks; i++)
    if (name == kCheckNames[i])
      return static_cast<Check>(i);
  return std::nullopt;
}

Differential::Differential(Profile profile, std::optional<BugId> bug, unsigned nr_cpus, size_t max_ops)
    : supply_(supply_pages(max_ops)),
      bug_(bug),
      model_(carving_rules(profile), nr_cpus),
      impl_(profile, nr_cpus, supply_) {}

void Differential::check_content(size_t idx, Candidates &out) const {
  const auto &mf = model_.fragment(idx);
  const auto &f = impl_.fragments()[idx];
  if (mf.content == PageFragModel::Content::unknown ||
      (mf.content == PageFragModel::Content::zero && !verified_at_return_[idx]))
    return;
  uint8_t want = mf.content == PageFragModel::Content::zero ? 0 : owner_pattern(mf.serial);
  if (size_t i = first_mismatch(f.addr, f.size, want); i < f.size)
    out.push_back({Check::content_intact, "model=fragment " + std::to_string(idx) + " holds " + hex(want) +
                                              " impl=byte " + std::to_string(i) + " reads " + hex(f.addr[i])});
}

Check Differential::classify_stale_bytes(uint64_t page) const {
  const auto *p = model_.page(page);
  if (!p)
    return Check::content_intact;
  if (!p->zeroed_at_refill)
    return Check::zero_on_unzeroed_page;
  return p->recycled ? Check::zero_after_recycle : Check::content_intact;
}

Check Differential::classify_left_page(uint64_t page, Check abandoned, Check drained) const {
  const auto *p = model_.page(page);
  return p && p->where == PageFragModel::Where::drained ? drained : abandoned;
}

bool Differential::check_new_fragment(const Alloc &a, Candidates &out) const {
  const auto &f = impl_.fragments().back();
  Frag where = impl_.describe(f.addr);
  std::string at = "fragment at page #" + std::to_string(where.page) + " offset " + std::to_string(where.offset);
  if (!where.page_size) {
    out.push_back({Check::inside_page, "model=inside a page impl=fragment of length " + std::to_string(f.size) +
                                           " lies in no allocated page"});
    return true;
  }
  if (uint64_t{where.offset} + f.size > where.page_size)
    out.push_back({Check::inside_page, "model=inside the " + std::to_string(where.page_size) + "-byte page impl=" + at +
                                           " length " + std::to_string(f.size)});
  uint32_t align = std::min(a.align, where.page_size);
  if (where.offset % align)
    out.push_back({Check::aligned, "model=aligned to " + std::to_string(align) + " impl=" + at});
  for (size_t i = 0; i + 1 < impl_.fragments().size(); i++) {
    const auto &g = impl_.fragments()[i];
    if (f.size && g.size && f.addr < g.addr + g.size && g.addr < f.addr + f.size)
      out.push_back({Check::disjoint, "model=disjoint from live fragment " + std::to_string(i) + " impl=" + at +
                                          " length " + std::to_string(f.size) + " overlaps it"});
  }
  if (!gfp_zeroes(a.gfp))
    return true;
  size_t i = first_mismatch(f.addr, f.size, 0);
  if (i == f.size)
    return true;
  const auto *p = model_.page(where.page);
  std::string history = !p ? "" : !p->zeroed_at_refill ? "; page refilled for a caller without __GFP_ZERO"
                                : p->recycled         ? "; page recycled in place"
                                                      : "";
  out.push_back({classify_stale_bytes(where.page), "model=__GFP_ZERO fragment reads 0 impl=" + at + ": byte " +
                                                       std::to_string(i) + " of " + std::to_string(f.size) +
                                                       " reads " + hex(f.addr[i]) + history});
  return false;
}

void Differential::compare(const Op &op, const Obs &mo, const Obs &io, std::optional<uint64_t> model_cached,
                           Candidates &out) {
  if (mo == io)
    return;
  diverged_ = true;
  std::string detail = "model=" + format_obs(mo) + " impl=" + format_obs(io);
  const auto *cached = model_cached ? model_.page(*model_cached) : nullptr;
  Check c;
  // Recycled: the contract gave the reserve page back, the implementation carved from it again.
  if (cached && cached->pfmemalloc && cached->where == PageFragModel::Where::released && io.frag &&
      io.frag->page == cached->id)
    c = Check::pfmemalloc_not_recycled;
  // A NULL the model disagrees with, or a NULL reached without the supply traffic the
  // contract needs (no refill tried): either way the NULL rule is what broke.
  else if (mo.is_alloc && (mo.frag.has_value() != io.frag.has_value() || !io.frag))
    c = Check::null_only_when_supply_fails;
  else if (mo.frag != io.frag)
    c = Check::offset_matches_model;
  else if (std::holds_alternative<Drain>(op))
    c = Check::drain_releases_page;
  else
    c = Check::released_at_last_ref;
  out.push_back({c, detail});
}

void Differential::check_refcounts(Candidates &out) {
  std::map<uint64_t, int> live;  // fragments per page serial
  for (const auto &f : impl_.fragments()) {
    const struct page *head = supply_.block_of(f.addr);
    if (head) {
      live[head->serial]++;
      tracked_[head->serial] = head;
    }
  }
  std::map<uint64_t, unsigned> bias;  // cached pages: serial -> pagecnt_bias
  for (unsigned cpu = 0; cpu < impl_.nr_cpus(); cpu++)
    if (auto c = impl_.cached(cpu)) {
      bias[c->head->serial] = c->bias;
      tracked_[c->head->serial] = c->head;
    }
  for (auto it = tracked_.begin(); it != tracked_.end();) {
    auto [serial, head] = *it;
    if (!supply_.in_use(head) || head->serial != serial) {
      it = tracked_.erase(it);
      continue;
    }
    ++it;
    int ref = page_ref_count(head);
    int frags = live.count(serial) ? live[serial] : 0;
    std::string page = "page #" + std::to_string(serial);
    if (auto b = bias.find(serial); b != bias.end()) {
      if (b->second < 1 || b->second > kMaxBias || ref != static_cast<int>(b->second) + frags)
        out.push_back({Check::refcount_cached, "model=" + page + " refcount == bias + " + std::to_string(frags) +
                                                   " live impl=refcount " + std::to_string(ref) + ", bias " +
                                                   std::to_string(b->second)});
    } else if (ref != frags) {
      out.push_back({classify_left_page(serial, Check::refcount_abandoned, Check::refcount_drained),
                     "model=" + page + " (left by the cache) refcount == " + std::to_string(frags) +
                         " live fragments impl=refcount " + std::to_string(ref)});
    }
  }
}

std::optional<Finding> Differential::step(const Op &op, const CheckSet &asserted) {
  if (diverged_)
    return std::nullopt;
  executed_.push_back(op);
  Candidates found;
  if (auto *f = std::get_if<Free>(&op))
    check_content(f->idx, found);
  if (auto *d = std::get_if<Dirty>(&op))
    check_content(d->idx, found);

  std::optional<uint64_t> model_cached;
  if (auto *a = std::get_if<Alloc>(&op))
    model_cached = model_.cached_page(a->cpu);
  Obs mo = model_.apply(op);
  Obs io = impl_.apply(op);
  observed_.emplace_back(mo, io);
  for (auto &e : supply_.take_errors())
    found.push_back({Check::supply_misuse, "model=no misuse impl=" + e});
  if (auto *a = std::get_if<Alloc>(&op); a && io.frag) {
    verified_at_return_.push_back(check_new_fragment(*a, found));
  }
  if (auto *f = std::get_if<Free>(&op))
    verified_at_return_.erase(verified_at_return_.begin() + f->idx);
  compare(op, mo, io, model_cached, found);
  check_refcounts(found);

  for (auto &c : found)
    if (asserted.test(static_cast<size_t>(c.check)))
      return Finding{c.check, executed_.size(), c.detail};
  return std::nullopt;
}

std::optional<Finding> Differential::teardown(const CheckSet &asserted) {
  while (!diverged_ && model_.live_count() > 0)
    if (auto f = step(Free{0}, asserted))
      return f;
  for (unsigned cpu = 0; !diverged_ && cpu < model_.nr_cpus(); cpu++)
    if (auto f = step(Drain{cpu}, asserted))
      return f;
  if (diverged_ || !asserted.test(static_cast<size_t>(Check::no_leak_at_teardown)) || supply_.live_blocks() == 0)
    return std::nullopt;
  return Finding{Check::no_leak_at_teardown, executed_.size(),
                 "model=every page back impl=" + std::to_string(supply_.live_blocks()) + " page(s) still held"};
}

}  // namespace sc::alloc
