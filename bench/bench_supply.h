// SPDX-License-Identifier: GPL-2.0-only
// The page supply a benchmark's mirrors draw from: one for the whole process, so threads
// share it as cpus share the buddy allocator; no history, which only tests read.
#pragma once

#include <sc/page_supply.h>

inline sc::shim::PageSupply &supply() {
  static sc::shim::PageSupply &s = []() -> sc::shim::PageSupply & {
    static sc::shim::PageSupply supply(16384);
    supply.set_history(false);
    return supply;
  }();
  return s;
}
