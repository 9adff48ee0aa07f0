// SPDX-License-Identifier: GPL-2.0-only
#include <explore/fiber.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SC_ASAN 1
#endif
#if __has_feature(thread_sanitizer)
#define SC_TSAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(SC_ASAN)
#define SC_ASAN 1
#endif
#if defined(__SANITIZE_THREAD__) && !defined(SC_TSAN)
#define SC_TSAN 1
#endif

#ifdef SC_ASAN
#include <sanitizer/common_interface_defs.h>
#endif
#if !defined(SC_ASAN) && !defined(SC_TSAN)
#define SC_FAST_SWITCH 1
#endif
#ifdef SC_TSAN
#include <sanitizer/tsan_interface.h>
#endif

namespace sc::explore {
namespace {
// Sanitizer builds need room for their redzones and fake frames.
constexpr size_t kStackSize = 256 * 1024;

// Stacks are reused: a fresh 256 KiB allocation per task per schedule is an mmap and an
// munmap, which would cost more than the schedule itself.
std::vector<std::unique_ptr<char[]>> &stack_pool() {
  static thread_local std::vector<std::unique_ptr<char[]>> pool;
  return pool;
}

std::unique_ptr<char[]> take_stack() {
  auto &pool = stack_pool();
  if (pool.empty())
    return std::unique_ptr<char[]>(new char[kStackSize]);
  auto s = std::move(pool.back());
  pool.pop_back();
  return s;
}

}  // namespace

Fiber::Fiber(std::function<void()> body) : body_(std::move(body)), stack_(take_stack()) {
  if (getcontext(&ctx_) != 0) {
    std::perror("getcontext");
    std::abort();
  }
  ctx_.uc_stack.ss_sp = stack_.get();
  ctx_.uc_stack.ss_size = kStackSize;
  ctx_.uc_link = nullptr;
  auto self = reinterpret_cast<uintptr_t>(this);
  makecontext(&ctx_, reinterpret_cast<void (*)()>(&Fiber::entry), 2, static_cast<unsigned>(self >> 32),
              static_cast<unsigned>(self & 0xffffffffu));
#ifdef SC_TSAN
  tsan_fiber_ = __tsan_create_fiber(0);
#endif
}

Fiber::~Fiber() {
#ifdef SC_TSAN
  if (tsan_fiber_)
    __tsan_destroy_fiber(tsan_fiber_);
#endif
  stack_pool().push_back(std::move(stack_));
}

void Fiber::entry(unsigned hi, unsigned lo) {
  auto *f = reinterpret_cast<Fiber *>((static_cast<uintptr_t>(hi) << 32) | lo);
  f->switch_in();
  f->body_();
  f->finished_ = true;
#ifdef SC_FAST_SWITCH
  _longjmp(f->caller_jb_, 1);
#else
  f->switch_out(true);
#endif
}

// The first thing a fiber does after a swap into it.
void Fiber::switch_in() {
#ifdef SC_ASAN
  __sanitizer_finish_switch_fiber(asan_fake_stack_, &caller_stack_, &caller_stack_size_);
#endif
}

#ifdef SC_FAST_SWITCH

void Fiber::switch_out(bool) {
  if (_setjmp(fiber_jb_) == 0)
    _longjmp(caller_jb_, 1);
}

void Fiber::resume() {
  if (_setjmp(caller_jb_) != 0)
    return;
  if (entered_) {
    _longjmp(fiber_jb_, 1);
  }
  entered_ = true;
  swapcontext(&caller_, &ctx_);  // the first entry needs the prepared stack
}

#else

void Fiber::switch_out(bool dying) {
#ifdef SC_ASAN
  // A dying fiber passes no fake-stack slot: ASan frees its fake frames.
  __sanitizer_start_switch_fiber(dying ? nullptr : &asan_fake_stack_, caller_stack_, caller_stack_size_);
#else
  (void)dying;
#endif
#ifdef SC_TSAN
  __tsan_switch_to_fiber(tsan_caller_, 0);
#endif
  swapcontext(&ctx_, &caller_);
  switch_in();
}

void Fiber::resume() {
  [[maybe_unused]] void *fake = nullptr;
#ifdef SC_ASAN
  __sanitizer_start_switch_fiber(&fake, stack_.get(), kStackSize);
#endif
#ifdef SC_TSAN
  tsan_caller_ = __tsan_get_current_fiber();
  __tsan_switch_to_fiber(tsan_fiber_, 0);
#endif
  swapcontext(&caller_, &ctx_);
#ifdef SC_ASAN
  __sanitizer_finish_switch_fiber(fake, nullptr, nullptr);
#endif
}

#endif

void Fiber::yield() { switch_out(false); }

}  // namespace sc::explore
