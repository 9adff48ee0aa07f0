// SPDX-License-Identifier: GPL-2.0-only
#include <sc/page_supply.h>

#include <sc/op_budget.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace sc::shim {
namespace {

PageSupply *g_current = nullptr;

// The inline conversions in linux/mm.h read the installed supply's layout from here.
void publish(PageSupply *s, uint8_t *mem, struct page *pages, size_t nr) {
  g_current = s;
  sc_page_map = {mem, pages, nr};
}
constexpr uint8_t kNotABlockStart = 0xff;

// Arenas are reused: a property run or a fuzz campaign builds a supply per case, and
// mapping a fresh multi-MiB arena each time dominates under the sanitizers. An arena comes
// back with its guard areas still poisoned unless its supply handed them out (reset()'s
// rule), and then a new supply need not poison them again.
class ArenaPool {
 public:
  struct Taken {
    uint8_t *mem;
    bool poisoned;  // the guard areas hold kPoisonByte
  };
  Taken take(size_t bytes) {
    {
      std::lock_guard g(lock_);
      for (auto it = free_.begin(); it != free_.end(); ++it)
        if (it->bytes == bytes) {
          Taken t{it->mem, it->poisoned};
          free_.erase(it);
          return t;
        }
    }
    // aligned_alloc wants a size that is a multiple of the alignment.
    constexpr size_t align = PAGE_SIZE << kMaxOrder;
    void *p = std::aligned_alloc(align, (bytes + align - 1) & ~(align - 1));
    if (!p) {
      std::fprintf(stderr, "splicecheck: cannot reserve %zu bytes for the page supply\n", bytes);
      std::abort();
    }
    return {static_cast<uint8_t *>(p), false};
  }
  void give(uint8_t *p, size_t bytes, bool poisoned) {
    std::lock_guard g(lock_);
    if (free_.size() < kKept) {
      free_.push_back({bytes, p, poisoned});
      return;
    }
    std::free(p);
  }
  ~ArenaPool() {
    for (auto &e : free_)
      std::free(e.mem);
  }

 private:
  struct Entry {
    size_t bytes;
    uint8_t *mem;
    bool poisoned;
  };
  static constexpr size_t kKept = 8;
  std::mutex lock_;
  std::vector<Entry> free_;
};

ArenaPool g_arenas;

// The steering and the counters are read and set under the supply's lock.
template <typename T> void locked_store(std::mutex &lock, T &field, T value) {
  std::lock_guard g(lock);
  field = value;
}
template <typename T> T locked_load(std::mutex &lock, const T &field) {
  std::lock_guard g(lock);
  return field;
}

size_t arena_bytes(size_t nr_pages) { return (kGuardPages + nr_pages + kGuardPages) * PAGE_SIZE; }
size_t meta_bytes(size_t nr_pages) { return nr_pages * (sizeof(struct page) + 1); }

}  // namespace

PageSupply::PageSupply(size_t nr_pages, size_t quarantine_blocks)
    : nr_pages_(nr_pages & ~size_t{(1u << kMaxOrder) - 1}),
      quarantine_limit_(quarantine_blocks),
      arena_(nullptr),
      mem_(nullptr),
      meta_(g_arenas.take(meta_bytes(nr_pages_)).mem),
      pages_(reinterpret_cast<struct page *>(meta_)),
      block_order_(meta_ + nr_pages_ * sizeof(struct page)),
      previous_(g_current) {
  auto arena = g_arenas.take(arena_bytes(nr_pages_));
  arena_ = arena.mem;
  mem_ = arena_ + kGuardPages * PAGE_SIZE;
  clear_pages();
  if (!arena.poisoned) {
    std::memset(arena_, kPoisonByte, kGuardPages * PAGE_SIZE);
    std::memset(guard_area(), kPoisonByte, kGuardPages * PAGE_SIZE);
  }
  publish(this, mem_, pages_, nr_pages_);
}

PageSupply::~PageSupply() {
  // Supplies nest; one that another made current meanwhile leaves the installation alone.
  if (g_current == this) {
    if (previous_)
      previous_->make_current();
    else
      publish(nullptr, nullptr, nullptr, 0);
  }
  g_arenas.give(arena_, arena_bytes(nr_pages_), !guard_handed_out_);
  g_arenas.give(meta_, meta_bytes(nr_pages_), false);
}

void PageSupply::make_current() { publish(this, mem_, pages_, nr_pages_); }

// Every page free and never used: what a new supply and reset() start from.
void PageSupply::clear_pages() {
  std::memset(static_cast<void *>(pages_), 0, nr_pages_ * sizeof(struct page));
  std::memset(block_order_, 0, nr_pages_);
  for (size_t i = 0; i < nr_pages_; i++)
    pages_[i].compound_head = &pages_[i];
  bad_page_ = {};
  bad_page_.compound_head = &bad_page_;
}

void PageSupply::reset() {
  {
    std::lock_guard g(lock_);
    clear_pages();
    quarantine_.clear();
    cursor_ = 0;
    fail_mode_ = FailMode::none;
    successes_left_ = UINT64_MAX;
    reserve_ = false;
    history_ = true;
    allocated_ = freed_ = 0;
    live_blocks_ = 0;
    errors_.clear();
    if (guard_handed_out_)
      std::memset(guard_area(), kPoisonByte, kGuardPages * PAGE_SIZE);
    guard_handed_out_ = false;
  }
  make_current();
}

void PageSupply::set_fail_mode(FailMode mode) { locked_store(lock_, fail_mode_, mode); }
void PageSupply::fail_after(uint64_t successes) { locked_store(lock_, successes_left_, successes); }
void PageSupply::set_history(bool on) { locked_store(lock_, history_, on); }
void PageSupply::set_reserve(bool on) { locked_store(lock_, reserve_, on); }

uint64_t PageSupply::allocated() const { return locked_load(lock_, allocated_); }
uint64_t PageSupply::freed() const { return locked_load(lock_, freed_); }
size_t PageSupply::live_blocks() const { return locked_load(lock_, live_blocks_); }

std::vector<std::string> PageSupply::take_errors() {
  std::lock_guard g(lock_);
  return std::exchange(errors_, {});
}

void PageSupply::report(std::string what) {
  std::lock_guard g(lock_);
  errors_.push_back(std::move(what));
}

bool PageSupply::owns(const void *addr) const {
  auto a = reinterpret_cast<uintptr_t>(addr);
  auto base = reinterpret_cast<uintptr_t>(mem_);
  return a >= base && a < base + nr_pages_ * PAGE_SIZE;
}

struct page *PageSupply::page(const void *addr) const {
  if (!owns(addr)) {
    auto a = reinterpret_cast<uintptr_t>(addr), start = reinterpret_cast<uintptr_t>(arena_);
    if (a < start || a >= start + (2 * kGuardPages + nr_pages_) * PAGE_SIZE) {
      std::fprintf(stderr, "splicecheck: virt_to_page(%p) outside the page supply\n", addr);
      std::abort();
    }
    const_cast<PageSupply *>(this)->report("virt_to_page() of an address in no page (derived from a bad page)");
    return const_cast<struct page *>(&bad_page_);
  }
  auto idx = (reinterpret_cast<uintptr_t>(addr) - reinterpret_cast<uintptr_t>(mem_)) >> PAGE_SHIFT;
  return const_cast<struct page *>(&pages_[idx]);
}

void *PageSupply::address(const struct page *page) const {
  auto pa = reinterpret_cast<uintptr_t>(page), base = reinterpret_cast<uintptr_t>(pages_);
  if (pa < base || pa >= base + nr_pages_ * sizeof(struct page)) {
    // A page the supply never handed out (a NULL folio, say). Report it and hand back
    // the guard area, so the bad access is a finding rather than a crash.
    const_cast<PageSupply *>(this)->report("page_address() of a page that is not in the supply (NULL folio?)");
    const_cast<PageSupply *>(this)->guard_handed_out_ = true;
    return guard_area();
  }
  return mem_ + (page - pages_) * PAGE_SIZE;
}

uint8_t *PageSupply::guard_area() const { return mem_ + nr_pages_ * PAGE_SIZE; }

const struct page *PageSupply::block_of(const void *addr) const {
  if (!owns(addr))
    return nullptr;
  std::lock_guard g(lock_);
  size_t idx = page(addr) - pages_;
  for (unsigned order = 0; order <= kMaxOrder; order++) {
    size_t first = idx & ~((size_t{1} << order) - 1);
    if ((pages_[first].flags & SC_PG_in_use) && block_order_[first] == order)
      return &pages_[first];
  }
  return nullptr;
}

bool PageSupply::in_use(const struct page *head) const {
  std::lock_guard g(lock_);
  return head->flags & SC_PG_in_use;
}

bool PageSupply::block_free(size_t first, unsigned order) const {
  for (size_t i = first; i < first + (size_t{1} << order); i++)
    if (pages_[i].flags & (SC_PG_in_use | SC_PG_quarantined))
      return false;
  return true;
}

struct page *PageSupply::alloc(gfp_t gfp, unsigned order) {
  sc_sched_might_sleep("alloc_pages");
  sc_op_work("alloc_pages");  // before the lock: it may escape the op
  if (order > kMaxOrder)
    return nullptr;
  std::lock_guard g(lock_);
  if (fail_mode_ == FailMode::all || (fail_mode_ == FailMode::high_order && order > 0) ||
      successes_left_ == 0)
    return nullptr;
  size_t step = size_t{1} << order;
  size_t nblocks = nr_pages_ / step;
  // Next fit from a rotating cursor: freed blocks rest a while even past the quarantine.
  for (size_t n = 0; n < nblocks; n++) {
    size_t first = ((cursor_ / step + n) % nblocks) * step;
    if (!block_free(first, order))
      continue;
    cursor_ = first + step;
    bool compound = order > 0 && (gfp & __GFP_COMP);
    bool pfmemalloc = reserve_ && !(gfp & __GFP_NOMEMALLOC);
    struct page *head = &pages_[first];
    for (size_t i = first; i < first + step; i++) {
      pages_[i].flags = SC_PG_in_use;
      pages_[i].compound_head = compound ? head : &pages_[i];
      pages_[i].order = 0;
      pages_[i]._refcount = 0;
      pages_[i].serial = 0;
      block_order_[i] = kNotABlockStart;
    }
    head->flags |= (compound ? PG_head : 0) | (pfmemalloc ? PG_pfmemalloc : 0);
    head->order = order;
    head->_refcount = 1;
    head->serial = ++allocated_;
    block_order_[first] = static_cast<uint8_t>(order);
    if (gfp & __GFP_ZERO)
      std::memset(address(head), 0, step * PAGE_SIZE);
    else if (history_)
      std::memset(address(head), kStaleByte, step * PAGE_SIZE);
    live_blocks_++;
    if (successes_left_ != UINT64_MAX)
      successes_left_--;
    return head;
  }
  return nullptr;
}

void PageSupply::free(struct page *page, unsigned order) {
  sc_sched_point("free_pages");
  std::lock_guard g(lock_);
  auto pa = reinterpret_cast<uintptr_t>(page), base = reinterpret_cast<uintptr_t>(pages_);
  bool ours = pa >= base && pa < base + nr_pages_ * sizeof(struct page) && (pa - base) % sizeof(struct page) == 0;
  size_t first = ours ? (pa - base) / sizeof(struct page) : 0;
  if (!ours || !(page->flags & SC_PG_in_use) || block_order_[first] != order ||
      (first & ((size_t{1} << order) - 1))) {
    errors_.push_back(std::string("bad free: ") + (ours ? "page " + std::to_string(first) : "a page not in the supply") +
                      " order " + std::to_string(order) + " is not an allocated block of that order (double free?)");
    return;
  }
  int ref = __atomic_load_n(&page->_refcount, __ATOMIC_SEQ_CST);
  if (ref != 0)
    errors_.push_back("page #" + std::to_string(page->serial) + " freed with refcount " +
                      std::to_string(ref));
  size_t step = size_t{1} << order;
  if (history_)
    std::memset(address(page), kPoisonByte, step * PAGE_SIZE);
  for (size_t i = first; i < first + step; i++)
    pages_[i].flags = SC_PG_quarantined;
  quarantine_.push_back(first);
  freed_++;
  live_blocks_--;
  if (quarantine_.size() > quarantine_limit_)
    release_from_quarantine();
}

void PageSupply::release_from_quarantine() {
  size_t first = quarantine_.front();
  quarantine_.pop_front();
  for (size_t i = first; i < first + (size_t{1} << block_order_[first]); i++)
    pages_[i].flags = 0;
}

PageSupply &current_supply() {
  if (!g_current) {
    std::fprintf(stderr, "splicecheck: page allocator used with no PageSupply installed\n");
    std::abort();
  }
  return *g_current;
}

}  // namespace sc::shim

using sc::shim::current_supply;

extern "C" {

struct page *alloc_pages(gfp_t gfp, unsigned int order) { return current_supply().alloc(gfp, order); }

struct folio *folio_alloc(gfp_t gfp, unsigned int order) {
  return reinterpret_cast<struct folio *>(alloc_pages(gfp | __GFP_COMP, order));
}

void free_the_page(struct page *page, unsigned int order) { current_supply().free(page, order); }

void __free_pages(struct page *page, unsigned int order) {
  if (put_page_testzero(page))
    free_the_page(page, order);
}

void put_page(struct page *page) {
  struct page *head = compound_head(page);
  if (put_page_testzero(head))
    free_the_page(head, compound_order(head));
}

struct sc_page_map sc_page_map;

void *sc_page_address_slow(const struct page *page) { return current_supply().address(page); }

struct page *sc_virt_to_page_slow(const void *addr) { return current_supply().page(addr); }

void sc_vm_bug(const char *file, int line, const char *cond) {
  current_supply().report(std::string("VM_BUG_ON(") + cond + ") at " + file + ":" + std::to_string(line));
}

void sc_page_ref_underflow(struct page *page, int value) {
  current_supply().report("refcount of page #" + std::to_string(page->serial) + " went to " +
                          std::to_string(value));
}

}  // extern "C"
