// SPDX-License-Identifier: GPL-2.0-only
// Process-wide kernel state the shims need: virtual cpus, per-cpu units, WARN counts.
#include <linux/fault-inject.h>
#include <linux/percpu.h>
#include <sc/page_supply.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>

namespace sc::shim {
namespace {

std::atomic<uint64_t> g_warns{0};

// All per-cpu memory: NR_CPUS units at a fixed stride; allocations are offsets into unit 0.
struct PercpuArena {
  std::mutex lock;
  uint8_t *base = nullptr;
  std::map<size_t, size_t> used;  // offset -> size

  void *alloc(size_t size, size_t align) {
    std::lock_guard g(lock);
    if (!base) {
      base = static_cast<uint8_t *>(std::aligned_alloc(PAGE_SIZE, NR_CPUS * SC_PERCPU_UNIT_SIZE));
      if (!base)
        std::abort();
    }
    size_t off = 0;
    for (auto [o, s] : used) {
      if ((off + size) <= o)
        break;
      off = (o + s + align - 1) & ~(align - 1);
    }
    if (off + size > SC_PERCPU_UNIT_SIZE) {
      std::fprintf(stderr, "splicecheck: per-cpu unit exhausted (%zu bytes asked)\n", size);
      std::abort();
    }
    used[off] = size;
    for (size_t cpu = 0; cpu < NR_CPUS; cpu++)
      std::memset(base + cpu * SC_PERCPU_UNIT_SIZE + off, 0, size);
    return base + off;
  }

  void free(void *ptr) {
    std::lock_guard g(lock);
    used.erase(static_cast<uint8_t *>(ptr) - base);
  }
};

PercpuArena g_percpu;

}  // namespace

uint64_t warn_count() { return g_warns.load(); }

}  // namespace sc::shim

extern "C" {

unsigned int nr_cpu_ids = 2;
__thread struct sc_task_ctx sc_current_task;

void *sc_alloc_percpu(size_t size, size_t align) { return sc::shim::g_percpu.alloc(size, align); }

void free_percpu(void *ptr) {
  if (ptr)
    sc::shim::g_percpu.free(ptr);
}

void sc_warn_hit(const char *file, int line, const char *cond) {
  (void)file;
  (void)line;
  (void)cond;
  sc::shim::g_warns++;
}

}  // extern "C"

namespace {
thread_local bool t_fail[SC_NR_FAULT_POINTS];
thread_local unsigned t_fail_in[SC_NR_FAULT_POINTS];  // sc_fail_nth(): calls to the failing one
}

extern "C" {
bool sc_should_fail(enum sc_fault_point point) {
  return t_fail[point] || (t_fail_in[point] && --t_fail_in[point] == 0);
}
void sc_set_fail(enum sc_fault_point point, bool on) { t_fail[point] = on, t_fail_in[point] = 0; }
void sc_fail_nth(enum sc_fault_point point, unsigned int nth) { t_fail[point] = false, t_fail_in[point] = nth; }
}
