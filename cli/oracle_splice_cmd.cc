// SPDX-License-Identifier: GPL-2.0-only
// `splicecheck oracle --component splice`: splice traces on a running kernel (the
// replayer module oracle/kmod/splicecheck_splice.c), judged against the model (the
// contract) and our mirror at the kernel's profile (`newest`; 7.2: `v7.2`); disagreements
// and a --bug row's finding shrink on the kernel, one boot per round (cli/oracle_driver.h).
#include <cli/oracle_cmd.h>
#include <cli/oracle_driver.h>

#include <oracle/splice_judge.h>

#include <map>

namespace sc::cli {
namespace {

using namespace oracle_driver;
using KOps = std::vector<oracle::KernelSpliceOp>;

// Of two still-bad candidates, fewer ops first, then the lighter (oracle::splice_trace_weight).
bool smaller(const splice::Trace &a, const splice::Trace &b) {
  return std::pair(a.ops.size(), oracle::splice_trace_weight(a)) < std::pair(b.ops.size(), oracle::splice_trace_weight(b));
}

const Parts<splice::Trace, oracle::KernelSpliceRun> kSplice{
    splice::parse_trace, splice::format_trace, oracle::splice_trace_line, oracle::random_splice_traces,
    oracle::splice_shrink_candidates, smaller, oracle::boot_splice, oracle::parse_splice_output};
using Job = ShrinkJob<std::remove_const_t<decltype(kSplice)>>;

}  // namespace

int oracle_splice_command(const Options &o, std::ostream &out, std::ostream &err) {
  auto bad = [&](const std::string &what) { return bad_input(err, what); };
  if (auto complaint = flag_complaint(o, "splice", "6.12|7.2"); !complaint.empty())
    return bad(complaint);
  // What the kernel ships (docs/splice.md): 7.2's lib/iov_iter.c extracts bvec pages its own way.
  Profile profile = o.kernel == "7.2" ? Profile::splice_v7_2 : Profile::splice_newest;
  if (o.has("profile")) {
    auto p = parse_profile(Component::splice, o.profile);
    if (!p)
      return bad("unknown splice profile '" + o.profile + "'");
    profile = *p;
  }
  std::optional<BugId> bug, mutant;
  if (o.has("bug")) {
    bug = parse_bug(o.bug);
    if (!bug)
      return bad("unknown bug id '" + o.bug + "' (see 'splicecheck bugs')");
    const auto &b = bug_info(*bug);
    if (b.component != Component::splice || (b.kind != BugKind::profile && b.kind != BugKind::mutant))
      return bad("--bug " + o.bug + ": the splice oracle looks for splice rows (a kernel's code, or a mutant)");
    if (!b.covers(profile))
      return bad("bug " + o.bug + " is not in profile " + profile_info(profile).name);
    if (b.kind == BugKind::mutant)
      mutant = bug;
  }

  std::vector<splice::Trace> traces;
  auto ready = [&](splice::Trace &t, std::string *why) {
    if (!oracle::splice_replayable(t, why))
      return false;
    t.profile = profile;
    t.bug.reset();
    return oracle::splice_valid_for_model(t, profile, why);
  };
  if (auto wrong = load_traces(o, kSplice, profile, ready, &traces); !wrong.empty())
    return bad(wrong);
  // Checked after the input, so that bad input is exit 2 on any kernel.
  if (o.kernel == "6.1") {
    err << "splicecheck: 6.1 has no skb_splice_from_iter() (it came with MSG_SPLICE_PAGES in 6.5): "
           "nothing to replay splice traces on\n";
    return kNoKernel;
  }

  Kernel kernel(o, kSplice, err);
  int code = 0;
  std::string why;
  auto kr = kernel_results(o, kSplice, traces, kernel, &code, &why);
  if (!kr)
    return why.empty() ? code : bad(why);
  show_run(out, "splice", kr->release, o, profile, bug, traces.size());
  if (kr->max_skb_frags != splice::kMaxFrags)
    out << "note: this kernel's MAX_SKB_FRAGS is " << kr->max_skb_frags << ", the model's " << splice::kMaxFrags
        << "\n";

  int model_bad = 0, impl_bad = 0, boots = o.has("results") ? 0 : 1;
  std::map<std::string, int> findings;  // "check (rows)" -> traces
  std::vector<Job> jobs;
  std::optional<size_t> bug_trace;
  for (size_t i = 0; i < traces.size(); i++) {
    auto v = oracle::judge_splice(traces[i], kr->traces[i], profile, mutant);
    if (!v.model_agrees()) {
      model_bad++;
      show_disagreement(out, "model", i + 1, v.model_diff, oracle::splice_trace_line(traces[i]), v.model_detail);
      jobs.push_back({traces[i], [profile, mutant](const splice::Trace &t, const KOps &k) {
                        return !oracle::judge_splice(t, k, profile, mutant).model_agrees();
                      }, "model"});
    }
    if (!v.impl_agrees() && mutant) {
      bug_trace = bug_trace ? bug_trace : i;
    } else if (!v.impl_agrees()) {
      impl_bad++;
      show_disagreement(out, "impl", i + 1, v.impl_diff, oracle::splice_trace_line(traces[i]), v.impl_detail);
      jobs.push_back({traces[i], [profile](const splice::Trace &t, const KOps &k) {
                        return !oracle::judge_splice(t, k, profile, std::nullopt).impl_agrees();
                      }, "impl"});
    }
    if (v.kernel) {
      findings[std::string(splice::check_name(*v.kernel)) + " (" + row_names(v.kernel_rows) + ")"]++;
      if (bug && !mutant && !bug_trace && bug_info(*bug).identified_by(splice::check_name(*v.kernel)))
        bug_trace = i;
    }
  }
  show_findings(out, findings);
  std::optional<Job> bug_job;
  if (bug && bug_trace) {
    BugId id = *bug;
    auto still = [profile, id, mutant](const splice::Trace &t, const KOps &k) {
      auto v = oracle::judge_splice(t, k, profile, mutant);
      if (mutant)
        return v.model_agrees() && !v.impl_agrees();
      return v.model_agrees() && v.kernel && bug_info(id).identified_by(splice::check_name(*v.kernel));
    };
    bug_job = Job{traces[*bug_trace], still, mutant ? "impl" : "kernel"};
  }
  if (!o.has("results")) {
    auto every_job = [](const std::string &) { return true; };
    if (int failed = shrink_and_show(kSplice, jobs, bug_job, kernel, profile, bug, every_job, out, err, &boots))
      return failed;
  }
  out << "summary: " << traces.size() << " traces on " << kr->release << "; the model disagrees on " << model_bad
      << ", the impl on " << impl_bad << "; " << boots << " kernel run(s)\n";
  return verdict(out, bug, bug_trace.has_value(), model_bad == 0 && impl_bad == 0, model_bad == 0 && impl_bad == 0);
}

}  // namespace sc::cli
