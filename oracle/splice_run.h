// SPDX-License-Identifier: GPL-2.0-only
// Splice traces on a real kernel: oracle/kmod/run builds the replayer module
// (oracle/kmod/splicecheck_splice.c) against the kernel's headers and boots the kernel with
// it under QEMU; this parses what the module printed. Stored outputs (corpus/oracle/splice/)
// parse the same way, so the default suite judges without booting.
#pragma once

#include <api/splice_trace.h>
#include <oracle/alloc_run.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sc::oracle {

// What the kernel showed for one op, in the model's terms, except that a frag's `serial`
// is the trace's source number (0 = its first Seg or Prefill page), as the module counts.
struct KernelSpliceOp {
  splice::Obs obs;
  std::optional<uint16_t> bytes_csum;  // the folded checksum of the frags' bytes
};

struct KernelSpliceRun {
  std::string release;
  uint32_t max_skb_frags = 0;
  std::vector<std::vector<KernelSpliceOp>> traces;  // in the order handed in
  std::string text;                                 // the module's output, as stored
};

std::optional<KernelSpliceRun> parse_splice_output(const std::string &text, std::string *why);

// Whether a running kernel can replay t: the module owns kernel memory only, so no user
// memory iterator (ubuf, iovec) and no extraction fault. *why says what is in the way.
bool splice_replayable(const splice::Trace &t, std::string *why);

std::optional<KernelSpliceRun> boot_splice(const ModuleKernelSpec &k, const std::vector<splice::Trace> &traces,
                                           BootStatus *status, std::string *why);

}  // namespace sc::oracle
