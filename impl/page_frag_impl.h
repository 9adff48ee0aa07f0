// SPDX-License-Identifier: GPL-2.0-only
// The kernel mirrors behind the allocator interface: applies ops to the profile's code
// (impl/mm/), one cache per virtual cpu, and reads back what the checks need (fragment
// addresses, the cached page and its bias) without changing anything.
#pragma once

#include <api/page_frag.h>
#include <api/profiles.h>
#include <linux/mm.h>
#include <sc/page_supply.h>

#include <memory>
#include <optional>
#include <vector>

namespace sc::alloc {

class PageFragImpl final : public PageFragCache {
 public:
  struct Fragment {
    uint8_t *addr = nullptr;
    uint32_t size = 0;
    uint64_t serial = 0;  // n-th fragment handed out, as the model counts them
  };
  struct CachedPage {
    const struct page *head = nullptr;
    unsigned bias = 0;
  };
  // The code under test behind one cache per cpu: one of our mirrors, or kernel source
  // built against the shims (kernel-src/).
  class Caches {
   public:
    virtual ~Caches() = default;
    virtual void *alloc(unsigned cpu, uint32_t fragsz, gfp_t gfp, uint32_t align) = 0;
    virtual void free(void *addr) = 0;
    virtual void drain(unsigned cpu) = 0;
    virtual std::optional<CachedPage> cached(unsigned cpu) const = 0;
  };

  // A mirror profile. REQUIRES: supply is installed and outlives this object.
  PageFragImpl(Profile profile, unsigned nr_cpus, shim::PageSupply &supply);
  // Other code; its caches were made for nr_cpus cpus.
  PageFragImpl(std::unique_ptr<Caches> caches, unsigned nr_cpus, shim::PageSupply &supply);
  ~PageFragImpl() override;

  Obs apply(const Op &op) override;
  size_t live_count() const override { return live_.size(); }

  const std::vector<Fragment> &fragments() const { return live_; }
  std::optional<CachedPage> cached(unsigned cpu) const;
  unsigned nr_cpus() const { return nr_cpus_; }
  // Page identity as the model numbers pages: the supply's allocation serial of the block.
  Frag describe(const uint8_t *addr) const;

 private:
  unsigned nr_cpus_;
  shim::PageSupply &supply_;
  std::unique_ptr<Caches> caches_;
  bool mirror_ = false;  // mirrors keep kernel-style globals: one live at a time
  std::vector<Fragment> live_;
  uint64_t next_serial_ = 1;
};

}  // namespace sc::alloc
