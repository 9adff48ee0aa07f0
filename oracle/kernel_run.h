// SPDX-License-Identifier: GPL-2.0-only
// Running scenarios on a real kernel: the runner script (oracle/run) boots it under QEMU
// with the static guest program, whose output this parses. Stored outputs (corpus/oracle/)
// parse the same way, so the model can be checked against a kernel without booting one.
#pragma once

#include <api/tls_scenario.h>
#include <model/tls_model.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sc::oracle {

// What the kernel did with one scenario.
struct KernelOutcome {
  std::vector<int64_t> returns;       // per op: bytes, or -errno
  std::vector<tls::Record> records;   // outer content type, plaintext length
  uint64_t trailing = 0;              // bytes after the last whole record
  bool operator==(const KernelOutcome &) const = default;
};

struct KernelRun {
  std::string release;  // uname -r
  std::map<std::string, KernelOutcome> outcomes;  // by scenario name
  std::string text;     // the guest's output, as stored in corpus/oracle/
};

// Parses the guest's output. nullopt with *why on a malformed or incomplete one (every
// line is checked; the run must end with its "ORACLE done" line).
std::optional<KernelRun> parse_guest_output(const std::string &text, std::string *why);

// Where the kernel comes from: 6.1, 6.12, 7.2, or a bzImage with its modules directory.
struct KernelSpec {
  std::string kernel;
  std::string modules;
};

// Boots the kernel on `scenarios` (names unique). Exit codes of the runner become *why.
std::optional<KernelRun> boot_and_run(const KernelSpec &k, const std::vector<tls::Scenario> &scenarios,
                                      std::string *why);

}  // namespace sc::oracle
