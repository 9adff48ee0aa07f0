// SPDX-License-Identifier: GPL-2.0-only
// A component's triggers end in a list of (trigger held, row) pairs; the rows whose
// trigger held, in the order listed.
#pragma once

#include <api/bugs.h>

#include <initializer_list>
#include <utility>
#include <vector>

namespace sc {

inline std::vector<BugId> rows_triggered(std::initializer_list<std::pair<bool, BugId>> rows) {
  std::vector<BugId> out;
  for (auto [held, row] : rows)
    if (held)
      out.push_back(row);
  return out;
}

}  // namespace sc
