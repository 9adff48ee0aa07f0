// SPDX-License-Identifier: GPL-2.0-only
// Printing and parsing of splice ops, expanded from api/splice_ops.def.
#include <api/splice.h>

#include <api/op_text.h>

namespace sc::splice {
#define SC_OPS_DEF <api/splice_ops.def>
#include <api/op_table.inc>
#undef SC_OPS_DEF

std::string format_obs(const Obs &obs) {
  if (!obs.is_splice)
    return "-";
  std::string out = "ret=" + std::to_string(obs.ret) + " consumed=" + std::to_string(obs.consumed) + " frags=[";
  for (size_t i = 0; i < obs.frags.size(); i++) {
    const auto &f = obs.frags[i];
    out += i ? " " : "";
    out += f.copy ? "copy:" + std::to_string(f.len)
                  : "#" + std::to_string(f.serial) + "." + std::to_string(f.sub) + "+" + std::to_string(f.offset) +
                        ":" + std::to_string(f.len);
  }
  out += "] len=" + std::to_string(obs.len) + " data_len=" + std::to_string(obs.data_len) +
         " truesize=" + std::to_string(obs.truesize);
  if (obs.software_csum)
    out += " csum=" + std::to_string(obs.csum);
  return out;
}

}  // namespace sc::splice
