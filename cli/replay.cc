// SPDX-License-Identifier: GPL-2.0-only
#include <cli/replay.h>

#include <api/text_lines.h>
#include <kernel-src/source_profile.h>
#include <props/trace_check.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

namespace sc::cli {
namespace {

constexpr int kBad = 2;

std::optional<std::string> slurp(const std::string &path) {
  std::string why;
  return read_text_file(path, &why);
}

const uint8_t *bytes(const std::string &s) { return reinterpret_cast<const uint8_t *>(s.data()); }

// A raw input runs ops through the mirror: only a row that changes it (a profile row's
// profile, a mutant) of the harness's own component can be in effect. Races need the
// explorer, observations their witness scenario.
bool check_bug_flag(const std::string &name, Component c, const std::string &profile, std::ostream &err) {
  auto b = parse_bug(name);
  std::string why;
  if (!b)
    why = "is not a bug row (see 'splicecheck bugs')";
  else if (bug_info(*b).component != c)
    why = std::string("is a ") + component_name(bug_info(*b).component) + " row; --harness runs " + component_name(c);
  else if (bug_info(*b).kind == BugKind::race)
    why = "is a race row: it shows only under interleavings (splicecheck explore --bug " + name + ")";
  else if (bug_info(*b).kind == BugKind::observation)
    why = "is an observation row: splicecheck run --bug " + name + " shows its witness scenario";
  else if (auto p = parse_profile(c, profile); p && !bug_info(*b).covers(*p))
    why = "does not apply to --profile " + profile;
  if (!why.empty())
    err << "splicecheck: --bug " << name << " " << why << "\n";
  return why.empty();
}

// The case FILE holds, as a text trace: itself, or a raw input decoded for --harness.
struct Case {
  Harness harness;
  Target target;
  std::string trace;
  std::string raw;
  std::string why_no_bytes;  // a text trace outside the fuzz ranges
};

std::optional<Case> read_case(const Options &o, std::ostream &err) {
  auto text = slurp(o.trace_file);
  if (!text) {
    err << "splicecheck: cannot read '" << o.trace_file << "'\n";
    return std::nullopt;
  }
  std::string why;
  if (!o.has("harness")) {
    if (!trace_harness(*text)) {
      err << "splicecheck: " << o.trace_file
          << ": neither a trace (first line '# splicecheck <alloc|splice|tls> <profile> [bug]') nor a raw fuzz "
             "input named with --harness\n";
      return std::nullopt;
    }
    // The byte form only where the trace has one (shrink needs it; replay does not).
    Case c{Harness::alloc, {}, *text, "", ""};
    auto raw = encode_trace(*text, &c.harness, &c.target, &c.why_no_bytes);
    c.raw = raw.value_or("");
    return c;
  }
  auto h = parse_harness(o.harness);
  if (!h) {
    err << "splicecheck: unknown harness '" << o.harness << "' (alloc_fuzz, splice_fuzz, tls_fuzz)\n";
    return std::nullopt;
  }
  if (o.has("bug") && !check_bug_flag(o.bug, harness_component(*h), o.profile, err))
    return std::nullopt;
  bool skipped = false;
  auto t = ksrc::is_source_profile(o.profile) ? ksrc::make_source_target(*h, o.profile, o.bug, &why, &skipped)
                                              : make_target(*h, o.profile, o.bug, &why);
  if (!t) {
    err << "splicecheck: " << (skipped ? "SKIPPED: " : "") << why << "\n";
    return std::nullopt;
  }
  return Case{*h, *t, decode_input(*h, *t, bytes(*text), text->size()), *text, ""};
}

}  // namespace

int replay_command(const Options &o, std::ostream &out, std::ostream &err) {
  auto c = read_case(o, err);
  if (!c)
    return kBad;
  if (o.has("harness"))
    out << "input: " << c->raw.size() << " bytes for " << harness_name(c->harness) << ", as ops:\n" << c->trace;
  auto v = replay_trace(o.trace_file, c->trace, out, err, &c->target);
  if (!v)
    return kBad;
  return *v == Verdict::unexpected ? 1 : 0;
}

int encode_command(const Options &o, std::ostream &out, std::ostream &err) {
  auto text = slurp(o.trace_file);
  if (!text) {
    err << "splicecheck: cannot read '" << o.trace_file << "'\n";
    return kBad;
  }
  Harness h;
  Target t;
  std::string why;
  auto raw = encode_trace(*text, &h, &t, &why);
  if (!raw) {
    err << "splicecheck: " << o.trace_file << ": " << why << "\n";
    return kBad;
  }
  std::ofstream f(o.out, std::ios::binary);
  f << *raw;
  if (!f.flush()) {
    err << "splicecheck: cannot write '" << o.out << "'\n";
    return kBad;
  }
  out << o.out << ": " << raw->size() << " bytes for " << harness_name(h) << "\n";
  return 0;
}

int shrink_command(const Options &o, std::ostream &out, std::ostream &err) {
  auto c = read_case(o, err);
  if (!c)
    return kBad;
  if (!c->why_no_bytes.empty()) {
    err << "splicecheck: " << o.trace_file << ": " << c->why_no_bytes << "\n";
    return kBad;
  }
  auto shrunk = shrink_input(c->harness, c->target, bytes(c->raw), c->raw.size());
  if (!shrunk) {
    err << "splicecheck: " << o.trace_file << ": breaks no check; nothing to shrink\n";
    return 1;
  }
  Harness h;
  Target t;
  std::string why;
  auto raw = encode_trace(shrunk->trace, &h, &t, &why);
  if (!raw) {
    err << "splicecheck: the shrunk trace has no byte form: " << why << "\n";
    return kBad;
  }
  // Named by the row the finding is expected for (else the check) and the bytes.
  std::string label = shrunk->check;
  std::optional<BugId> code_bug = t.bug && bug_info(*t.bug).kind == BugKind::mutant ? t.bug : std::nullopt;
  for (BugId id : bugs_in_effect(harness_component(h), t.profile, code_bug))
    if (bug_info(id).identified_by(shrunk->check))
      label = bug_info(id).name;
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016zx", std::hash<std::string>{}(*raw));
  std::filesystem::path dir =
      o.has("out") ? std::filesystem::path(o.out)
                   : std::filesystem::path(SC_SOURCE_DIR) / "corpus" / harness_name(h) / "regressions";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  auto base = dir / (label + "-" + std::string(hash, 8));
  std::ofstream fr(base, std::ios::binary), ft(base.string() + ".trace");
  fr << *raw;
  ft << shrunk->trace;
  if (!fr.flush() || !ft.flush()) {
    err << "splicecheck: cannot write " << base.string() << "\n";
    return kBad;
  }
  out << "shrunk: check " << shrunk->check << " still breaks; " << shrunk->tried << " candidates run\n"
      << shrunk->trace << "wrote " << base.string() << " (" << raw->size() << " bytes) and " << base.string()
      << ".trace\n";
  return 0;
}

}  // namespace sc::cli
