// SPDX-License-Identifier: GPL-2.0-only
#include <props/page_frag_check.h>

#include <linux/mm.h>
#include <sc/bytes.h>
#include <sc/op_budget.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <cstdio>
#include <set>

namespace sc::alloc {
namespace {

constexpr unsigned kMaxBias = 32768 + 1;  // PAGE_FRAG_CACHE_MAX_SIZE + 1

std::string hex(uint8_t b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02x", b);
  return buf;
}

using shim::first_mismatch;

// An allocator op is one piece of work, whatever its size (a refill or two at most).
constexpr uint64_t kOpWork = shim::op_work_limit(1);

// Pages for the ops, the quarantine and order-3 alignment slack.
size_t supply_pages(size_t max_ops) { return std::bit_ceil(8 * (max_ops + 64)); }

}  // namespace

// One implementation with its own page supply, so page serials, stale bytes and leaks
// stay comparable between sides.
struct Differential::Side {
  Side(std::string label, size_t pages, const Subject &subject, unsigned nr_cpus, bool external)
      : label(std::move(label)),
        supply(pages),
        impl(external ? PageFragImpl(subject.external->make(nr_cpus), nr_cpus, supply)
                      : PageFragImpl(subject.profile, nr_cpus, supply)) {}
  // The implementation's teardown may give pages back: to this side's supply.
  ~Side() { supply.make_current(); }

  std::string label;
  shim::PageSupply supply;
  PageFragImpl impl;
  std::map<uint64_t, const struct page *> tracked;  // every page seen, by serial
  // Kept as fragments come and go, so no check walks every live fragment per op (a
  // trace with thousands of live fragments would be quadratic): the non-empty live
  // fragments by address (end, serial), and the live fragments per 4 KiB page.
  std::multimap<const uint8_t *, std::pair<const uint8_t *, uint64_t>> by_addr;
  std::map<uintptr_t, int> per_page;
  bool overlapped = false;  // two live fragments overlapped once: by_addr is no longer sorted by end
  // Per live fragment: false when it was already wrong at return (a zero check failed),
  // so that defect is reported once and not again as content_intact.
  std::vector<bool> verified_at_return;
};

Differential::Differential(Profile profile, std::optional<BugId> bug, unsigned nr_cpus, size_t max_ops)
    : Differential(Subject{profile}, bug, nr_cpus, max_ops) {}

Differential::Differential(const Subject &subject, std::optional<BugId> bug, unsigned nr_cpus, size_t max_ops)
    : bug_(bug), model_(carving_rules(subject.profile), nr_cpus),
      in_effect_(bugs_in_effect(Component::alloc, subject.profile, bug)) {
  bool three_way = subject.mirror && subject.external;
  if (subject.mirror)
    sides_.push_back(std::make_unique<Side>(three_way ? profile_info(subject.profile).name : "impl",
                                            supply_pages(max_ops), subject, nr_cpus, false));
  if (subject.external)
    sides_.push_back(std::make_unique<Side>(three_way ? subject.external->name() : "impl", supply_pages(max_ops),
                                            subject, nr_cpus, true));
}

// Supplies nest: the last one made goes first.
Differential::~Differential() {
  while (!sides_.empty())
    sides_.pop_back();
}

std::vector<std::string> Differential::labels() const {
  std::vector<std::string> out;
  for (const auto &s : sides_)
    out.push_back(s->label);
  return out;
}

void Differential::check_content(const Side &s, size_t idx, Candidates &out) const {
  const auto &mf = model_.fragment(idx);
  const auto &f = s.impl.fragments()[idx];
  if (mf.content == PageFragModel::Content::unknown ||
      (mf.content == PageFragModel::Content::zero && !s.verified_at_return[idx]))
    return;
  uint8_t want = mf.content == PageFragModel::Content::zero ? 0 : owner_pattern(mf.serial);
  if (size_t i = first_mismatch(f.addr, f.size, want); i < f.size)
    out.push_back({Check::content_intact, "model=fragment " + std::to_string(idx) + " holds " + hex(want) +
                                              " " + s.label + "=byte " + std::to_string(i) + " reads " + hex(f.addr[i])});
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
  return p && p->drained ? drained : abandoned;
}

std::vector<size_t> Differential::overlapping(const Side &s, const PageFragImpl::Fragment &f) {
  const auto &live = s.impl.fragments();
  std::vector<size_t> out;
  if (!f.size)
    return out;
  auto meets = [&](const uint8_t *start, const uint8_t *end) { return f.addr < end && start < f.addr + f.size; };
  if (s.overlapped) {
    for (size_t i = 0; i + 1 < live.size(); i++)
      if (live[i].size && meets(live[i].addr, live[i].addr + live[i].size))
        out.push_back(i);
    return out;
  }
  // Disjoint fragments sorted by start are sorted by end too: only the one before f's
  // start and those starting inside f can meet it.
  std::set<uint64_t> serials;
  auto it = s.by_addr.lower_bound(f.addr);
  if (it != s.by_addr.begin() && meets(std::prev(it)->first, std::prev(it)->second.first))
    serials.insert(std::prev(it)->second.second);
  for (; it != s.by_addr.end() && it->first < f.addr + f.size; ++it)
    serials.insert(it->second.second);
  for (size_t i = 0; !serials.empty() && i + 1 < live.size(); i++)
    if (serials.erase(live[i].serial))
      out.push_back(i);
  return out;
}

void Differential::track(Side &s, const PageFragImpl::Fragment &f, int delta) {
  auto page = reinterpret_cast<uintptr_t>(f.addr) & ~uintptr_t{PAGE_SIZE - 1};
  if ((s.per_page[page] += delta) == 0)
    s.per_page.erase(page);
  if (!f.size)
    return;
  if (delta > 0) {
    s.overlapped = s.overlapped || !overlapping(s, f).empty();
    s.by_addr.emplace(f.addr, std::pair(f.addr + f.size, f.serial));
    return;
  }
  auto [first, last] = s.by_addr.equal_range(f.addr);
  for (auto it = first; it != last; ++it)
    if (it->second.second == f.serial) {
      s.by_addr.erase(it);
      return;
    }
}

bool Differential::check_new_fragment(const Side &s, const Alloc &a, Candidates &out) const {
  const auto &f = s.impl.fragments().back();
  Frag where = s.impl.describe(f.addr);
  std::string at = "fragment at page #" + std::to_string(where.page) + " offset " + std::to_string(where.offset);
  if (!where.page_size) {
    out.push_back({Check::inside_page, "model=inside a page " + s.label + "=fragment of length " + std::to_string(f.size) +
                                           " lies in no allocated page"});
    return true;
  }
  if (uint64_t{where.offset} + f.size > where.page_size)
    out.push_back({Check::inside_page, "model=inside the " + std::to_string(where.page_size) + "-byte page " + s.label + "=" + at +
                                           " length " + std::to_string(f.size)});
  uint32_t align = std::min(a.align, where.page_size);
  if (where.offset % align)
    out.push_back({Check::aligned, "model=aligned to " + std::to_string(align) + " " + s.label + "=" + at});
  for (size_t i : overlapping(s, f))
    out.push_back({Check::disjoint, "model=disjoint from live fragment " + std::to_string(i) + " " + s.label + "=" + at +
                                        " length " + std::to_string(f.size) + " overlaps it"});
  if (!gfp_zeroes(a.gfp))
    return true;
  size_t i = first_mismatch(f.addr, f.size, 0);
  if (i == f.size)
    return true;
  const auto *p = model_.page(where.page);
  std::string history = !p ? "" : !p->zeroed_at_refill ? "; page refilled for a caller without __GFP_ZERO"
                                : p->recycled         ? "; page recycled in place"
                                                      : "";
  out.push_back({classify_stale_bytes(where.page), "model=__GFP_ZERO fragment reads 0 " + s.label + "=" + at + ": byte " +
                                                       std::to_string(i) + " of " + std::to_string(f.size) +
                                                       " reads " + hex(f.addr[i]) + history});
  return false;
}

void Differential::compare(const Side &s, const Op &op, const Obs &mo, const Obs &io,
                           std::optional<uint64_t> model_cached, Candidates &out) {
  if (mo == io)
    return;
  diverged_ = true;
  std::string detail = "model=" + format_obs(mo) + " " + s.label + "=" + format_obs(io);
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

void Differential::check_refcounts(Side &s, Candidates &out) {
  std::map<uint64_t, int> live;  // fragments per page serial
  for (auto [page, frags] : s.per_page) {
    const struct page *head = s.supply.block_of(reinterpret_cast<const void *>(page));
    if (head) {
      live[head->serial] += frags;
      s.tracked[head->serial] = head;
    }
  }
  std::map<uint64_t, unsigned> bias;  // cached pages: serial -> pagecnt_bias
  for (unsigned cpu = 0; cpu < s.impl.nr_cpus(); cpu++)
    if (auto c = s.impl.cached(cpu)) {
      bias[c->head->serial] = c->bias;
      s.tracked[c->head->serial] = c->head;
    }
  for (auto it = s.tracked.begin(); it != s.tracked.end();) {
    auto [serial, head] = *it;
    if (!s.supply.in_use(head) || head->serial != serial) {
      it = s.tracked.erase(it);
      continue;
    }
    ++it;
    int ref = page_ref_count(head);
    int frags = live.count(serial) ? live[serial] : 0;
    auto page = [serial = serial] { return "page #" + std::to_string(serial); };  // only for a report
    if (auto b = bias.find(serial); b != bias.end()) {
      if (b->second < 1 || b->second > kMaxBias || ref != static_cast<int>(b->second) + frags)
        out.push_back({Check::refcount_cached, "model=" + page() + " refcount == bias + " + std::to_string(frags) +
                                                   " live " + s.label + "=refcount " + std::to_string(ref) + ", bias " +
                                                   std::to_string(b->second)});
    } else if (ref != frags) {
      out.push_back({classify_left_page(serial, Check::refcount_abandoned, Check::refcount_drained),
                     "model=" + page() + " (left by the cache) refcount == " + std::to_string(frags) +
                         " live fragments " + s.label + "=refcount " + std::to_string(ref)});
    }
  }
}

std::optional<Finding> Differential::step(const Op &op, const CheckSet &asserted) {
  if (diverged_)
    return std::nullopt;
  executed_.push_back(op);
  std::vector<Candidates> found(sides_.size());
  for (size_t i = 0; i < sides_.size(); i++) {
    if (auto *f = std::get_if<Free>(&op))
      check_content(*sides_[i], f->idx, found[i]);
    if (auto *d = std::get_if<Dirty>(&op))
      check_content(*sides_[i], d->idx, found[i]);
  }

  std::optional<uint64_t> model_cached;
  if (auto *a = std::get_if<Alloc>(&op))
    model_cached = model_.cached_page(a->cpu);
  if (auto *d = std::get_if<Drain>(&op))
    model_cached = model_.cached_page(d->cpu);
  Obs mo = model_.apply(op);
  triggered_ = triggers_at(history_, op, mo, model_cached, model_);
  std::erase_if(triggered_, [&](BugId b) { return std::find(in_effect_.begin(), in_effect_.end(), b) == in_effect_.end(); });
  std::vector<Obs> obs{mo};
  std::optional<Finding> stuck;
  for (size_t i = 0; i < sides_.size(); i++) {
    Side &s = *sides_[i];
    s.supply.make_current();
    Obs io;
    std::optional<PageFragImpl::Fragment> freed;
    if (auto *f = std::get_if<Free>(&op))
      freed = s.impl.fragments()[f->idx];
    try {
      shim::OpBudget budget(kOpWork);
      io = s.impl.apply(op);
    } catch (const shim::NoProgress &np) {
      // The side is abandoned mid-op: nothing more of it can be checked.
      obs.push_back(io);
      if (!stuck)
        stuck = Finding{Check::no_progress, executed_.size(),
                        "model=" + format_obs(mo) + " " + s.label + "=" + np.text()};
      continue;
    }
    obs.push_back(io);
    for (auto &e : s.supply.take_errors())
      found[i].push_back({Check::supply_misuse, "model=no misuse " + s.label + "=" + e});
    if (auto *a = std::get_if<Alloc>(&op); a && io.frag) {
      s.verified_at_return.push_back(check_new_fragment(s, *a, found[i]));
      track(s, s.impl.fragments().back(), +1);
    }
    if (auto *f = std::get_if<Free>(&op)) {
      s.verified_at_return.erase(s.verified_at_return.begin() + f->idx);
      track(s, *freed, -1);
    }
    compare(s, op, mo, io, model_cached, found[i]);
    check_refcounts(s, found[i]);
  }
  observed_.push_back(obs);
  if (stuck) {
    // Whatever the property asserts: a case that cannot end is always a finding.
    diverged_ = true;
    stuck->triggered = triggered_;
    return stuck;
  }
  auto f = judge(mo, obs, found, asserted);
  if (f)
    f->triggered = triggered_;
  return f;
}

std::optional<Finding> Differential::judge(const Obs &mo, const std::vector<Obs> &obs,
                                           const std::vector<Candidates> &found, const CheckSet &asserted) {
  auto kinds = [](const Candidates &cs) {
    std::set<Check> out;
    for (const auto &c : cs)
      out.insert(c.check);
    return out;
  };
  auto names = [](const std::set<Check> &checks) {
    std::string out;
    for (Check c : checks)
      out += (out.empty() ? "" : ",") + std::string(check_name(c));
    return out.empty() ? std::string("none") : out;
  };
  if (sides_.size() == 2) {
    // Three-way: a disagreement between the real source and its mirror is a finding of
    // its own whatever the property asserts: one of the two is out of line.
    const Obs &mirror = obs[1], &real = obs[2];
    auto mirror_checks = kinds(found[0]), real_checks = kinds(found[1]);
    if (mirror != real || mirror_checks != real_checks) {
      diverged_ = true;
      const std::string &m = sides_[0]->label, &r = sides_[1]->label;
      std::string who = mirror == real ? (real_checks.empty() ? m : r)
                        : mirror == mo ? r
                        : real == mo   ? m
                                       : "all three differ";
      // What the side that broke more checks than the other says about the first of them.
      std::string why;
      for (size_t side : {size_t{1}, size_t{0}})
        for (const auto &c : found[side])
          if (why.empty() && !(side ? mirror_checks : real_checks).count(c.check))
            why = "; " + std::string(check_name(c.check)) + ": " + c.detail;
      return Finding{Check::matches_mirror, executed_.size(),
                     "model=" + format_obs(mo) + " " + m + "=" + format_obs(mirror) + " breaks " + names(mirror_checks) +
                         " " + r + "=" + format_obs(real) + " breaks " + names(real_checks) + "; out of line: " + who +
                         why};
    }
  }
  // Two sides that agree: the real source's account, which the mirror shares.
  for (const auto &c : found.back())
    if (asserted.test(static_cast<size_t>(c.check)))
      return Finding{c.check, executed_.size(),
                     c.detail + (sides_.size() == 2 ? " (" + sides_[0]->label + " agrees)" : "")};
  return std::nullopt;
}

std::optional<Finding> Differential::teardown(const CheckSet &asserted) {
  while (!diverged_ && model_.live_count() > 0)
    if (auto f = step(Free{0}, asserted))
      return f;
  for (unsigned cpu = 0; !diverged_ && cpu < model_.nr_cpus(); cpu++)
    if (auto f = step(Drain{cpu}, asserted))
      return f;
  if (diverged_)
    return std::nullopt;
  std::vector<size_t> held;
  for (const auto &s : sides_)
    held.push_back(s->supply.live_blocks());
  if (sides_.size() == 2 && held[0] != held[1])
    return Finding{Check::matches_mirror, executed_.size(),
                   "model=every page back " + sides_[0]->label + "=" + std::to_string(held[0]) + " page(s) held " +
                       sides_[1]->label + "=" + std::to_string(held[1]) + " page(s) held; out of line: " +
                       (held[0] ? sides_[0]->label : sides_[1]->label)};
  if (!asserted.test(static_cast<size_t>(Check::no_leak_at_teardown)) || held.back() == 0)
    return std::nullopt;
  return Finding{Check::no_leak_at_teardown, executed_.size(),
                 "model=every page back " + sides_.back()->label + "=" + std::to_string(held.back()) +
                     " page(s) still held" + (sides_.size() == 2 ? " (" + sides_[0]->label + " agrees)" : ""),
                 history_.since()};
}

}  // namespace sc::alloc
