// SPDX-License-Identifier: GPL-2.0-only
// Printing and parsing of allocator ops, expanded from api/page_frag_ops.def.
#include <api/page_frag.h>

#include <api/op_text.h>

#include <sstream>
#include <vector>

namespace sc::alloc {
#define SC_OPS_DEF <api/page_frag_ops.def>
#include <api/op_table.inc>
#undef SC_OPS_DEF

std::string format_obs(const Obs &obs) {
  std::string out;
  if (obs.is_alloc) {
    if (obs.frag)
      out = "frag page=#" + std::to_string(obs.frag->page) + " size=" + std::to_string(obs.frag->page_size) +
            " offset=" + std::to_string(obs.frag->offset) + " ";
    else
      out = "NULL ";
    out += obs.cached_page ? "cached=#" + std::to_string(obs.cached_page) + " " : "cached=none ";
  }
  return out + "obtained=" + std::to_string(obs.obtained) + " released=" + std::to_string(obs.released);
}

}  // namespace sc::alloc
