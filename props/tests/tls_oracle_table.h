// SPDX-License-Identifier: GPL-2.0-only
// What real kernels emitted (KERNEL-ORACLE.md: scenarios (a)-(h) and the probe table),
// shared by the model's and the impl's table tests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sc::tls::oracle_table {

// "16384*3,7232" -> plaintext lengths; "none" -> no record.
inline std::vector<uint32_t> lengths(const std::string &spec) {
  std::vector<uint32_t> out;
  if (spec == "none")
    return out;
  for (size_t pos = 0; pos <= spec.size();) {
    size_t comma = spec.find(',', pos);
    std::string item = spec.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    size_t star = item.find('*');
    uint32_t len = std::stoul(item.substr(0, star));
    uint32_t times = star == std::string::npos ? 1 : std::stoul(item.substr(star + 1));
    out.insert(out.end(), times, len);
    if (comma == std::string::npos)
      break;
    pos = comma + 1;
  }
  return out;
}

struct Observed {
  const char *scenario;
  const char *on_6_1;
  const char *on_6_12;  // also 7.2: it split a 400-scenario set exactly as 6.12
};

inline constexpr Observed kOracle[] = {
    {"a send:100", "100", "100"},
    {"b send:20000", "16384,3616", "16384,3616"},
    {"c send:1000:more send:1000:more send:1000", "3000", "3000"},
    {"d send:16384", "16384", "16384"},
    {"e send:16385", "16384,1", "16384,1"},
    {"f sendfile:40000", "16384*2,7232", "16384*2,7232"},
    {"g splice:10000", "10000", "10000"},
    {"h send:5000:more sendfile:5000", "10000", "10000"},
    {"p send:100:more", "none", "none"},
    {"p send:100:more send:0", "none", "none"},
    {"p shut send:100:more", "none", "none"},
    {"p send:100:more sleep:300 send:100", "200", "200"},
    {"p send:10000:more send:10000", "16384,3616", "16384,3616"},
    {"p send:16384:more send:1", "16384,1", "16384,1"},
    {"p send:16383:more send:2", "16384,1", "16384,1"},
    {"p send:100000", "16384*6,1696", "16384*6,1696"},
    {"p sendmsg:100+200+300", "600", "600"},
    {"p sendmsg:1000+1000:more send:100", "2100", "2100"},
    {"p write:20000", "16384,3616", "16384,3616"},
    {"p sendfile:200000", "16384*12,3392", "16384*12,3392"},
    {"p sendfile:200000@100", "16384*3,16284,16384*8,3492", "16384*12,3392"},
    {"p sendfile:70000@1000", "16384*3,15384,5464", "16384*4,4464"},
    {"p sendfile:4097", "4097", "4097"},
    {"p sendfile:16384", "16384", "16384"},
    {"p sendfile:16385", "16384,1", "16384,1"},
    {"p sendfile:5000 send:100", "5000,100", "5000,100"},
    {"p send:100:more sendfile:20000", "16384,3716", "16384,3716"},
    {"p splice:100000", "16384*6,1696", "16384*6,1696"},
    {"p splice:5000:more send:100", "5000,100", "5100"},
    {"p splice:3000:more", "3000", "none"},
    {"p send:3000:more splice:3000", "6000", "6000"},
    {"p zc sendfile:40000", "16384*2,7232", "16384*2,7232"},
    {"p v13 send:20000", "16384,3616", "16384,3616"},
    {"p v13 send:1000:more send:1000:more send:1000", "3000", "3000"},
    {"p v13 sendfile:40000", "16384*2,7232", "16384*2,7232"},
};

}  // namespace sc::tls::oracle_table
