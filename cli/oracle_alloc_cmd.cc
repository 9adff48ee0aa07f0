// SPDX-License-Identifier: GPL-2.0-only
// `splicecheck oracle --component alloc`: allocator traces on a running kernel (the
// replayer module, oracle/kmod/), judged against the model at the kernel's profile and our
// mirror of it; disagreements and a --bug row's finding shrink on the kernel, one boot per
// round.
#include <cli/oracle_cmd.h>

#include <api/profiles.h>
#include <api/text_lines.h>
#include <oracle/alloc_judge.h>

#include <fstream>
#include <functional>
#include <map>
#include <sstream>

namespace sc::cli {
namespace {

constexpr int kBadInput = 2, kNoKernel = 77, kRunFailed = 4;
constexpr size_t kMaxShrinkJobs = 5;
constexpr int kMaxRounds = 40;

// Exit codes of a failed kernel run: a package that cannot be had is a CTest skip; the
// others name what failed (oracle/kmod/run).
int exit_code(oracle::BootStatus s) {
  switch (s) {
  case oracle::BootStatus::no_kernel: return kNoKernel;
  case oracle::BootStatus::usage: return kBadInput;
  case oracle::BootStatus::headers_mismatch: return 5;
  case oracle::BootStatus::build_failed: return 6;
  case oracle::BootStatus::load_failed: return 7;
  case oracle::BootStatus::ok:
  case oracle::BootStatus::failed: break;
  }
  return kRunFailed;
}

// A --file holds one or more traces, each opening with its "# splicecheck alloc" header.
std::optional<std::vector<alloc::Trace>> parse_traces(const std::string &text, std::string *why) {
  std::vector<std::string> chunks;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("# splicecheck ", 0) == 0 || chunks.empty())
      chunks.emplace_back();
    chunks.back() += line + "\n";
  }
  std::vector<alloc::Trace> out;
  for (size_t i = 0; i < chunks.size(); i++) {
    std::string what;
    auto t = alloc::parse_trace(chunks[i], &what);
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

using Runner = std::function<std::optional<oracle::KernelAllocRun>(const std::vector<alloc::Trace> &)>;
using StillBad = std::function<bool(const alloc::Trace &, const std::vector<oracle::KernelAllocOp> &)>;

struct ShrinkJob {
  alloc::Trace trace;
  StillBad still;
  std::string label;
};

// Greedy: each round boots every job's candidates once and keeps, per job, the shortest
// candidate that is still bad (the first of those). Returns the boots, or nullopt when one failed.
std::optional<int> shrink(std::vector<ShrinkJob> &jobs, const Runner &run, Profile profile) {
  int boots = 0;
  std::vector<bool> done(jobs.size(), false);
  for (int round = 0; round < kMaxRounds; round++) {
    std::vector<alloc::Trace> batch;
    std::vector<std::pair<size_t, size_t>> span(jobs.size());  // [first, end) in batch
    for (size_t j = 0; j < jobs.size(); j++) {
      auto cands = done[j] ? std::vector<alloc::Trace>{} : oracle::alloc_shrink_candidates(jobs[j].trace, profile);
      span[j] = {batch.size(), batch.size() + cands.size()};
      batch.insert(batch.end(), cands.begin(), cands.end());
      if (cands.empty())
        done[j] = true;
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
        if (jobs[j].still(batch[c], kr->traces[c]) && (!best || batch[c].ops.size() < batch[*best].ops.size()))
          best = c;
      if (best)
        jobs[j].trace = batch[*best];
      else
        done[j] = true;
    }
  }
  return boots;
}

Profile profile_of_kernel(const std::string &kernel) {
  // 6.12 still has the pre-series allocator in mm/page_alloc.c (only the align argument
  // changed); 7.2 ships the v6.13 refactor.
  return kernel == "7.2" ? Profile::v6_13 : Profile::pre_series;
}

}  // namespace

int oracle_alloc_command(const Options &o, std::ostream &out, std::ostream &err) {
  auto bad = [&](const std::string &what) {
    err << "splicecheck: " << what << "\n";
    return kBadInput;
  };
  for (const char *flag : {"property", "cases", "json", "source", "patches", "scenario", "device", "wire"})
    if (o.has(flag))
      return bad(std::string("'oracle --component alloc' takes --kernel, --modules, --headers, --profile, --bug, "
                             "--random, --seed, --file, --results and --save, not --") + flag);
  if (!o.has("kernel"))
    return bad("'oracle' needs --kernel 6.1|6.12|7.2|PATH-TO-BZIMAGE");
  bool named = o.kernel == "6.1" || o.kernel == "6.12" || o.kernel == "7.2";
  if (!named && !o.has("results") && (!o.has("modules") || !o.has("headers")))
    return bad("--kernel " + o.kernel + ": a kernel image needs --modules DIR and --headers DIR (for the module)");
  if (named && (o.has("modules") || o.has("headers")))
    return bad("--modules and --headers go with a kernel image path, not --kernel " + o.kernel);
  if (!o.has("random") && !o.has("file"))
    return bad("'oracle' needs traces: --file F, --random N, or both");
  if (o.has("seed") && !o.has("random"))
    return bad("--seed picks the --random traces; give --random N too");
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
  if (o.has("file")) {
    auto text = read_text_file(o.file, &why);
    if (!text)
      return bad("--file: " + why);
    auto parsed = parse_traces(*text, &why);
    if (!parsed)
      return bad(o.file + ": " + why);
    for (const auto &t : *parsed) {
      size_t d = 0;
      auto r = oracle::replayable(t, &d);
      dropped += d;
      r.profile = profile;
      if (!oracle::valid_for_model(r, profile, &why))
        return bad(o.file + ": trace " + std::to_string(traces.size() + 1) + ": " + why);
      traces.push_back(r);
    }
  }
  if (o.has("random")) {
    auto more = oracle::random_alloc_traces(seed_of(o), std::stoi(o.random), profile);
    traces.insert(traces.end(), more.begin(), more.end());
  }

  oracle::AllocKernelSpec spec{o.kernel, o.has("modules") ? o.modules : "", o.has("headers") ? o.headers : ""};
  int failure = 0;
  Runner runner = [&](const std::vector<alloc::Trace> &batch) -> std::optional<oracle::KernelAllocRun> {
    oracle::BootStatus status;
    std::string why;
    auto kr = oracle::boot_alloc(spec, batch, &status, &why);
    if (!kr) {
      err << "splicecheck: " << why << "\n";
      failure = status == oracle::BootStatus::ok ? kRunFailed : exit_code(status);
    } else if (kr->traces.size() != batch.size()) {
      err << "splicecheck: the kernel ran " << kr->traces.size() << " of " << batch.size() << " traces\n";
      failure = kRunFailed;
      return std::nullopt;
    }
    return kr;
  };
  std::optional<oracle::KernelAllocRun> kr;
  if (o.has("results")) {
    auto text = read_text_file(o.results, &why);
    if (!text)
      return bad("--results: " + why);
    kr = oracle::parse_alloc_output(*text, &why);
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
  out << "splicecheck oracle: alloc on kernel " << kr->release << " (--kernel " << o.kernel << "), profile "
      << profile_info(profile).name << (bug ? std::string(", looking for ") + bug_info(*bug).name : "") << ", "
      << traces.size() << " traces\n";
  if (dropped)
    out << "not replayable: " << dropped
        << " FailPages/FailAfter/Reserve op(s) skipped (a running kernel's page supply cannot be steered)\n";

  int model_bad = 0, impl_bad = 0, explained = 0, unexplained_findings = 0, boots = o.has("results") ? 0 : 1;
  std::map<std::string, int> findings;  // "check (rows)" -> traces
  std::vector<ShrinkJob> jobs;
  std::optional<size_t> bug_trace;
  for (size_t i = 0; i < traces.size(); i++) {
    auto v = oracle::judge_alloc(traces[i], kr->traces[i], profile);
    std::string name = "trace " + std::to_string(i + 1);
    // A side that disagrees is shown and shrunk on the kernel while it still disagrees.
    using Agrees = bool (*)(const oracle::AllocVerdict &);
    auto disagree = [&](const char *side, size_t op, const std::string &detail, Agrees agrees) {
      out << "DISAGREE " << side << ": " << name << " op " << op << ": " << oracle::trace_line(traces[i]) << "\n  "
          << detail << "\n";
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
      std::string rows;
      for (auto r : v.kernel_rows)
        rows += (rows.empty() ? "" : " ") + std::string(bug_info(r).name);
      findings[std::string(alloc::check_name(v.kernel->check)) + " (" + (rows.empty() ? "no row" : rows) + ")"]++;
      unexplained_findings += rows.empty();
      if (rows.empty())
        out << "UNEXPLAINED kernel: " << name << " op " << v.kernel->op << ": " << v.kernel->detail << "\n  "
            << oracle::trace_line(traces[i]) << "\n";
      if (bug && !bug_trace && bug_info(*bug).identified_by(alloc::check_name(v.kernel->check)))
        bug_trace = i;
    }
  }
  for (const auto &[what, n] : findings)
    out << "kernel breaks " << what << " in " << n << " trace(s)\n";
  if (jobs.size() > kMaxShrinkJobs)
    jobs.resize(kMaxShrinkJobs);
  if (bug && bug_trace) {
    BugId id = *bug;
    jobs.push_back({traces[*bug_trace],
                    [profile, id](const alloc::Trace &t, const std::vector<oracle::KernelAllocOp> &k) {
                      auto v = oracle::judge_alloc(t, k, profile);
                      return v.model_agrees() && v.kernel && bug_info(id).identified_by(alloc::check_name(v.kernel->check));
                    },
                    "kernel"});
  }
  if (!jobs.empty() && !o.has("results")) {
    auto runs = shrink(jobs, runner, profile);
    if (!runs) {
      err << "splicecheck: while shrinking on the kernel\n";
      return failure ? failure : kRunFailed;
    }
    boots += *runs;
    for (const auto &j : jobs) {
      out << "MINIMAL " << j.label << " (" << j.trace.ops.size() << " ops): " << oracle::trace_line(j.trace) << "\n";
      if (j.label == "kernel") {
        alloc::Trace shown = j.trace;
        shown.bug = bug;
        std::istringstream lines(alloc::format_trace(shown));
        for (std::string line; std::getline(lines, line);)
          out << "  " << line << "\n";
      }
    }
  }
  out << "summary: " << traces.size() << " traces on " << kr->release << "; the model disagrees on " << model_bad
      << ", the impl on " << impl_bad << " (" << explained << " more explained: init_on_alloc); "
      << unexplained_findings << " kernel finding(s) no row explains; " << boots << " kernel run(s)\n";
  if (bug) {
    bool found = bug_trace.has_value() && model_bad == 0 && impl_bad == 0;
    out << (found ? "EXPECTED: " : "MISSED: ") << bug_info(*bug).name << "\n";
    return found ? 0 : 1;
  }
  return model_bad == 0 && impl_bad == 0 && unexplained_findings == 0 ? 0 : 1;
}

}  // namespace sc::cli
