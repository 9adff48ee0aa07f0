// SPDX-License-Identifier: GPL-2.0-only
#include <cli/replay.h>

#include <api/page_frag_trace.h>
#include <props/page_frag_check.h>

#include <fstream>
#include <sstream>

namespace sc::cli {

int replay_trace_file(const std::string &path, std::ostream &out, std::ostream &err) {
  std::ifstream in(path);
  if (!in) {
    err << "splicecheck: cannot read trace file '" << path << "'\n";
    return 2;
  }
  std::stringstream text;
  text << in.rdbuf();
  std::string why;
  auto trace = alloc::parse_trace(text.str(), &why);
  if (!trace) {
    err << "splicecheck: " << path << ": " << why << "\n";
    return 2;
  }
  if (trace->bug && !bug_info(*trace->bug).covers(trace->profile)) {
    err << "splicecheck: " << path << ": bug " << bug_info(*trace->bug).name << " does not apply to profile "
        << profile_info(trace->profile).name << "\n";
    return 2;
  }
  const char *profile = profile_info(trace->profile).name;
  out << "replay: alloc/" << profile << (trace->bug ? std::string(" with ") + bug_info(*trace->bug).name : "") << ", "
      << trace->ops.size() << " ops, then teardown\n";

  alloc::PageFragModel gen(alloc::carving_rules(trace->profile), alloc::kMaxCpus);
  for (size_t i = 0; i < trace->ops.size(); i++)
    if (!gen.valid(trace->ops[i])) {
      err << "splicecheck: " << path << ": op " << i + 1 << " (" << alloc::format_op(trace->ops[i])
          << ") is not valid here (no such live fragment, or a request the contract leaves undefined)\n";
      return 2;
    } else {
      gen.apply(trace->ops[i]);
    }

  alloc::CheckSet all;
  all.set();
  std::optional<alloc::Finding> finding;
  {
    alloc::Differential diff(trace->profile, trace->bug, alloc::kMaxCpus, 2 * trace->ops.size() + 64);
    for (const auto &op : trace->ops)
      if ((finding = diff.step(op, all)))
        break;
    if (!finding)
      finding = diff.teardown(all);
    for (size_t i = 0; i < diff.executed().size(); i++) {
      const auto &obs = diff.observed()[i];
      const auto &mo = obs[0], &io = obs[1];
      out << "  " << i + 1 << " " << alloc::format_op(diff.executed()[i])
          << (i < trace->ops.size() ? "" : "  # teardown") << "\n      "
          << (mo == io ? alloc::format_obs(mo) : "model=" + alloc::format_obs(mo) + " impl=" + alloc::format_obs(io))
          << "\n";
    }
  }
  if (!finding) {
    out << "no check broke\nverdict: as expected\n";
    return 0;
  }
  out << "=== BUG FOUND: replay (alloc/" << profile << ")\n"
      << "check: " << alloc::check_name(finding->check) << ": " << alloc::check_help(finding->check) << "\n"
      << "first divergence at op " << finding->op_index << ": " << finding->divergence << "\n";
  std::optional<BugId> code_bug =
      trace->bug && bug_info(*trace->bug).kind == BugKind::mutant ? trace->bug : std::nullopt;
  bool explained = false;
  for (BugId id : bugs_in_effect(Component::alloc, trace->profile, code_bug))
    if (bug_info(id).identified_by(alloc::check_name(finding->check))) {
      out << "EXPECTED: " << bug_info(id).name << "\n";
      explained = true;
    }
  if (!explained)
    out << "UNEXPECTED: check " << alloc::check_name(finding->check) << " failed and no bug row in effect names it\n";
  out << "verdict: " << (explained ? "as expected" : "UNEXPECTED") << "\n";
  return explained ? 0 : 1;
}

}  // namespace sc::cli
