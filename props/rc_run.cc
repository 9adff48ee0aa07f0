// SPDX-License-Identifier: GPL-2.0-only
#include <props/rc_run.h>

#include <rapidcheck.h>

namespace sc {
namespace {

class SilentListener final : public rc::detail::TestListener {
  void onTestCaseFinished(const rc::detail::CaseDescription &) override {}
  void onShrinkTried(const rc::detail::CaseDescription &, bool) override {}
  void onTestFinished(const rc::detail::TestMetadata &, const rc::detail::TestResult &) override {}
};

}  // namespace

RcResult run_quietly(const std::string &name, const std::string &help, uint64_t seed, int cases, int max_size,
                     const std::function<void()> &body) {
  rc::detail::TestParams params;
  params.seed = seed;
  params.maxSuccess = cases;
  params.maxSize = max_size;
  rc::detail::TestMetadata meta;
  meta.id = name;
  meta.description = help;
  SilentListener quiet;
  auto result = rc::detail::checkProperty(rc::detail::toProperty([&] { body(); }), meta, params, quiet);
  rc::detail::SuccessResult ok;
  rc::detail::FailureResult fail;
  rc::detail::GaveUpResult gave_up;
  rc::detail::Error err;
  if (result.match(ok))
    return {RcResult::End::passed, ok.numSuccess, ""};
  if (result.match(fail))
    return {RcResult::End::failed, fail.numSuccess, fail.description};
  if (result.match(gave_up))
    return {RcResult::End::gave_up, gave_up.numSuccess, gave_up.description};
  result.match(err);
  return {RcResult::End::error, 0, err.description};
}

}  // namespace sc
