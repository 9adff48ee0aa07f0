// SPDX-License-Identifier: GPL-2.0-only
// Allocator traces on a real kernel: oracle/kmod/run builds the replayer module
// (oracle/kmod/splicecheck_alloc.c) against the kernel's headers and boots the kernel with
// it under QEMU; this parses what the module printed. Stored outputs (corpus/oracle/alloc/)
// parse the same way, so the default suite judges without booting.
#pragma once

#include <api/page_frag_trace.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sc::oracle {

// What the kernel showed for one op: the observation in the model's terms, and what only
// a real page shows (its bytes at return, its refcount against the cache's bias).
struct KernelAllocOp {
  bool skipped = false;  // an op this kernel cannot be told to do (page supply steering)
  alloc::Obs obs;
  bool zero_checked = false;                  // a __GFP_ZERO fragment was read at return
  std::optional<uint32_t> nonzero_at;         // its first nonzero byte
  uint8_t nonzero_value = 0;
  std::optional<uint32_t> ref, bias, live;    // the cached page after an Alloc
  bool pfmemalloc = false;
};

struct KernelAllocRun {
  std::string release;
  std::vector<std::vector<KernelAllocOp>> traces;  // in the order handed in
  uint64_t skipped = 0;
  std::string text;  // the module's output, as stored
};

std::optional<KernelAllocRun> parse_alloc_output(const std::string &text, std::string *why);

// The runner's exit codes (oracle/kmod/run), kept for the CLI to map.
enum class BootStatus { ok = 0, usage = 2, no_kernel = 3, failed = 4, headers_mismatch = 5, build_failed = 6,
                        load_failed = 7 };

// Boots `kernel` (6.1, 6.12, 7.2 or a bzImage path with modules and headers directories)
// with the module `module_src` on the traces. nullopt with *status and *why on failure.
struct AllocKernelSpec {
  std::string kernel, modules, headers;
};
std::optional<KernelAllocRun> boot_alloc(const AllocKernelSpec &k, const std::vector<alloc::Trace> &traces,
                                         BootStatus *status, std::string *why);

// Any replayer module of oracle/kmod/: builds module_src for the kernel, boots it with
// `traces` and returns what the module printed. nullopt with *status and *why on failure.
using ModuleKernelSpec = AllocKernelSpec;
std::optional<std::string> boot_module(const ModuleKernelSpec &k, const std::string &module_src,
                                       const std::string &traces, const std::string &what, BootStatus *status,
                                       std::string *why);

// Ops no running kernel can be told to do (FailPages, FailAfter, Reserve): the trace
// without them, and how many there were.
alloc::Trace replayable(const alloc::Trace &t, size_t *dropped);

}  // namespace sc::oracle
