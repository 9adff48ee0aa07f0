// SPDX-License-Identifier: GPL-2.0-only
#include <cli/replay.h>

#include <api/page_frag_trace.h>
#include <api/splice_trace.h>
#include <props/page_frag_check.h>
#include <props/splice_check.h>
#include <props/splice_props.h>

#include <fstream>
#include <sstream>

namespace sc::cli {
namespace {

// What replay needs of a component, so one loop serves them all.
struct AllocTraits {
  static constexpr Component component = Component::alloc;
  using Trace = alloc::Trace;
  static std::optional<Trace> parse(const std::string &text, std::string *why) { return alloc::parse_trace(text, why); }
  // Index of the first op the contract leaves undefined here, if any.
  static std::optional<size_t> first_invalid(const Trace &t) {
    alloc::PageFragModel gen(alloc::carving_rules(t.profile), alloc::kMaxCpus);
    for (size_t i = 0; i < t.ops.size(); i++) {
      if (!gen.valid(t.ops[i]))
        return i;
      gen.apply(t.ops[i]);
    }
    return std::nullopt;
  }
  static auto differential(const Trace &t) {
    return std::make_unique<alloc::Differential>(t.profile, t.bug, alloc::kMaxCpus, 2 * t.ops.size() + 64);
  }
  static std::string obs_line(const std::vector<alloc::Obs> &obs) {
    return obs[0] == obs[1] ? alloc::format_obs(obs[0])
                            : "model=" + alloc::format_obs(obs[0]) + " impl=" + alloc::format_obs(obs[1]);
  }
  static const char *check_name(alloc::Check c) { return alloc::check_name(c); }
  static const char *check_help(alloc::Check c) { return alloc::check_help(c); }
  static std::string format_op(const alloc::Op &op) { return alloc::format_op(op); }
  using CheckSet = alloc::CheckSet;
};

struct SpliceTraits {
  static constexpr Component component = Component::splice;
  using Trace = splice::Trace;
  static std::optional<Trace> parse(const std::string &text, std::string *why) { return splice::parse_trace(text, why); }
  static std::optional<size_t> first_invalid(const Trace &t) {
    splice::SpliceModel gen(t.profile);
    uint64_t blocks = 0;
    for (size_t i = 0; i < t.ops.size(); i++) {
      if (!gen.valid(t.ops[i]))
        return i;
      gen.apply(t.ops[i], splice::shape_of(t.ops[i], &blocks));
    }
    return std::nullopt;
  }
  static auto differential(const Trace &t) {
    return std::make_unique<splice::Differential>(t.profile, t.bug, t.ops.size() + 1);
  }
  static std::string obs_line(const std::pair<splice::Obs, splice::Obs> &obs) {
    return obs.first == obs.second ? splice::format_obs(obs.first)
                                   : "model=" + splice::format_obs(obs.first) + "\n      impl= " +
                                         splice::format_obs(obs.second);
  }
  static const char *check_name(splice::Check c) { return splice::check_name(c); }
  static const char *check_help(splice::Check c) { return splice::check_help(c); }
  static std::string format_op(const splice::Op &op) { return splice::format_op(op); }
  using CheckSet = splice::CheckSet;
};

template <typename T> int replay(const std::string &path, const std::string &text, std::ostream &out, std::ostream &err) {
  std::string why;
  auto trace = T::parse(text, &why);
  if (!trace) {
    err << "splicecheck: " << path << ": " << why << "\n";
    return 2;
  }
  if (trace->bug && !bug_info(*trace->bug).covers(trace->profile)) {
    err << "splicecheck: " << path << ": bug " << bug_info(*trace->bug).name << " does not apply to profile "
        << profile_info(trace->profile).name << "\n";
    return 2;
  }
  if (auto bad = T::first_invalid(*trace)) {
    err << "splicecheck: " << path << ": op " << *bad + 1 << " (" << T::format_op(trace->ops[*bad])
        << ") is not valid here (nothing it could act on, or a request the contract leaves undefined)\n";
    return 2;
  }
  std::string name = std::string(component_name(T::component)) + "/" + profile_info(trace->profile).name;
  out << "replay: " << name << (trace->bug ? std::string(" with ") + bug_info(*trace->bug).name : "") << ", "
      << trace->ops.size() << " ops, then teardown\n";
  typename T::CheckSet all;
  all.set();
  decltype(std::declval<decltype(*T::differential(*trace))>().step(trace->ops[0], all)) finding;
  {
    auto diff = T::differential(*trace);
    for (const auto &op : trace->ops)
      if ((finding = diff->step(op, all)))
        break;
    if (!finding)
      finding = diff->teardown(all);
    for (size_t i = 0; i < diff->executed().size(); i++)
      out << "  " << i + 1 << " " << T::format_op(diff->executed()[i]) << (i < trace->ops.size() ? "" : "  # teardown")
          << "\n      " << T::obs_line(diff->observed()[i]) << "\n";
  }
  if (!finding) {
    out << "no check broke\nverdict: as expected\n";
    return 0;
  }
  out << "=== BUG FOUND: replay (" << name << ")\n"
      << "check: " << T::check_name(finding->check) << ": " << T::check_help(finding->check) << "\n"
      << "first divergence at op " << finding->op_index << ": " << finding->divergence << "\n";
  std::optional<BugId> code_bug =
      trace->bug && bug_info(*trace->bug).kind == BugKind::mutant ? trace->bug : std::nullopt;
  bool explained = false;
  for (BugId id : bugs_in_effect(T::component, trace->profile, code_bug))
    if (bug_info(id).identified_by(T::check_name(finding->check))) {
      out << "EXPECTED: " << bug_info(id).name << "\n";
      explained = true;
    }
  if (!explained)
    out << "UNEXPECTED: check " << T::check_name(finding->check) << " failed and no bug row in effect names it\n";
  out << "verdict: " << (explained ? "as expected" : "UNEXPECTED") << "\n";
  return explained ? 0 : 1;
}

}  // namespace

int replay_trace_file(const std::string &path, std::ostream &out, std::ostream &err) {
  std::ifstream in(path);
  if (!in) {
    err << "splicecheck: cannot read trace file '" << path << "'\n";
    return 2;
  }
  std::stringstream text;
  text << in.rdbuf();
  // The header names the component: "# splicecheck <component> ...".
  std::istringstream header(text.str().substr(0, text.str().find('\n')));
  std::string hash, tool, component;
  header >> hash >> tool >> component;
  if (component == "splice")
    return replay<SpliceTraits>(path, text.str(), out, err);
  return replay<AllocTraits>(path, text.str(), out, err);
}

}  // namespace sc::cli
