// SPDX-License-Identifier: GPL-2.0-only
// TLS record splitting's properties: each a scenario generator (which ops, sizes,
// flags, options) plus the checks it asserts, run on one profile and one path. A case
// is one whole scenario: generated, judged (props/tls_check.h), shrunk by rapidcheck.
#pragma once

#include <api/bugs.h>
#include <props/tls_check.h>

#include <optional>
#include <string>
#include <vector>

namespace sc::tls {

struct GenConfig {
  // Weights of the op kinds.
  unsigned copies = 4;    // send, sendmsg, write
  unsigned splices = 3;
  unsigned sendfiles = 2;
  unsigned sendpages = 1;
  unsigned ctrls = 1;
  unsigned sleeps = 1;
  unsigned bursts = 1;    // 14..21 small MSG_MORE splices, sendpages or sends in a row
  unsigned fills = 1;     // 1..3 MSG_MORE sends or splices that sum to the record payload limit
  bool zero_sizes = true;
  bool large = true;        // ops past one record
  bool max_payload = true;  // TLS_TX_MAX_PAYLOAD_LEN, where the profile has it
  bool shortages = true;    // sndbuf: failed socket-memory waits (the software path)
};

struct Property {
  const char *name;
  const char *help;
  GenConfig gen;
  CheckSet asserted;
  bool peer = false;  // a real OpenSSL peer reads the stream
};

const std::vector<Property> &tls_properties();
// "name/sw" or "name/device": the property and the path it runs on.
struct PropertyOnPath {
  const Property *property;
  Path path;
};
std::optional<PropertyOnPath> find_property(std::string_view name_on_path);
std::string property_on_path_name(const Property &p, Path path);

struct PropertyFailure {
  Finding finding;
  Scenario scenario;  // shrunk
};

struct PropertyOutcome {
  int cases = 0;
  int cut_short = 0;
  std::optional<PropertyFailure> failure;
  std::string error;
};

PropertyOutcome run_tls_property(const Property &p, Profile profile, Path path, std::optional<BugId> bug,
                                 uint64_t seed, int cases);

}  // namespace sc::tls
