// SPDX-License-Identifier: GPL-2.0-only
// One case of any component, in the one trace format (text: api/*_trace.h; bytes:
// api/codec.h), run through model and implementation with every check on and judged with
// run's verdict rule. `splicecheck replay`, `shrink` and the libFuzzer harnesses share it.
#pragma once

#include <api/bugs.h>
#include <props/page_frag_check.h>
#include <props/splice_check.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace sc {

// One libFuzzer harness per component of api/components.def.
using Harness = Component;
inline constexpr const auto &kHarnesses = kComponents;
const char *harness_name(Harness h);  // "alloc_fuzz"
Component harness_component(Harness h);
// "alloc_fuzz" or "alloc".
std::optional<Harness> parse_harness(std::string_view name);

// What a raw input runs against (the bytes hold only the ops). Without a profile: the
// bug's, else the end of the series (alloc, splice) or newest (tls). A src: profile
// (kernel-src/source_profile.h) adds kernel code: three-way beside our mirror of `profile`
// when the layout has one, else against the model alone.
struct Target {
  Profile profile;
  std::optional<BugId> bug;
  std::shared_ptr<const alloc::ExternalCode> external;
  bool mirror = true;
  // splice: skb_splice_from_iter of kernel source, kept loaded by its owner.
  splice::SpliceFn splice_code = nullptr;
  std::shared_ptr<const void> splice_owner;
  std::string splice_name;  // "src:7.2"
};
// "src:7.2 + v6.13", "series".
std::string target_name(const Target &t);
// Checks a target for harness h; sets *why (unknown profile, a bug that does not apply).
std::optional<Target> make_target(Harness h, std::string_view profile, std::string_view bug, std::string *why);

// Bytes to the text trace the harness runs: decoded, and ops the contract leaves
// undefined at their point (a free with nothing live, say) dropped; a live-fragment index
// is taken modulo the live count. Every byte string gives a valid trace.
std::string decode_input(Harness h, const Target &t, const uint8_t *data, size_t size);
// A text trace to bytes; *h is the trace's component. nullopt with *why when the text is
// not a trace or holds a value outside the fuzz ranges.
std::optional<std::string> encode_trace(std::string_view text, Harness *h, Target *t, std::string *why);
// The component a text trace's header names, if it is one.
std::optional<Harness> trace_harness(std::string_view text);

enum class Verdict { clean, expected, unexpected };

// The harnesses' hot path, on the decoded input: no check broke; one broke that a row in
// effect other than the target explains (a known defect: fuzzing goes on); the target
// row's check broke; or one broke that no row explains.
enum class InputOutcome { clean, known, target, unexpected };
InputOutcome judge_input(Harness h, const Target &t, const uint8_t *data, size_t size);

// Minimizes an input that breaks a check: the result breaks the same check (its text
// trace; encode_trace gives its bytes). nullopt when the input breaks nothing.
struct Shrunk {
  std::string check;
  int tried = 0;   // candidates run
  int rounds = 0;  // byte-level steps taken
  std::string trace;
};
std::optional<Shrunk> shrink_input(Harness h, const Target &t, const uint8_t *data, size_t size);

// Runs a text trace, lists each op with what it showed, and on a finding prints the
// `=== BUG FOUND` report and EXPECTED:/UNEXPECTED: as run does. Returns nullopt (with the
// reason on err) when the text is not a valid trace. `external`: the kernel code of a src:
// target the trace was decoded for (alloc), run as that target runs it.
std::optional<Verdict> replay_trace(std::string_view where, std::string_view text, std::ostream &out,
                                    std::ostream &err, const Target *external = nullptr);

}  // namespace sc
