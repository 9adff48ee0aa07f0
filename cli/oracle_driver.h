// SPDX-License-Identifier: GPL-2.0-only
// What `oracle --component alloc|splice` share: the flags they take, a trace set from
// --file and --random, one kernel run (or its stored --results, --save'd on request), and
// the shrink-on-kernel loop that boots every job's candidates once a round. Each command
// (cli/oracle_alloc_cmd.cc, cli/oracle_splice_cmd.cc) states only its own parts: the
// profile, the --bug rows it takes, how a trace is judged and what its summary says.
#pragma once

#include <api/bugs.h>
#include <api/profiles.h>
#include <api/text_lines.h>
#include <cli/options.h>
#include <oracle/alloc_run.h>

#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace sc::cli::oracle_driver {

constexpr int kBadInput = 2, kNoKernel = 77, kRunFailed = 4;
constexpr size_t kMaxShrinkJobs = 5;
constexpr int kMaxRounds = 40;

// "splicecheck: <what>" on err; the bad-input exit code.
inline int bad_input(std::ostream &err, const std::string &what) {
  err << "splicecheck: " << what << "\n";
  return kBadInput;
}

// Exit codes of a failed kernel run: a package that cannot be had is a CTest skip; the
// others name what failed (oracle/kmod/run).
inline int exit_code(oracle::BootStatus s) {
  switch (s) {
  case oracle::BootStatus::no_kernel: return kNoKernel;
  case oracle::BootStatus::usage: return kBadInput;
  case oracle::BootStatus::headers_mismatch:
  case oracle::BootStatus::build_failed:
  case oracle::BootStatus::load_failed: return static_cast<int>(s);
  case oracle::BootStatus::ok:
  case oracle::BootStatus::failed: break;
  }
  return kRunFailed;
}

// The flags both commands refuse or need; the first complaint, or "" when there is none.
// `kernels` lists the named kernels the component runs on ("6.12|7.2").
inline std::string flag_complaint(const Options &o, const std::string &component, const std::string &kernels) {
  for (const char *flag : {"property", "cases", "json", "source", "patches", "scenario", "device", "wire"})
    if (o.has(flag))
      return "'oracle --component " + component + "' takes --kernel, --modules, --headers, --profile, --bug, " +
             "--random, --seed, --file, --results and --save, not --" + flag;
  if (!o.has("kernel"))
    return "'oracle' needs --kernel " + kernels + "|PATH-TO-BZIMAGE";
  bool named = o.kernel == "6.1" || o.kernel == "6.12" || o.kernel == "7.2";
  if (!named && !o.has("results") && (!o.has("modules") || !o.has("headers")))
    return "--kernel " + o.kernel + ": a kernel image needs --modules DIR and --headers DIR (for the module)";
  if (named && (o.has("modules") || o.has("headers")))
    return "--modules and --headers go with a kernel image path, not --kernel " + o.kernel;
  if (!o.has("random") && !o.has("file"))
    return "'oracle' needs traces: --file F, --random N, or both";
  if (o.has("seed") && !o.has("random"))
    return "--seed picks the --random traces; give --random N too";
  return "";
}

// How one component's traces reach a kernel and come back.
template <typename TraceT, typename RunT> struct Parts {
  using Trace = TraceT;
  using Run = RunT;
  using KernelOps = typename decltype(RunT::traces)::value_type;
  std::optional<Trace> (*parse)(std::string_view, std::string *);
  std::string (*format)(const Trace &);
  std::string (*line)(const Trace &);  // the one-line form shown with a verdict
  std::vector<Trace> (*random)(uint64_t seed, int count, Profile);
  std::vector<Trace> (*candidates)(const Trace &, Profile);
  bool (*smaller)(const Trace &, const Trace &);  // which of two still-bad candidates a round keeps
  std::optional<Run> (*boot)(const oracle::ModuleKernelSpec &, const std::vector<Trace> &, oracle::BootStatus *,
                             std::string *);
  std::optional<Run> (*parse_output)(const std::string &, std::string *);
};

// A --file holds one or more traces, each opening with its "# splicecheck <component>" header.
template <typename P>
std::optional<std::vector<typename P::Trace>> parse_traces(const P &parts, const std::string &text,
                                                           std::string *why) {
  std::vector<std::string> chunks;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("# splicecheck ", 0) == 0 || chunks.empty())
      chunks.emplace_back();
    chunks.back() += line + "\n";
  }
  std::vector<typename P::Trace> out;
  for (size_t i = 0; i < chunks.size(); i++) {
    std::string what;
    auto t = parts.parse(chunks[i], &what);
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

// The traces of --file (each made ready for this kernel by `ready`, false with *why when
// it cannot be) then --random's; "" or what is wrong with the input.
template <typename P>
std::string load_traces(const Options &o, const P &parts, Profile profile,
                        const std::function<bool(typename P::Trace &, std::string *)> &ready,
                        std::vector<typename P::Trace> *traces) {
  std::string why;
  if (o.has("file")) {
    auto text = read_text_file(o.file, &why);
    if (!text)
      return "--file: " + why;
    auto parsed = parse_traces(parts, *text, &why);
    if (!parsed)
      return o.file + ": " + why;
    for (auto t : *parsed) {
      if (!ready(t, &why))
        return o.file + ": trace " + std::to_string(traces->size() + 1) + ": " + why;
      traces->push_back(t);
    }
  }
  if (o.has("random")) {
    auto more = parts.random(seed_of(o), std::stoi(o.random), profile);
    traces->insert(traces->end(), more.begin(), more.end());
  }
  return "";
}

// Boots the kernel --kernel names on a batch; on failure says why on err and keeps the
// exit code in `failure`.
template <typename P> class Kernel {
public:
  Kernel(const Options &o, const P &parts, std::ostream &err)
      : parts_(parts), err_(err),
        spec_{o.kernel, o.has("modules") ? o.modules : "", o.has("headers") ? o.headers : ""} {}

  std::optional<typename P::Run> run(const std::vector<typename P::Trace> &batch) {
    oracle::BootStatus status;
    std::string why;
    auto kr = parts_.boot(spec_, batch, &status, &why);
    if (!kr) {
      err_ << "splicecheck: " << why << "\n";
      failure = exit_code(status);
    } else if (kr->traces.size() != batch.size()) {
      err_ << "splicecheck: the kernel ran " << kr->traces.size() << " of " << batch.size() << " traces\n";
      failure = kRunFailed;
      return std::nullopt;
    }
    return kr;
  }

  int failure = 0;

private:
  const P &parts_;
  std::ostream &err_;
  oracle::ModuleKernelSpec spec_;
};

// What the kernel did with `traces`: the stored --results, or one boot; --save keeps it.
// nullopt with *code when there is none, and *why when that is bad input ("" when the
// kernel run failed: it has said why on err).
template <typename P>
std::optional<typename P::Run> kernel_results(const Options &o, const P &parts,
                                              const std::vector<typename P::Trace> &traces, Kernel<P> &kernel,
                                              int *code, std::string *why) {
  std::optional<typename P::Run> kr;
  *code = kBadInput;
  why->clear();
  if (o.has("results")) {
    auto text = read_text_file(o.results, why);
    if (!text) {
      *why = "--results: " + *why;
      return std::nullopt;
    }
    kr = parts.parse_output(*text, why);
    if (!kr) {
      *why = o.results + ": " + *why;
      return std::nullopt;
    }
    if (kr->traces.size() != traces.size()) {
      *why = o.results + ": holds " + std::to_string(kr->traces.size()) + " traces, the run has " +
             std::to_string(traces.size());
      return std::nullopt;
    }
  } else {
    kr = kernel.run(traces);
    if (!kr) {
      *code = kernel.failure;
      return std::nullopt;
    }
  }
  if (o.has("save")) {
    std::ofstream save(o.save);
    save << kr->text;
    if (!save) {
      *why = "cannot write --save file '" + o.save + "'";
      return std::nullopt;
    }
  }
  return kr;
}

template <typename P> struct ShrinkJob {
  typename P::Trace trace;
  std::function<bool(const typename P::Trace &, const typename P::KernelOps &)> still;  // still bad on the kernel
  std::string label;
};

// Greedy: each round boots every job's candidates once and keeps, per job, the smallest
// candidate that is still bad (the first of those). Returns the boots, or nullopt when one failed.
template <typename P>
std::optional<int> shrink(const P &parts, std::vector<ShrinkJob<P>> &jobs, Kernel<P> &kernel, Profile profile) {
  int boots = 0;
  std::vector<bool> done(jobs.size(), false);
  for (int round = 0; round < kMaxRounds; round++) {
    std::vector<typename P::Trace> batch;
    std::vector<std::pair<size_t, size_t>> span(jobs.size());  // [first, end) in batch
    for (size_t j = 0; j < jobs.size(); j++) {
      auto cands = done[j] ? std::vector<typename P::Trace>{} : parts.candidates(jobs[j].trace, profile);
      span[j] = {batch.size(), batch.size() + cands.size()};
      batch.insert(batch.end(), cands.begin(), cands.end());
      done[j] = cands.empty();
    }
    if (batch.empty())
      break;
    auto kr = kernel.run(batch);
    boots++;
    if (!kr)
      return std::nullopt;
    for (size_t j = 0; j < jobs.size(); j++) {
      std::optional<size_t> best;
      for (size_t c = span[j].first; c < span[j].second; c++)
        if (jobs[j].still(batch[c], kr->traces[c]) && (!best || parts.smaller(batch[c], batch[*best])))
          best = c;
      if (best)
        jobs[j].trace = batch[*best];
      else
        done[j] = true;
    }
  }
  return boots;
}

// The disagreement jobs (the first kMaxShrinkJobs) and the --bug row's, shrunk on the
// kernel and shown; `full` says whose trace is shown whole, in its text form (with `bug`).
// Adds the boots to *boots; 0, or the exit code of a failed run.
template <typename P>
int shrink_and_show(const P &parts, std::vector<ShrinkJob<P>> jobs, std::optional<ShrinkJob<P>> bug_job,
                    Kernel<P> &kernel, Profile profile, std::optional<BugId> bug,
                    const std::function<bool(const std::string &label)> &full, std::ostream &out, std::ostream &err,
                    int *boots) {
  if (jobs.size() > kMaxShrinkJobs)
    jobs.resize(kMaxShrinkJobs);
  if (bug_job)
    jobs.push_back(*bug_job);
  if (jobs.empty())
    return 0;
  auto runs = shrink(parts, jobs, kernel, profile);
  if (!runs) {
    err << "splicecheck: while shrinking on the kernel\n";
    return kernel.failure ? kernel.failure : kRunFailed;
  }
  *boots += *runs;
  for (const auto &j : jobs) {
    out << "MINIMAL " << j.label << " (" << j.trace.ops.size() << " ops): " << parts.line(j.trace) << "\n";
    if (!full(j.label))
      continue;
    auto shown = j.trace;
    shown.bug = bug;
    std::istringstream lines(parts.format(shown));
    for (std::string line; std::getline(lines, line);)
      out << "  " << line << "\n";
  }
  return 0;
}

// "DISAGREE <side>: trace N op K: <trace>\n  <detail>".
inline void show_disagreement(std::ostream &out, const char *side, size_t trace, size_t op, const std::string &line,
                              const std::string &detail) {
  out << "DISAGREE " << side << ": trace " << trace << " op " << op << ": " << line << "\n  " << detail << "\n";
}

// "row row ..." ("" for none).
inline std::string row_names(const std::vector<BugId> &rows) {
  std::string out;
  for (auto r : rows)
    out += (out.empty() ? "" : " ") + std::string(bug_info(r).name);
  return out;
}

// "kernel breaks <check> (<rows>) in N trace(s)", one line a finding.
inline void show_findings(std::ostream &out, const std::map<std::string, int> &findings) {
  for (const auto &[what, n] : findings)
    out << "kernel breaks " << what << " in " << n << " trace(s)\n";
}

// "splicecheck oracle: <component> on kernel R (--kernel K), profile P[, looking for ROW], N traces".
inline void show_run(std::ostream &out, const char *component, const std::string &release, const Options &o,
                     Profile profile, std::optional<BugId> bug, size_t traces) {
  out << "splicecheck oracle: " << component << " on kernel " << release << " (--kernel " << o.kernel
      << "), profile " << profile_info(profile).name << (bug ? std::string(", looking for ") + bug_info(*bug).name : "")
      << ", " << traces << " traces\n";
}

// The exit status: with --bug, whether its finding showed while both sides agreed
// (printed EXPECTED or MISSED); else whether the run was clean.
inline int verdict(std::ostream &out, std::optional<BugId> bug, bool bug_seen, bool agreed, bool clean) {
  if (!bug)
    return clean ? 0 : 1;
  bool found = bug_seen && agreed;
  out << (found ? "EXPECTED: " : "MISSED: ") << bug_info(*bug).name << "\n";
  return found ? 0 : 1;
}

}  // namespace sc::cli::oracle_driver
