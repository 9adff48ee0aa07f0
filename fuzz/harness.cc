// SPDX-License-Identifier: GPL-2.0-only
// One libFuzzer harness per component (SC_HARNESS names it): the input decodes into that
// component's ops (api/codec.h), model and implementation run them with every check on,
// and a broken check aborts with run's `=== BUG FOUND` report when it is the target row's
// or no row in effect explains it. A check that another row in effect explains is a known
// defect: the input counts as uninteresting and fuzzing goes on.
//
// What runs: SC_FUZZ_PROFILE / SC_FUZZ_BUG, or --profile=P / --bug=ID after the libFuzzer
// flags (libFuzzer leaves flags that start with "--" to the program). A src: profile
// builds that kernel tree's allocator once, at start-up, and runs it three-way.
#include <kernel-src/source_profile.h>
#include <props/trace_check.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

namespace {

constexpr sc::Harness kHarness = sc::Harness::SC_HARNESS;
sc::Target target;
uint64_t executions = 0;  // inputs run, the corpus's included: runs to detection

std::string setting(int argc, char **argv, const char *flag, const char *env) {
  std::string prefix = std::string("--") + flag + "=";
  for (int i = 1; i < argc; i++)
    if (std::strncmp(argv[i], prefix.c_str(), prefix.size()) == 0)
      return argv[i] + prefix.size();
  const char *v = std::getenv(env);
  return v ? v : "";
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv) {
  std::string why, profile = setting(*argc, *argv, "profile", "SC_FUZZ_PROFILE"),
                   bug = setting(*argc, *argv, "bug", "SC_FUZZ_BUG");
  bool skipped = false;
  auto t = sc::ksrc::is_source_profile(profile)
               ? sc::ksrc::make_source_target(kHarness, profile, bug, &why, &skipped)
               : sc::make_target(kHarness, profile, bug, &why);
  if (!t) {
    std::fprintf(stderr, "%s: %s%s\n", sc::harness_name(kHarness), skipped ? "SKIPPED: " : "", why.c_str());
    std::exit(skipped ? 77 : 2);
  }
  target = *t;
  std::fprintf(stderr, "%s: profile %s%s%s\n", sc::harness_name(kHarness), sc::target_name(target).c_str(),
               target.bug ? ", bug " : "", target.bug ? sc::bug_info(*target.bug).name : "");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  executions++;
  auto outcome = sc::judge_input(kHarness, target, data, size);
  if (outcome == sc::InputOutcome::clean)
    return 0;
  if (outcome == sc::InputOutcome::known)
    return -1;  // libFuzzer keeps no input that only shows a known defect
  std::string trace = sc::decode_input(kHarness, target, data, size);
  std::cerr << "found at execution " << executions << "; input as ops:\n" << trace;
  sc::replay_trace("fuzz input", trace, std::cerr, std::cerr, &target);
  std::cerr << "replay: splicecheck replay INPUT --harness " << sc::harness_name(kHarness) << " --profile "
            << (target.external ? target.external->name() : sc::profile_info(target.profile).name)
            << (target.bug ? std::string(" --bug ") + sc::bug_info(*target.bug).name : "") << std::endl;
  std::abort();
}
