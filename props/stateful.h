// SPDX-License-Identifier: GPL-2.0-only
// What the stateful property runners of the op-sequence components (allocator, splice)
// share: the case under test, uniform choices and how a finding fails a case.
#pragma once

#include <props/failure_log.h>
#include <rapidcheck.h>
#include <rapidcheck/state.h>

#include <string>
#include <utility>

namespace sc {

inline constexpr int kMaxCommands = 100;  // rapidcheck's default max_size: up to 101 commands a case

// One case: the property it runs and the differential its commands drive.
template <typename Property, typename Differential> struct CaseUnderTest {
  template <typename... Args>
  explicit CaseUnderTest(const Property &p, Args &&...args) : diff(std::forward<Args>(args)...), prop(&p) {}
  Differential diff;
  const Property *prop;
};

// rapidcheck scales choices with the case size, so early (small) cases would only ever
// pick the first element; op arguments that are choices, not magnitudes, stay uniform.
template <typename T> T pick(rc::Gen<T> g) { return *rc::gen::resize(kMaxCommands, std::move(g)); }

// Records a finding as this case's failure, unless shrinking is fixed on another check.
template <typename Log, typename Finding, typename Differential>
void fail_with(Log &log, const Finding &f, const Differential &diff, const char *where) {
  using Failure = typename std::decay_t<decltype(log.last())>::value_type;
  if (log.record(f.check, f.triggered, Failure{f, diff.executed()}))
    RC_FAIL(std::string(check_name(f.check)) + where + ": " + f.divergence);
}

// One case: rapidcheck generates commands from `init` and runs them on the case under
// test make_sut(number of commands) builds; then the teardown, if the property has one.
template <typename Command, typename GenState, typename Log, typename MakeSut>
void run_case(Log &log, const GenState &init, MakeSut make_sut) {
  auto commands = *rc::state::gen::commands(init, [](const GenState &s) {
    return rc::state::gen::execOneOfWithArgs<Command>()(s);
  });
  auto sut = make_sut(commands.size());
  rc::state::runAll(commands, init, sut);
  if (sut.prop->gen.teardown)
    if (auto f = sut.diff.teardown(sut.prop->asserted))
      fail_with(log, *f, sut.diff, " at teardown");
  log.case_done(sut.diff.diverged());
}

}  // namespace sc
