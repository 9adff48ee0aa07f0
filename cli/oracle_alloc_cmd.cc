// SPDX-License-Identifier: GPL-2.0-only
// `splicecheck oracle --component alloc`: allocator traces on a running kernel (the
// replayer module, oracle/kmod/), judged against the model at the kernel's profile and our
// mirror of it; disagreements and a --bug row's finding shrink on the kernel, one boot per
// round (cli/oracle_driver.h).
#include <cli/oracle_cmd.h>
#include <cli/oracle_driver.h>

#include <oracle/alloc_judge.h>

#include <map>

namespace sc::cli {
namespace {

using namespace oracle_driver;

const Parts<alloc::Trace, oracle::KernelAllocRun> kAlloc{
    alloc::parse_trace, alloc::format_trace, oracle::trace_line, oracle::random_alloc_traces,
    oracle::alloc_shrink_candidates, [](const alloc::Trace &a, const alloc::Trace &b) { return a.ops.size() < b.ops.size(); },
    oracle::boot_alloc, oracle::parse_alloc_output};
using Job = ShrinkJob<std::remove_const_t<decltype(kAlloc)>>;

Profile profile_of_kernel(const std::string &kernel) {
  // 6.12 still has the pre-series allocator in mm/page_alloc.c (only the align argument
  // changed); 7.2 ships the v6.13 refactor.
  return kernel == "7.2" ? Profile::v6_13 : Profile::pre_series;
}

}  // namespace

int oracle_alloc_command(const Options &o, std::ostream &out, std::ostream &err) {
  auto bad = [&](const std::string &what) { return bad_input(err, what); };
  if (auto complaint = flag_complaint(o, "alloc", "6.1|6.12|7.2"); !complaint.empty())
    return bad(complaint);
  bool named = o.kernel == "6.1" || o.kernel == "6.12" || o.kernel == "7.2";
  if (!named && !o.has("profile"))
    return bad("--kernel " + o.kernel + ": say which allocator profile it ships with --profile");
  Profile profile = profile_of_kernel(o.kernel);
  if (o.has("profile")) {
    auto p = parse_profile(Component::alloc, o.profile);
    if (!p)
      return bad("unknown alloc profile '" + o.profile + "'");
    profile = *p;
  }
  std::string why;
  auto bug = oracle_bug(o, Component::alloc, BugKind::profile,
                        "the allocator oracle looks for rows that live in a kernel's code (kind profile)", profile,
                        std::string(profile_info(profile).name) + " (--kernel " + o.kernel + ")", &why);
  if (!why.empty())
    return bad(why);

  std::vector<alloc::Trace> traces;
  size_t dropped = 0;
  auto ready = [&](alloc::Trace &t, std::string *what) {
    size_t d = 0;
    t = oracle::replayable(t, &d);
    dropped += d;
    t.profile = profile;
    return oracle::valid_for_model(t, profile, what);
  };
  if (auto wrong = load_traces(o, kAlloc, profile, ready, &traces); !wrong.empty())
    return bad(wrong);

  Kernel kernel(o, kAlloc, err);
  int code = 0;
  auto kr = kernel_results(o, kAlloc, traces, kernel, &code, &why);
  if (!kr)
    return why.empty() ? code : bad(why);
  show_run(out, "alloc", kr->release, o, profile, bug, traces.size());
  if (dropped)
    out << "not replayable: " << dropped
        << " FailPages/FailAfter/Reserve op(s) skipped (a running kernel's page supply cannot be steered)\n";

  int model_bad = 0, impl_bad = 0, explained = 0, unexplained_findings = 0, boots = o.has("results") ? 0 : 1;
  std::map<std::string, int> findings;  // "check (rows)" -> traces
  std::vector<Job> jobs;
  std::optional<size_t> bug_trace;
  for (size_t i = 0; i < traces.size(); i++) {
    auto v = oracle::judge_alloc(traces[i], kr->traces[i], profile);
    // A side that disagrees is shown and shrunk on the kernel while it still disagrees.
    using Agrees = bool (*)(const oracle::AllocVerdict &);
    auto disagree = [&](const char *side, size_t op, const std::string &detail, Agrees agrees) {
      show_disagreement(out, side, i + 1, op, oracle::trace_line(traces[i]), detail);
      jobs.push_back({traces[i], [profile, agrees](const alloc::Trace &t, const std::vector<oracle::KernelAllocOp> &k) {
                        return !agrees(oracle::judge_alloc(t, k, profile));
                      }, side});
    };
    if (!v.model_agrees()) {
      model_bad++;
      disagree("model", v.model_diff, v.model_detail, [](const oracle::AllocVerdict &x) { return x.model_agrees(); });
    }
    if (!v.impl_agrees()) {
      impl_bad++;
      disagree("impl", v.impl_diff, v.impl_detail, [](const oracle::AllocVerdict &x) { return x.impl_agrees(); });
    }
    explained += !v.impl_explained.empty();
    if (v.kernel && v.model_agrees()) {
      std::string rows = row_names(v.kernel_rows);
      findings[std::string(alloc::check_name(v.kernel->check)) + " (" + (rows.empty() ? "no row" : rows) + ")"]++;
      unexplained_findings += rows.empty();
      if (rows.empty())
        out << "UNEXPLAINED kernel: trace " << i + 1 << " op " << v.kernel->op << ": " << v.kernel->detail << "\n  "
            << oracle::trace_line(traces[i]) << "\n";
      if (bug && !bug_trace && bug_info(*bug).identified_by(alloc::check_name(v.kernel->check)))
        bug_trace = i;
    }
  }
  show_findings(out, findings);
  std::optional<Job> bug_job;
  if (bug && bug_trace) {
    BugId id = *bug;
    bug_job = Job{traces[*bug_trace],
                  [profile, id](const alloc::Trace &t, const std::vector<oracle::KernelAllocOp> &k) {
                    auto v = oracle::judge_alloc(t, k, profile);
                    return v.model_agrees() && v.kernel && bug_info(id).identified_by(alloc::check_name(v.kernel->check));
                  },
                  "kernel"};
  }
  if (!o.has("results")) {
    auto only_the_row = [](const std::string &label) { return label == "kernel"; };
    if (int failed = shrink_and_show(kAlloc, jobs, bug_job, kernel, profile, bug, only_the_row, out, err, &boots))
      return failed;
  }
  out << "summary: " << traces.size() << " traces on " << kr->release << "; the model disagrees on " << model_bad
      << ", the impl on " << impl_bad << " (" << explained << " more explained: init_on_alloc); "
      << unexplained_findings << " kernel finding(s) no row explains; " << boots << " kernel run(s)\n";
  return verdict(out, bug, bug_trace.has_value(), model_bad == 0 && impl_bad == 0,
                 model_bad == 0 && impl_bad == 0 && unexplained_findings == 0);
}

}  // namespace sc::cli
