// SPDX-License-Identifier: GPL-2.0-only
// The allocator code a scenario runs: one of our mirrors (impl/mm/, built with SC_EXPLORE
// so its shim calls are scheduling points) or a kernel tree's own (a src: profile, built
// with SC_EXPLORE too), reached the ways kernel callers reach it.
#pragma once

#include <api/profiles.h>
#include <kernel-src/glue_object.h>
#include <linux/gfp.h>
#include <linux/mm.h>

#include <cstdint>
#include <optional>
#include <vector>

namespace sc::explore {

// Which cache an allocation uses.
enum class CacheRef {
  cpu0,      // cpu 0's private cache, named explicitly (a queue's cache: whoever runs the queue)
  this_cpu,  // this_cpu_ptr() of the private per-cpu caches, read where the call starts
  dflt,      // 06: the per-cpu default buckets (NULL cache)
};

class Subject {
 public:
  // p: a mirror profile; with src, the kernel code instead, held to p's rules.
  explicit Subject(Profile p, const ksrc::GlueEntry *src = nullptr);
  ~Subject();
  Subject(const Subject &) = delete;
  Subject &operator=(const Subject &) = delete;

  Profile profile() const { return profile_; }
  bool has_default() const;   // 06 and later in the series: the per-cpu default exists
  bool has_private() const;   // a private cache the caller serialises (not 06)

  // REQUIRES: the ref exists at this profile.
  void *alloc(CacheRef ref, uint32_t fragsz, gfp_t gfp, uint32_t align);
  // Returns the private cache this_cpu_ptr() gives now (R3 keeps it across a sleep).
  void *this_cpu_cache() const;
  void *alloc_on(void *cache, uint32_t fragsz, gfp_t gfp, uint32_t align);
  void free(void *addr);
  void drain_all();

  struct Cached {
    const struct page *head;
    unsigned bias;
    std::optional<bool> pfmemalloc;  // what the cache believes of the page, where it says
  };
  std::vector<Cached> cached() const;  // every cache that holds a page

 private:
  Profile profile_;
  const ksrc::GlueEntry *src_;
  void *private_ = nullptr;  // per-cpu array of the profile's struct page_frag_cache
};

}  // namespace sc::explore
