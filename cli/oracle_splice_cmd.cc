// SPDX-License-Identifier: GPL-2.0-only
// `splicecheck oracle --component splice`: splice traces on a running kernel (the
// replayer module oracle/kmod/splicecheck_splice.c), judged against the model (the
// contract) and our mirror at the kernel's profile (`newest`, 7.2: `v7.2`); disagreements and a --bug row's finding
// shrink on the kernel, one boot per round.
#include <cli/oracle_cmd.h>

#include <api/profiles.h>
#include <oracle/splice_judge.h>

#include <fstream>
#include <functional>
#include <map>
#include <sstream>

namespace sc::cli {
namespace {

constexpr int kBadInput = 2, kNoKernel = 77, kRunFailed = 4;
constexpr size_t kMaxShrinkJobs = 5;
constexpr int kMaxRounds = 40;

using KOps = std::vector<oracle::KernelSpliceOp>;
using Runner = std::function<std::optional<oracle::KernelSpliceRun>(const std::vector<splice::Trace> &)>;
using StillBad = std::function<bool(const splice::Trace &, const KOps &)>;

struct ShrinkJob {
  splice::Trace trace;
  StillBad still;
  std::string label;
};

// Each round boots every job's candidates once and keeps, per job, the shortest that is
// still bad. Returns the boots, or nullopt when one failed.
std::optional<int> shrink(std::vector<ShrinkJob> &jobs, const Runner &run, Profile profile) {
  int boots = 0;
  std::vector<bool> done(jobs.size(), false);
  for (int round = 0; round < kMaxRounds; round++) {
    std::vector<splice::Trace> batch;
    std::vector<std::pair<size_t, size_t>> span(jobs.size());
    for (size_t j = 0; j < jobs.size(); j++) {
      auto cands = done[j] ? std::vector<splice::Trace>{} : oracle::splice_shrink_candidates(jobs[j].trace, profile);
      span[j] = {batch.size(), batch.size() + cands.size()};
      batch.insert(batch.end(), cands.begin(), cands.end());
      done[j] = cands.empty();
    }
    if (batch.empty())
      break;
    auto kr = run(batch);
    boots++;
    if (!kr)
      return std::nullopt;
    for (size_t j = 0; j < jobs.size(); j++) {
      std::optional<size_t> best;
      for (size_t c = span[j].first; c < span[j].second; c++)
        if (jobs[j].still(batch[c], kr->traces[c]) &&
            (!best || std::pair(batch[c].ops.size(), oracle::splice_trace_weight(batch[c])) <
                          std::pair(batch[*best].ops.size(), oracle::splice_trace_weight(batch[*best]))))
          best = c;
      if (best)
        jobs[j].trace = batch[*best];
      else
        done[j] = true;
    }
  }
  return boots;
}

// A --file holds one or more traces, each opening with its "# splicecheck splice" header.
std::optional<std::vector<splice::Trace>> parse_traces(const std::string &text, std::string *why) {
  std::vector<std::string> chunks;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("# splicecheck ", 0) == 0 || chunks.empty())
      chunks.emplace_back();
    chunks.back() += line + "\n";
  }
  std::vector<splice::Trace> out;
  for (size_t i = 0; i < chunks.size(); i++) {
    std::string what;
    auto t = splice::parse_trace(chunks[i], &what);
    if (!t) {
      *why = "trace " + std::to_string(i + 1) + ": " + what;
      return std::nullopt;
    }
    out.push_back(*t);
  }
  if (out.empty())
    *why = "no trace in the file";
  return out.empty() ? std::nullopt : std::optional(out);
}

}  // namespace

int oracle_splice_command(const Options &o, std::ostream &out, std::ostream &err) {
  auto bad = [&](const std::string &what) {
    err << "splicecheck: " << what << "\n";
    return kBadInput;
  };
  for (const char *flag : {"property", "cases", "json", "source", "patches", "scenario", "device", "wire"})
    if (o.has(flag))
      return bad(std::string("'oracle --component splice' takes --kernel, --modules, --headers, --profile, --bug, "
                             "--random, --seed, --file, --results and --save, not --") +
                 flag);
  if (!o.has("kernel"))
    return bad("'oracle' needs --kernel 6.12|7.2|PATH-TO-BZIMAGE");
  bool named = o.kernel == "6.1" || o.kernel == "6.12" || o.kernel == "7.2";
  if (!named && !o.has("results") && (!o.has("modules") || !o.has("headers")))
    return bad("--kernel " + o.kernel + ": a kernel image needs --modules DIR and --headers DIR (for the module)");
  if (named && (o.has("modules") || o.has("headers")))
    return bad("--modules and --headers go with a kernel image path, not --kernel " + o.kernel);
  if (!o.has("random") && !o.has("file"))
    return bad("'oracle' needs traces: --file F, --random N, or both");
  if (o.has("seed") && !o.has("random"))
    return bad("--seed picks the --random traces; give --random N too");
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
  if (o.has("file")) {
    std::ifstream in(o.file);
    if (!in)
      return bad("cannot read trace file '" + o.file + "'");
    std::stringstream s;
    s << in.rdbuf();
    std::string why;
    auto parsed = parse_traces(s.str(), &why);
    if (!parsed)
      return bad(o.file + ": " + why);
    for (auto t : *parsed) {
      std::string where = o.file + ": trace " + std::to_string(traces.size() + 1) + ": ";
      if (!oracle::splice_replayable(t, &why))
        return bad(where + why);
      t.profile = profile;
      t.bug.reset();
      if (!oracle::splice_valid_for_model(t, profile, &why))
        return bad(where + why);
      traces.push_back(t);
    }
  }
  if (o.has("random")) {
    auto more = oracle::random_splice_traces(seed_of(o), std::stoi(o.random), profile);
    traces.insert(traces.end(), more.begin(), more.end());
  }
  // Checked after the input, so that bad input is exit 2 on any kernel.
  if (o.kernel == "6.1") {
    err << "splicecheck: 6.1 has no skb_splice_from_iter() (it came with MSG_SPLICE_PAGES in 6.5): "
           "nothing to replay splice traces on\n";
    return kNoKernel;
  }

  oracle::ModuleKernelSpec spec{o.kernel, o.has("modules") ? o.modules : "", o.has("headers") ? o.headers : ""};
  int failure = 0;
  Runner runner = [&](const std::vector<splice::Trace> &batch) -> std::optional<oracle::KernelSpliceRun> {
    oracle::BootStatus status;
    std::string why;
    auto kr = oracle::boot_splice(spec, batch, &status, &why);
    if (!kr) {
      err << "splicecheck: " << why << "\n";
      failure = status == oracle::BootStatus::no_kernel ? kNoKernel
                : status == oracle::BootStatus::usage   ? kBadInput
                : status == oracle::BootStatus::ok || status == oracle::BootStatus::failed
                    ? kRunFailed
                    : static_cast<int>(status);
    } else if (kr->traces.size() != batch.size()) {
      err << "splicecheck: the kernel ran " << kr->traces.size() << " of " << batch.size() << " traces\n";
      failure = kRunFailed;
      return std::nullopt;
    }
    return kr;
  };
  std::optional<oracle::KernelSpliceRun> kr;
  if (o.has("results")) {
    std::ifstream in(o.results);
    if (!in)
      return bad("cannot read --results file '" + o.results + "'");
    std::stringstream s;
    s << in.rdbuf();
    std::string why;
    kr = oracle::parse_splice_output(s.str(), &why);
    if (!kr)
      return bad(o.results + ": " + why);
    if (kr->traces.size() != traces.size())
      return bad(o.results + ": holds " + std::to_string(kr->traces.size()) + " traces, the run has " +
                 std::to_string(traces.size()));
  } else {
    kr = runner(traces);
    if (!kr)
      return failure;
  }
  if (o.has("save")) {
    std::ofstream save(o.save);
    save << kr->text;
    if (!save)
      return bad("cannot write --save file '" + o.save + "'");
  }
  out << "splicecheck oracle: splice on kernel " << kr->release << " (--kernel " << o.kernel << "), profile "
      << profile_info(profile).name << (bug ? std::string(", looking for ") + bug_info(*bug).name : "") << ", "
      << traces.size() << " traces\n";
  if (kr->max_skb_frags != splice::kMaxFrags)
    out << "note: this kernel's MAX_SKB_FRAGS is " << kr->max_skb_frags << ", the model's " << splice::kMaxFrags
        << "\n";

  int model_bad = 0, impl_bad = 0, boots = o.has("results") ? 0 : 1;
  std::map<std::string, int> findings;  // "check (rows)" -> traces
  std::vector<ShrinkJob> jobs;
  std::optional<size_t> bug_trace;
  for (size_t i = 0; i < traces.size(); i++) {
    auto v = oracle::judge_splice(traces[i], kr->traces[i], profile, mutant);
    std::string name = "trace " + std::to_string(i + 1);
    if (!v.model_agrees()) {
      model_bad++;
      out << "DISAGREE model: " << name << " op " << v.model_diff << ": " << oracle::splice_trace_line(traces[i])
          << "\n  " << v.model_detail << "\n";
      jobs.push_back({traces[i], [profile, mutant](const splice::Trace &t, const KOps &k) {
                        return !oracle::judge_splice(t, k, profile, mutant).model_agrees();
                      }, "model"});
    }
    if (!v.impl_agrees()) {
      if (mutant) {
        bug_trace = bug_trace ? bug_trace : i;
      } else {
        impl_bad++;
        out << "DISAGREE impl: " << name << " op " << v.impl_diff << ": " << oracle::splice_trace_line(traces[i])
            << "\n  " << v.impl_detail << "\n";
        jobs.push_back({traces[i], [profile](const splice::Trace &t, const KOps &k) {
                          return !oracle::judge_splice(t, k, profile, std::nullopt).impl_agrees();
                        }, "impl"});
      }
    }
    if (v.kernel) {
      std::string rows;
      for (auto r : v.kernel_rows)
        rows += (rows.empty() ? "" : " ") + std::string(bug_info(r).name);
      findings[std::string(splice::check_name(*v.kernel)) + " (" + rows + ")"]++;
      if (bug && !mutant && !bug_trace && bug_info(*bug).identified_by(splice::check_name(*v.kernel)))
        bug_trace = i;
    }
  }
  for (const auto &[what, n] : findings)
    out << "kernel breaks " << what << " in " << n << " trace(s)\n";
  if (jobs.size() > kMaxShrinkJobs)
    jobs.resize(kMaxShrinkJobs);
  if (bug && bug_trace) {
    BugId id = *bug;
    StillBad still = [profile, id, mutant](const splice::Trace &t, const KOps &k) {
      auto v = oracle::judge_splice(t, k, profile, mutant);
      if (mutant)
        return v.model_agrees() && !v.impl_agrees();
      return v.model_agrees() && v.kernel && bug_info(id).identified_by(splice::check_name(*v.kernel));
    };
    jobs.push_back({traces[*bug_trace], still, mutant ? "impl" : "kernel"});
  }
  if (!jobs.empty() && !o.has("results")) {
    auto runs = shrink(jobs, runner, profile);
    if (!runs) {
      err << "splicecheck: while shrinking on the kernel\n";
      return failure ? failure : kRunFailed;
    }
    boots += *runs;
    for (const auto &j : jobs) {
      out << "MINIMAL " << j.label << " (" << j.trace.ops.size() << " ops): " << oracle::splice_trace_line(j.trace)
          << "\n";
      splice::Trace shown = j.trace;
      shown.bug = bug;
      std::istringstream lines(splice::format_trace(shown));
      for (std::string line; std::getline(lines, line);)
        out << "  " << line << "\n";
    }
  }
  out << "summary: " << traces.size() << " traces on " << kr->release << "; the model disagrees on " << model_bad
      << ", the impl on " << impl_bad << "; " << boots << " kernel run(s)\n";
  if (bug) {
    bool found = bug_trace.has_value() && model_bad == 0 && impl_bad == 0;
    out << (found ? "EXPECTED: " : "MISSED: ") << bug_info(*bug).name << "\n";
    return found ? 0 : 1;
  }
  return model_bad == 0 && impl_bad == 0 ? 0 : 1;
}

}  // namespace sc::cli
