// SPDX-License-Identifier: GPL-2.0-only
// A stackful coroutine on ucontext: the explorer's simulated task. A switch costs a
// swapcontext, not an OS-thread hand-off. ASan and TSan are told about every switch
// (their fiber hooks), so found schedules replay under both.
#pragma once

#include <csetjmp>
#include <ucontext.h>

#include <functional>
#include <memory>

namespace sc::explore {

class Fiber {
 public:
  explicit Fiber(std::function<void()> body);
  ~Fiber();
  Fiber(const Fiber &) = delete;
  Fiber &operator=(const Fiber &) = delete;

  // From the scheduler: runs the fiber until it yields or its body returns.
  void resume();
  // From inside the fiber: back to whoever resumed it.
  void yield();
  bool finished() const { return finished_; }

 private:
  static void entry(unsigned hi, unsigned lo);
  void switch_in();
  void switch_out(bool dying);

  std::function<void()> body_;
  std::unique_ptr<char[]> stack_;
  ucontext_t ctx_{}, caller_{};
  // After the first entry, plain builds switch with _setjmp/_longjmp: swapcontext saves
  // the signal mask, a system call per switch. Sanitizer builds keep swapcontext, which
  // their fiber hooks are written for.
  [[maybe_unused]] std::jmp_buf fiber_jb_, caller_jb_;
  [[maybe_unused]] bool entered_ = false;
  bool finished_ = false;
  // Sanitizer bookkeeping; unused in builds without that sanitizer.
  [[maybe_unused]] void *tsan_fiber_ = nullptr, *tsan_caller_ = nullptr;
  [[maybe_unused]] void *asan_fake_stack_ = nullptr;
  [[maybe_unused]] const void *caller_stack_ = nullptr;
  [[maybe_unused]] size_t caller_stack_size_ = 0;
};

}  // namespace sc::explore
