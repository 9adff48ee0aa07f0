// SPDX-License-Identifier: GPL-2.0-only
#include <explore/world.h>

#include <explore/scheduler.h>
#include <model/page_frag_model.h>
#include <sc/bytes.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <map>
#include <sstream>

namespace sc::explore {
namespace {


std::string hex(const void *p) {
  std::ostringstream s;
  s << p;
  return s.str();
}

// One supply per size, reset for each schedule: building one maps and poisons its guard
// areas, which would cost more than a small schedule.
shim::PageSupply &fresh_supply(size_t pages) {
  static std::map<size_t, std::unique_ptr<shim::PageSupply>> pool;
  auto &s = pool[pages];
  if (s)
    s->reset();
  else
    s = std::make_unique<shim::PageSupply>(pages, 4);
  return *s;
}

}  // namespace

World::World(Profile p, size_t pages, bool same_pages, const ksrc::GlueEntry *src)
    : profile_(p), same_pages_(same_pages), supply_(fresh_supply(pages)), subject_(std::make_unique<Subject>(p, src)) {}

World::~World() = default;

void World::fail(const std::string &check, const std::string &detail, size_t step) {
  if (!failure_)
    failure_ = Failure{check, detail, step};
}

void *World::record_alloc(void *p, unsigned cache, unsigned cache_start, uint32_t fragsz, gfp_t gfp, uint32_t align,
                          size_t called) {
  inside_--;
  Call c{Scheduler::active() ? Scheduler::active()->current_task() : -1, true, cache, cache_start, fragsz, gfp, align,
         0, called, steps_, std::nullopt, dflt_};
  if (p) {
    auto *a = static_cast<uint8_t *>(p);
    if (const struct page *head = supply_.block_of(a)) {
      auto base = static_cast<const uint8_t *>(supply_.address(head));
      c.result = alloc::Frag{head->serial, static_cast<uint32_t>(PAGE_SIZE << head->order),
                             static_cast<uint32_t>(a - base)};
    } else {
      c.result = alloc::Frag{0, 0, 0};
    }
    if (size_t i = shim::first_mismatch(a, fragsz, 0); (gfp & __GFP_ZERO) && i < fragsz)
      fail("zero_after_recycle",
           "a __GFP_ZERO fragment of " + std::to_string(fragsz) + " bytes at " + hex(a) + " reads " +
               std::to_string(a[i]) + " at byte " + std::to_string(i),
           steps_);
    uint64_t serial = next_serial_++;
    uint8_t pattern = static_cast<uint8_t>(0x10 + serial % 0xe0);
    std::memset(a, pattern, fragsz);  // the owner uses its fragment
    live_.push_back({a, fragsz, pattern, serial});
    c.serial = serial;
  }
  check_contents();
  calls_.push_back(c);
  return p;
}

void *World::alloc(CacheRef ref, unsigned cache, uint32_t fragsz, gfp_t gfp, uint32_t align) {
  inside_++;
  size_t called = steps_;
  unsigned start = ref == CacheRef::dflt ? static_cast<unsigned>(smp_processor_id()) : cache;
  dflt_ = ref == CacheRef::dflt;
  void *p = subject_->alloc(ref, fragsz, gfp, align);
  // The default buckets: the one of the cpu the call carved on (it may have migrated).
  if (ref == CacheRef::dflt)
    cache = static_cast<unsigned>(smp_processor_id());
  return record_alloc(p, cache, start, fragsz, gfp, align, called);
}

void World::supply_high_order_fails_with_reserves() {
  supply_.set_fail_mode(shim::FailMode::high_order);
  supply_.set_reserve(true);
  alloc::FailPages fail;
  fail.mode = alloc::SupplyFault::high_order;
  alloc::Reserve reserve;
  reserve.on = true;
  setup_ = {fail, reserve};
}

bool World::get_page_unless_zero(struct page *page) {
  inside_++;
  bool got = ::get_page_unless_zero(page);
  if (got)
    speculative_[page]++;
  inside_--;
  return got;
}

void World::put_page(struct page *page) {
  inside_++;
  speculative_[page]--;
  ::put_page(page);
  inside_--;
}

void *World::alloc_on(void *cache, unsigned cache_index, uint32_t fragsz, gfp_t gfp, uint32_t align) {
  inside_++;
  size_t called = steps_;
  return record_alloc(subject_->alloc_on(cache, fragsz, gfp, align), cache_index, cache_index, fragsz, gfp, align,
                      called);
}

void World::free(void *addr) {
  auto it = std::find_if(live_.begin(), live_.end(), [&](const Frag &f) { return f.addr == addr; });
  Call c{Scheduler::active() ? Scheduler::active()->current_task() : -1, false, 0, 0, 0, 0, 0,
         it == live_.end() ? 0 : it->serial, steps_, 0, std::nullopt, false};
  check_contents();
  if (it != live_.end())
    live_.erase(it);
  inside_++;
  subject_->free(addr);
  inside_--;
  c.returned = steps_;
  calls_.push_back(c);
  check_contents();
}

// Only the allocator and the supply write where a live fragment lies, and only inside a
// call: checked when a call returns (and at the end), not after every step.
void World::check_contents() {
  for (const Frag &a : live_)
    if (size_t k = shim::first_mismatch(a.addr, a.size, a.pattern); k < a.size) {
      fail("content_intact", "live fragment " + hex(a.addr) + " lost what its owner wrote at byte " + std::to_string(k),
           steps_);
      return;
    }
}

void World::check_step(size_t step) {
  steps_ = step;
  if (failure_)
    return;
  for (auto &e : supply_.take_errors())
    fail("supply_misuse", e, step);
  for (size_t i = 0; i < live_.size() && !failure_; i++) {
    const Frag &a = live_[i];
    for (size_t j = i + 1; j < live_.size(); j++) {
      const Frag &b = live_[j];
      if (a.addr < b.addr + b.size && b.addr < a.addr + a.size) {
        fail("disjoint", "live fragments " + hex(a.addr) + "+" + std::to_string(a.size) + " and " + hex(b.addr) + "+" +
                             std::to_string(b.size) + " overlap",
             step);
        break;
      }
    }
    const struct page *head = supply_.block_of(a.addr);
    if (!head || !supply_.in_use(head)) {
      fail("released_at_last_ref", "the page under live fragment " + hex(a.addr) + " went back to the supply", step);
      break;
    }
  }
  if (failure_ || inside_ > 0)
    return;
  // Quiescent: refcounts must add up.
  std::map<const struct page *, int> frags;
  for (const Frag &f : live_)
    frags[supply_.block_of(f.addr)]++;
  std::map<const struct page *, unsigned> bias;
  for (const auto &c : subject_->cached()) {
    bias[c.head] += c.bias;
    if (c.pfmemalloc && *c.pfmemalloc != page_is_pfmemalloc(c.head)) {
      fail("pfmemalloc_not_recycled",
           "a cache holds page (serial " + std::to_string(c.head->serial) + ") marked pfmemalloc=" +
               (*c.pfmemalloc ? "true" : "false") + " but the page is " +
               (page_is_pfmemalloc(c.head) ? "a reserve page: at exhaustion it would be recycled" : "not one"),
           step);
      return;
    }
  }
  for (const auto &[head, b] : bias) {
    int want = static_cast<int>(b) + frags[head] + speculative_[head];
    if (page_ref_count(head) != want) {
      fail("refcount_cached", "cached page (serial " + std::to_string(head->serial) + "): refcount " +
                                  std::to_string(page_ref_count(head)) + ", bias " + std::to_string(b) + " + " +
                                  std::to_string(frags[head]) + " live fragments",
           step);
      return;
    }
  }
  for (const auto &[head, n] : frags)
    if (!bias.count(head) && page_ref_count(head) != n + speculative_[head]) {
      fail("refcount_abandoned", "page left behind (serial " + std::to_string(head->serial) + "): refcount " +
                                     std::to_string(page_ref_count(head)) + ", " + std::to_string(n) +
                                     " live fragments",
           step);
      return;
    }
}

// Is there an order of the calls that respects real time (a call that returned before
// another was made comes first) and each task's own order, in which the sequential model
// gives every Alloc the same result (NULL or not, page size, offset; pages matched by a
// bijection, since concurrent refills may number pages differently)?
bool World::linearizable() const {
  size_t n = calls_.size();
  auto precedes = [&](size_t a, size_t b) {
    return calls_[a].returned < calls_[b].called || (calls_[a].task == calls_[b].task && a < b);
  };
  std::vector<bool> placed(n, false), dropped(n, false);
  struct State {
    alloc::PageFragModel model;
    std::vector<uint64_t> live;  // history serials in the model's live order
    std::map<uint64_t, uint64_t> page_of;  // model page -> history page
    std::map<uint64_t, uint64_t> page_back;
  };
  std::function<bool(const State &, size_t)> search = [&](const State &st, size_t done) {
    if (done == n)
      return true;
    for (size_t i = 0; i < n; i++) {
      if (placed[i])
        continue;
      bool ready = true;
      for (size_t j = 0; j < n && ready; j++)
        ready = placed[j] || j == i || !precedes(j, i);
      if (!ready)
        continue;
      const Call &c = calls_[i];
      // An 06 default-bucket call may drop its bucket's page before its refill sleeps
      // and carve only after other calls ran: a Drain of the cpu it started on, placed
      // anywhere in its interval before the Alloc.
      bool may_drop = c.is_alloc && c.dflt && !dropped[i];
      for (int variant = 0; variant < (may_drop ? 2 : 1); variant++) {
        State next = st;
        bool ok = true;
        if (variant == 1) {
          alloc::Drain d;
          d.cpu = c.cache_start;
          next.model.apply(d);
          dropped[i] = true;
          bool found = search(next, done);
          dropped[i] = false;
          if (found)
            return true;
          continue;
        }
        if (c.is_alloc) {
          alloc::Alloc op;
          op.cpu = c.cache;
          op.fragsz = c.fragsz;
          op.gfp = c.gfp;
          op.align = c.align;
          auto obs = next.model.apply(op);
          if (obs.frag.has_value() != c.result.has_value()) {
            ok = false;
          } else if (obs.frag) {
            ok = obs.frag->offset == c.result->offset && obs.frag->page_size == c.result->page_size;
            auto [f, fresh] = next.page_of.emplace(obs.frag->page, c.result->page);
            auto [b, fresh_back] = next.page_back.emplace(c.result->page, obs.frag->page);
            ok = ok && (!same_pages_ || (f->second == c.result->page && b->second == obs.frag->page));
            next.live.push_back(c.serial);
          }
        } else {
          auto at = std::find(next.live.begin(), next.live.end(), c.serial);
          if (at != next.live.end()) {
            alloc::Free op;
            op.idx = static_cast<uint32_t>(at - next.live.begin());
            next.model.apply(op);
            next.live.erase(at);
          }
        }
        if (!ok)
          continue;
        placed[i] = true;
        bool found = search(next, done + 1);
        placed[i] = false;
        if (found)
          return true;
      }
    }
    return false;
  };
  State start{alloc::PageFragModel(alloc::carving_rules(profile_), nr_cpu_ids), {}, {}, {}};
  for (const auto &op : setup_)
    start.model.apply(op);
  return search(start, 0);
}

std::string World::history() const {
  std::ostringstream out;
  for (const auto &c : calls_) {
    out << "  task " << c.task << ": ";
    if (c.is_alloc) {
      out << "alloc(cache " << c.cache << ", " << c.fragsz << (c.gfp & __GFP_ZERO ? ", __GFP_ZERO" : "") << ") = ";
      if (c.result)
        out << "page " << c.result->page << " offset " << c.result->offset;
      else
        out << "NULL";
    } else {
      out << "free(fragment " << c.serial << ")";
    }
    out << "  [steps " << c.called << ".." << c.returned << "]\n";
  }
  return out.str();
}

void World::finish(size_t step) {
  steps_ = step;
  check_contents();
  if (!failure_ && !linearizable())
    fail("linearizable", "no order of the calls that respects real time gives the sequential model's results", step);
  // Teardown: every fragment freed, every cache drained, nothing left.
  for (const Frag &f : live_)
    subject_->free(f.addr);
  live_.clear();
  subject_->drain_all();
  for (auto &e : supply_.take_errors())
    fail("supply_misuse", e, step);
  if (supply_.live_blocks() != 0)
    fail("no_leak_at_teardown",
         std::to_string(supply_.live_blocks()) + " page(s) still allocated after every fragment was freed and every "
                                                  "cache drained",
         step);
}

}  // namespace sc::explore
