// SPDX-License-Identifier: GPL-2.0-only
// race_stress series|r1 [ROUNDS]: real threads, one per virtual cpu, on the production
// build of the allocator, for ThreadSanitizer (label race, tsan preset).
//   series: each thread allocates from its cpu's 06 bucket and frees fragments the other
//           thread allocated (cross-cpu frees, R2): must be clean.
//   r1:     both threads allocate from one private cache without a lock (R1): TSan must
//           report the race; the test asserts that it does.
// The patch-06 windows need two tasks on one cpu, which real threads pinned one per cpu
// never are: only the explorer (splicecheck explore) creates them.
#include <explore/subject.h>
#include <linux/smp.h>
#include <sc/page_supply.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

using sc::explore::CacheRef;
using sc::explore::Subject;

struct Inbox {
  std::mutex lock;
  std::vector<void *> frags;
};

// At most this many fragments wait in an inbox: a thread that runs far ahead of the other
// (a loaded machine) would otherwise empty the supply, and a failed refill is a sequential
// row of 06 (p06_null_folio_after_failed_refill), not what this stress is for.
constexpr size_t kMaxInFlight = 128;

int run(bool shared_cache, unsigned rounds) {
  sc::shim::PageSupply supply(8192);
  Subject subject(shared_cache ? sc::Profile::pre_series : sc::Profile::series);
  Inbox inbox[2];
  std::atomic<bool> finished[2] = {false, false};
  auto worker = [&](unsigned cpu) {
    sc_current_task.cpu = static_cast<int>(cpu);
    std::vector<void *> mine;
    for (unsigned i = 0; i < rounds; i++) {
      uint32_t size = 64 + 64 * (i % 7);
      void *p = shared_cache ? subject.alloc(CacheRef::cpu0, size, GFP_ATOMIC, 1)
                             : subject.alloc(CacheRef::dflt, size, GFP_ATOMIC, 1);
      if (!p)
        continue;
      std::memset(p, static_cast<int>(cpu + 1), size);
      if (shared_cache) {
        mine.push_back(p);
        continue;
      }
      for (bool queued = false; !queued;) {
        {
          std::lock_guard g(inbox[1 - cpu].lock);  // the other cpu frees it
          if (inbox[1 - cpu].frags.size() < kMaxInFlight || finished[1 - cpu]) {
            inbox[1 - cpu].frags.push_back(p);
            queued = true;
          }
        }
        if (!queued) {  // drain our own inbox meanwhile, so neither waits on the other
          std::vector<void *> theirs;
          {
            std::lock_guard g(inbox[cpu].lock);
            theirs.swap(inbox[cpu].frags);
          }
          for (void *q : theirs)
            subject.free(q);
          std::this_thread::yield();
        }
      }
      std::vector<void *> theirs;
      {
        std::lock_guard g(inbox[cpu].lock);
        theirs.swap(inbox[cpu].frags);
      }
      for (void *q : theirs)
        subject.free(q);
    }
    for (void *q : mine)
      subject.free(q);
    finished[cpu] = true;  // from now on the main thread frees what is sent here
  };
  std::thread a(worker, 0), b(worker, 1);
  a.join();
  b.join();
  sc_current_task.cpu = 0;
  for (auto &box : inbox)
    for (void *q : box.frags)
      subject.free(q);
  subject.drain_all();
  auto errors = supply.take_errors();
  for (const auto &e : errors)
    std::fprintf(stderr, "race_stress: %s\n", e.c_str());
  std::printf("race_stress %s: %u rounds on 2 threads, %zu pages left, %zu supply errors\n",
              shared_cache ? "r1" : "series", rounds, supply.live_blocks(), errors.size());
  return errors.empty() ? 0 : 1;
}

}  // namespace

int main(int argc, char **argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  unsigned rounds = argc > 2 ? static_cast<unsigned>(std::strtoul(argv[2], nullptr, 10)) : 20000;
  if ((mode != "series" && mode != "r1") || rounds == 0 || argc > 3) {
    std::fprintf(stderr, "usage: race_stress series|r1 [ROUNDS]\n");
    return 2;
  }
  return run(mode == "r1", rounds);
}
