// SPDX-License-Identifier: GPL-2.0-only
#include <props/trace_check.h>

#include <api/codec.h>
#include <api/page_frag_trace.h>
#include <api/splice_trace.h>
#include <api/tls_trace.h>
#include <impl/net/tls/tls_aead.h>
#include <impl/tls_impl.h>
#include <model/tls_model.h>
#include <props/page_frag_check.h>
#include <props/splice_check.h>
#include <props/splice_props.h>
#include <props/tls_check.h>

#include <sstream>

namespace sc {
namespace {

// Runs ops then the teardown through a differential with every check on; the listing
// gets each executed op (format_op) and what it showed (shown(i)).
template <typename CheckSet, typename Diff, typename Ops, typename FormatOp, typename Shown>
auto run_steps(Diff &diff, const Ops &ops, std::ostream *listing, FormatOp format_op, Shown shown) {
  CheckSet all;
  all.set();
  decltype(diff.teardown(all)) f;
  for (const auto &op : ops)
    if ((f = diff.step(op, all)))
      break;
  if (!f)
    f = diff.teardown(all);
  if (listing)
    for (size_t i = 0; i < diff.executed().size(); i++)
      *listing << "  " << i + 1 << " " << format_op(diff.executed()[i]) << (i < ops.size() ? "" : "  # teardown")
               << "\n      " << shown(i) << "\n";
  return f;
}

// What every component's traits state the same way: its harness, trace and finding, the
// trace's text form and its checks' names.
template <Harness H, typename TraceT, typename FindingT, auto Parse, auto Format, auto CheckName, auto CheckHelp>
struct TraitsBase {
  static constexpr Harness harness = H;
  using Trace = TraceT;
  using Finding = FindingT;
  using Check = decltype(FindingT::check);
  static std::optional<Trace> parse(std::string_view text, std::string *why) { return Parse(text, why); }
  static std::string format(const Trace &t) { return Format(t); }
  static const char *check_name(Check c) { return CheckName(c); }
  static const char *check_help(Check c) { return CheckHelp(c); }
};

// A trace that is a list of ops, encoded op by op (api/codec.h).
template <Harness H, typename TraceT, typename FindingT, auto Parse, auto Format, auto CheckName, auto CheckHelp,
          auto FormatOp, auto EncodeOps>
struct OpListTraits : TraitsBase<H, TraceT, FindingT, Parse, Format, CheckName, CheckHelp> {
  static bool encode(const TraceT &t, ByteWriter &w, std::string *why) { return EncodeOps(t.ops, w, why); }
  static std::string op_text(const TraceT &t, size_t i) { return FormatOp(t.ops[i]); }
  static auto &ops(TraceT &t) { return t.ops; }
  static size_t size(const TraceT &t) { return t.ops.size(); }
  // The first op `step` (valid in the generator's state, then applied) refuses.
  template <typename Step> static std::optional<size_t> first_refused(const TraceT &t, Step step) {
    for (size_t i = 0; i < t.ops.size(); i++)
      if (!step(t.ops[i]))
        return i;
    return std::nullopt;
  }
};

// What one component brings: its trace, how bytes become a valid one, how it runs.
struct AllocTraits
    : OpListTraits<Harness::alloc, alloc::Trace, alloc::Finding, alloc::parse_trace, alloc::format_trace,
                   alloc::check_name, alloc::check_help, alloc::format_op, alloc::encode_ops> {
  static Trace decode(const Target &target, ByteReader &in) {
    Trace t{target.profile, target.bug, {}};
    alloc::PageFragModel gen(alloc::carving_rules(t.profile), alloc::kMaxCpus);
    for (auto op : alloc::decode_ops(in)) {
      auto pick_live = [&](uint32_t &idx) {
        if (gen.live_count() == 0)
          return false;
        idx %= static_cast<uint32_t>(gen.live_count());
        return true;
      };
      if (auto *f = std::get_if<alloc::Free>(&op); f && !pick_live(f->idx))
        continue;
      if (auto *d = std::get_if<alloc::Dirty>(&op); d && !pick_live(d->idx))
        continue;
      if (!gen.valid(op))
        continue;
      gen.apply(op);
      t.ops.push_back(op);
    }
    return t;
  }
  static std::optional<size_t> first_invalid(const Trace &t) {
    alloc::PageFragModel gen(alloc::carving_rules(t.profile), alloc::kMaxCpus);
    return first_refused(t, [&gen](const alloc::Op &op) { return gen.valid(op) && (gen.apply(op), true); });
  }
  // Runs every op then the teardown; listing (if given) gets each op and what it showed.
  static std::optional<Finding> run(const Trace &t, std::ostream *listing, const Target *src) {
    alloc::Subject subject{t.profile, !src || src->mirror, src ? src->external.get() : nullptr};
    alloc::Differential diff(subject, t.bug, alloc::kMaxCpus, t.ops.size());
    return run_steps<alloc::CheckSet>(diff, t.ops, listing, alloc::format_op, [&](size_t i) {
      const auto &obs = diff.observed()[i];
      auto labels = diff.labels();
      std::string sides = "model=" + alloc::format_obs(obs[0]);
      bool same = true;
      for (size_t s = 1; s < obs.size(); s++) {
        sides += " " + labels[s - 1] + "=" + alloc::format_obs(obs[s]);
        same = same && obs[s] == obs[0];
      }
      return same ? alloc::format_obs(obs[0]) : sides;
    });
  }
};

struct SpliceTraits
    : OpListTraits<Harness::splice, splice::Trace, splice::Finding, splice::parse_trace, splice::format_trace,
                   splice::check_name, splice::check_help, splice::format_op, splice::encode_ops> {
  static Trace decode(const Target &target, ByteReader &in) {
    Trace t{target.profile, target.bug, {}};
    splice::SpliceModel gen(t.profile);
    uint64_t blocks = 0;
    for (const auto &op : splice::decode_ops(in)) {
      if (!gen.valid(op))
        continue;
      gen.apply(op, splice::shape_of(op, &blocks));
      t.ops.push_back(op);
    }
    return t;
  }
  static std::optional<size_t> first_invalid(const Trace &t) {
    splice::SpliceModel gen(t.profile);
    uint64_t blocks = 0;
    auto step = [&](const splice::Op &op) { return gen.valid(op) && (gen.apply(op, splice::shape_of(op, &blocks)), true); };
    return first_refused(t, step);
  }
  static std::optional<Finding> run(const Trace &t, std::ostream *listing, const Target *src) {
    splice::Subject subject{t.profile, !src || src->mirror, src ? src->splice_code : nullptr,
                            src ? src->splice_name : ""};
    splice::Differential diff(subject, t.bug, t.ops.size() + 1);
    return run_steps<splice::CheckSet>(diff, t.ops, listing, splice::format_op, [&](size_t i) {
      const auto &[m, s] = diff.observed()[i];
      return m == s ? splice::format_obs(m) : "model=" + splice::format_obs(m) + "\n      impl= " + splice::format_obs(s);
    });
  }
};

std::string tls_list(const std::vector<int64_t> &returns) {
  std::string out;
  for (auto r : returns)
    out += (out.empty() ? "" : " ") + std::to_string(r);
  return "[" + out + "]";
}

struct TlsTraits : TraitsBase<Harness::tls, tls::Trace, tls::Finding, tls::parse_trace, tls::format_trace,
                              tls::check_name, tls::check_help> {
  static bool encode(const Trace &t, ByteWriter &w, std::string *why) {
    return tls::encode_case({t.path, t.scenario}, w, why);
  }
  static Trace decode(const Target &target, ByteReader &in) {
    auto c = tls::decode_case(in);
    if (c.path == tls::Path::device)
      c.scenario.tls13 = false;  // the kernel offloads TLS 1.2 only
    if (c.scenario.ops.empty())  // the text form needs an op; this one does nothing
      c.scenario.ops.push_back({tls::OpKind::sleep, {0}});
    return {target.profile, target.bug, c.path, c.scenario};
  }
  static std::optional<size_t> first_invalid(const Trace &t) {
    if (t.path == tls::Path::device && t.scenario.tls13)
      return 0;
    return std::nullopt;
  }
  static std::optional<Finding> run(const Trace &t, std::ostream *listing, const Target *) {
    ScopedBug scoped(t.bug);
    auto f = tls::judge(t.scenario, t.profile, t.path, nullptr);
    if (listing) {
      auto m = tls::split_records(t.scenario, tls::rules_of(t.profile), t.path);
      auto keys = tls::fixed_test_keys(t.scenario.tls13);
      auto i = tls::run_impl(t.scenario, t.profile, t.path, &keys);
      std::string records;
      for (const auto &r : m.records)
        records += (records.empty() ? "" : " ") + std::to_string(r.type) + ":" + std::to_string(r.plaintext);
      *listing << "  " << tls::format_scenario(t.scenario) << "  (" << tls::path_name(t.path) << ")\n"
               << "      model: records [" << records << "] returns " << tls_list(m.returns) << " discarded "
               << m.discarded << "\n      impl:  " << i.wire.size() << " wire bytes, returns " << tls_list(i.returns)
               << " discarded " << i.discarded << "\n";
    }
    return f;
  }
  static std::string op_text(const Trace &t, size_t) { return tls::format_scenario(t.scenario); }
  static auto &ops(Trace &t) { return t.scenario.ops; }
  static size_t size(const Trace &t) { return t.scenario.ops.size(); }
};

template <typename T> std::optional<Verdict> replay(std::string_view where, std::string_view text, std::ostream &out,
                                                    std::ostream &err, const Target *src) {
  std::string why;
  auto trace = T::parse(text, &why);
  if (!trace) {
    err << "splicecheck: " << where << ": " << why << "\n";
    return std::nullopt;
  }
  if (trace->bug && !bug_info(*trace->bug).covers(trace->profile)) {
    err << "splicecheck: " << where << ": bug " << bug_info(*trace->bug).name << " does not apply to profile "
        << profile_info(trace->profile).name << "\n";
    return std::nullopt;
  }
  if (auto bad = T::first_invalid(*trace)) {
    err << "splicecheck: " << where << ": op " << *bad + 1 << " (" << T::op_text(*trace, *bad)
        << ") is not valid here (nothing it could act on, or a request the contract leaves undefined)\n";
    return std::nullopt;
  }
  Component c = harness_component(T::harness);
  std::string name = std::string(component_name(c)) + "/" +
                     (src && (src->external || src->splice_code) ? target_name(*src) : profile_info(trace->profile).name);
  out << "replay: " << name << (trace->bug ? std::string(" with ") + bug_info(*trace->bug).name : "") << ", "
      << T::size(*trace) << " ops" << (T::harness == Harness::tls ? "" : ", then teardown") << "\n";
  auto finding = T::run(*trace, &out, src);
  if (!finding) {
    out << "no check broke\nverdict: as expected\n";
    return Verdict::clean;
  }
  out << "=== BUG FOUND: replay (" << name << ")\n"
      << "check: " << T::check_name(finding->check) << ": " << T::check_help(finding->check) << "\n"
      << "first divergence at op " << finding->op_index << ": " << finding->divergence << "\n";
  std::optional<BugId> code_bug = trace->bug && bug_info(*trace->bug).kind == BugKind::mutant ? trace->bug : std::nullopt;
  auto rows = explaining_rows(bugs_in_effect(c, trace->profile, code_bug), T::check_name(finding->check),
                              finding->triggered);
  for (BugId id : rows)
    out << "EXPECTED: " << bug_info(id).name << "\n";
  bool explained = !rows.empty();
  if (!explained)
    out << "UNEXPECTED: check " << T::check_name(finding->check)
        << " failed and no bug row in effect both names it and has its trigger here\n";
  out << "verdict: " << (explained ? "as expected" : "UNEXPECTED") << "\n";
  return explained ? Verdict::expected : Verdict::unexpected;
}

template <typename T> std::string decode_as(const Target &t, const uint8_t *data, size_t size) {
  ByteReader in(data, size);
  return T::format(T::decode(t, in));
}

template <typename T> InputOutcome judge_input(const Target &t, const uint8_t *data, size_t size) {
  ByteReader in(data, size);
  auto finding = T::run(T::decode(t, in), nullptr, &t);
  if (!finding)
    return InputOutcome::clean;
  const char *check = T::check_name(finding->check);
  if (t.bug && row_explains(*t.bug, check, finding->triggered))
    return InputOutcome::target;
  std::optional<BugId> code_bug = t.bug && bug_info(*t.bug).kind == BugKind::mutant ? t.bug : std::nullopt;
  if (!explaining_rows(bugs_in_effect(harness_component(T::harness), t.profile, code_bug), check, finding->triggered)
           .empty())
    return InputOutcome::known;
  return InputOutcome::unexpected;
}

// The check a trace breaks, if any.
template <typename T> std::optional<std::string> broken_check(const typename T::Trace &t, const Target &target) {
  auto f = T::run(t, nullptr, &target);
  return f ? std::optional<std::string>(T::check_name(f->check)) : std::nullopt;
}

template <typename T> std::optional<std::string> bytes_of(const typename T::Trace &t) {
  ByteWriter w;
  std::string why;
  if (T::first_invalid(t) || !T::encode(t, w, &why))
    return std::nullopt;
  return w.bytes();
}

// Greedy: drop blocks of ops, then single ops, then lower single bytes of the byte form
// (to 0, to half); a candidate is kept when it breaks the same check. Every step makes
// the trace shorter or its bytes smaller, so it ends.
template <typename T> std::optional<Shrunk> shrink_as(const Target &target, const uint8_t *data, size_t size) {
  ByteReader in(data, size);
  auto best = T::decode(target, in);
  auto check = broken_check<T>(best, target);
  if (!check)
    return std::nullopt;
  Shrunk out{*check, 0, 0, ""};
  auto try_trace = [&](const typename T::Trace &c) {
    out.tried++;
    if (broken_check<T>(c, target) != check)
      return false;
    best = c;
    return true;
  };
  for (bool progress = true; progress;) {
    progress = false;
    for (size_t block = std::max<size_t>(T::ops(best).size() / 2, 1); block >= 1 && !progress; block /= 2)
      for (size_t at = 0; at + block <= T::ops(best).size() && !progress; at += block) {
        auto c = best;
        auto &ops = T::ops(c);
        ops.erase(ops.begin() + static_cast<ptrdiff_t>(at), ops.begin() + static_cast<ptrdiff_t>(at + block));
        if (!ops.empty() && !T::first_invalid(c))
          progress = try_trace(c);
      }
    if (progress)
      continue;
    auto bytes = bytes_of<T>(best);
    for (size_t i = 0; bytes && i < bytes->size() && !progress; i++)
      for (uint8_t v : {uint8_t{0}, static_cast<uint8_t>(static_cast<uint8_t>((*bytes)[i]) / 2)}) {
        if (v >= static_cast<uint8_t>((*bytes)[i]))
          continue;
        auto b = *bytes;
        b[i] = static_cast<char>(v);
        ByteReader r(reinterpret_cast<const uint8_t *>(b.data()), b.size());
        auto c = T::decode(target, r);
        auto cb = bytes_of<T>(c);
        // Smaller means: fewer ops, or the same ops count with a smaller byte form.
        if (cb && (T::ops(c).size() < T::ops(best).size() || (T::ops(c).size() == T::ops(best).size() && *cb < *bytes)) &&
            try_trace(c)) {
          progress = true;
          out.rounds++;
          break;
        }
      }
  }
  out.trace = T::format(best);
  return out;
}

template <typename T> std::optional<std::string> encode_as(std::string_view text, Target *target, std::string *why) {
  auto trace = T::parse(text, why);
  if (!trace)
    return std::nullopt;
  if (auto bad = T::first_invalid(*trace)) {
    *why = "op " + std::to_string(*bad + 1) + " is not valid here";
    return std::nullopt;
  }
  ByteWriter w;
  if (!T::encode(*trace, w, why))
    return std::nullopt;
  *target = {trace->profile, trace->bug, nullptr, true, nullptr, nullptr, ""};
  // The bytes must decode to this very trace, or the corpus would hold something else.
  ByteReader in(reinterpret_cast<const uint8_t *>(w.bytes().data()), w.bytes().size());
  if (!(T::decode(*target, in) == *trace)) {
    *why = "the trace does not survive the byte form (an op the decoder would drop or change)";
    return std::nullopt;
  }
  return w.bytes();
}

template <typename F> auto dispatch(Harness h, F &&f) {
  switch (h) {
  case Harness::alloc:
    return f(AllocTraits{});
  case Harness::splice:
    return f(SpliceTraits{});
  case Harness::tls:
    break;
  }
  return f(TlsTraits{});
}

}  // namespace

const char *harness_name(Harness h) {
  static constexpr const char *kNames[] = {
#define COMPONENT(id, default_profile, clean_profile) #id "_fuzz",
#include <api/components.def>
#undef COMPONENT
  };
  return kNames[static_cast<size_t>(h)];
}
Component harness_component(Harness h) { return h; }
std::optional<Harness> parse_harness(std::string_view name) {
  for (Harness h : kHarnesses)
    if (name == harness_name(h) || name == component_name(harness_component(h)))
      return h;
  return std::nullopt;
}

std::string target_name(const Target &t) {
  if (!t.external && !t.splice_code)
    return profile_info(t.profile).name;
  return (t.external ? t.external->name() : t.splice_name) +
         (t.mirror ? std::string(" + ") + profile_info(t.profile).name : "");
}

std::optional<Target> make_target(Harness h, std::string_view profile, std::string_view bug, std::string *why) {
  Component c = harness_component(h);
  std::optional<BugId> b;
  if (!bug.empty()) {
    b = parse_bug(bug);
    if (!b || bug_info(*b).component != c) {
      *why = "unknown " + std::string(component_name(c)) + " bug '" + std::string(bug) + "'";
      return std::nullopt;
    }
  }
  std::optional<Profile> p;
  if (!profile.empty()) {
    p = parse_profile(c, profile);
    if (!p) {
      *why = "unknown " + std::string(component_name(c)) + " profile '" + std::string(profile) + "'";
      return std::nullopt;
    }
  } else {
    p = b ? bug_info(*b).default_profile() : default_profile(c);
  }
  if (b && !bug_info(*b).covers(*p)) {
    *why = "bug " + std::string(bug) + " does not apply to profile " + profile_info(*p).name;
    return std::nullopt;
  }
  return Target{*p, b, nullptr, true, nullptr, nullptr, ""};
}

std::string decode_input(Harness h, const Target &t, const uint8_t *data, size_t size) {
  return dispatch(h, [&](auto traits) { return decode_as<decltype(traits)>(t, data, size); });
}

InputOutcome judge_input(Harness h, const Target &t, const uint8_t *data, size_t size) {
  return dispatch(h, [&](auto traits) { return judge_input<decltype(traits)>(t, data, size); });
}

std::optional<Harness> trace_harness(std::string_view text) {
  std::istringstream header(std::string(text.substr(0, text.find('\n'))));
  std::string hash, tool, component;
  header >> hash >> tool >> component;
  if (hash != "#" || tool != "splicecheck")
    return std::nullopt;
  return parse_harness(component);
}

std::optional<std::string> encode_trace(std::string_view text, Harness *h, Target *t, std::string *why) {
  auto which = trace_harness(text);
  if (!which) {
    *why = "not a trace: the first line must be '# splicecheck <alloc|splice|tls> <profile> [bug]'";
    return std::nullopt;
  }
  *h = *which;
  return dispatch(*h, [&](auto traits) { return encode_as<decltype(traits)>(text, t, why); });
}

std::optional<Shrunk> shrink_input(Harness h, const Target &t, const uint8_t *data, size_t size) {
  return dispatch(h, [&](auto traits) { return shrink_as<decltype(traits)>(t, data, size); });
}

std::optional<Verdict> replay_trace(std::string_view where, std::string_view text, std::ostream &out,
                                    std::ostream &err, const Target *src) {
  auto h = trace_harness(text);
  if (!h) {
    err << "splicecheck: " << where
        << ": neither a trace (first line '# splicecheck <alloc|splice|tls> <profile> [bug]') nor a raw fuzz input "
           "named with --harness\n";
    return std::nullopt;
  }
  return dispatch(*h, [&](auto traits) { return replay<decltype(traits)>(where, text, out, err, src); });
}

}  // namespace sc
