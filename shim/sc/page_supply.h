// SPDX-License-Identifier: GPL-2.0-only
// The tracking page supply behind alloc_pages()/folio_alloc(): an arena of 4 KiB pages
// handed out in naturally aligned blocks of order 0..3. It makes page history
// observable: fresh pages without __GFP_ZERO hold a stale pattern, freed pages are
// poisoned and quarantined before reuse, every refcount misuse is recorded, and live
// blocks are counted so a test can assert no leak at teardown.
#pragma once

#include <linux/mm.h>

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace sc::shim {

inline constexpr uint8_t kStaleByte = 0x5a;   // what a page held before we got it
inline constexpr uint8_t kPoisonByte = 0x6b;  // what a freed page holds
inline constexpr unsigned kMaxOrder = 3;
// Guard areas before and after the arena, never handed out: where addresses derived
// from a bad page, or carved past a page edge, land without corrupting the process.
inline constexpr size_t kGuardPages = 24;

enum class FailMode : uint8_t { none, high_order, all };

class PageSupply {
 public:
  static constexpr size_t kDefaultPages = 4096;

  // Installs itself as the supply the kernel-facing functions use, until destroyed.
  explicit PageSupply(size_t nr_pages = kDefaultPages, size_t quarantine_blocks = 32);
  ~PageSupply();
  PageSupply(const PageSupply &) = delete;
  PageSupply &operator=(const PageSupply &) = delete;
  // Makes this the installed supply again: a differential with two implementation sides
  // gives each its own supply and switches before every op.
  void make_current();
  // Back to the state of a new supply of the same size, reusing the arena (the explorer
  // runs one per schedule), and installed.
  void reset();

  // Steering.
  void set_fail_mode(FailMode mode);
  void fail_after(uint64_t successes);  // that many more allocations succeed, then all fail
  void set_reserve(bool on);  // pages for callers without __GFP_NOMEMALLOC come marked pfmemalloc
  // Benchmarks only: skip the stale fill and the poison, which cost a page-sized memset
  // per allocation and free that the kernel's page allocator does not pay.
  void set_history(bool on);

  // Observation.
  uint64_t allocated() const;
  uint64_t freed() const;
  size_t live_blocks() const;
  std::vector<std::string> take_errors();  // refcount underflows, bad frees, bad pages
  bool owns(const void *addr) const;
  // The block containing addr, whether it is compound or not; null outside the arena.
  const struct page *block_of(const void *addr) const;
  bool in_use(const struct page *head) const;

  // Entry points behind the C functions.
  struct page *alloc(gfp_t gfp, unsigned order);
  void free(struct page *page, unsigned order);
  void *address(const struct page *page) const;
  struct page *page(const void *addr) const;
  void report(std::string what);

 private:
  void clear_pages();
  bool block_free(size_t first, unsigned order) const;
  uint8_t *guard_area() const;
  void release_from_quarantine();

  size_t nr_pages_;
  size_t quarantine_limit_;
  uint8_t *arena_;                                    // guard, pages, guard
  uint8_t *mem_;                                      // the first page
  uint8_t *meta_;              // pooled storage for the two arrays below
  struct page *pages_;         // one per page of the arena
  uint8_t *block_order_;       // order of the block starting at each page; tails are marked
  std::deque<size_t> quarantine_;
  size_t cursor_ = 0;
  FailMode fail_mode_ = FailMode::none;
  uint64_t successes_left_ = UINT64_MAX;
  bool reserve_ = false;
  bool history_ = true;
  bool guard_handed_out_ = false;  // address() gave the guard area for a bad page
  uint64_t allocated_ = 0;
  uint64_t freed_ = 0;
  size_t live_blocks_ = 0;
  std::vector<std::string> errors_;
  struct page bad_page_ {};  // what virt_to_page() gives for guard-area addresses
  PageSupply *previous_;
  mutable std::mutex lock_;
};

// The installed supply; aborts with a message when a test forgot to create one.
PageSupply &current_supply();

// Count of WARN_ON hits since start, for tests that expect a warning.
uint64_t warn_count();

}  // namespace sc::shim
