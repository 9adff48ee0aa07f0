// SPDX-License-Identifier: GPL-2.0-only
#include <cli/tls_cmd.h>

#include <api/text_lines.h>
#include <api/profiles.h>
#include <api/tls_scenario.h>
#include <impl/net/tls/tls_aead.h>
#include <impl/tls_impl.h>
#include <model/tls_model.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace sc::cli {
namespace {

constexpr int kBadInput = 2;

std::string return_list(const std::vector<int64_t> &returns) {
  std::string out;
  for (int64_t r : returns)
    out += " " + std::to_string(r);
  return out;
}

// The impl's records as the peer reads them: opened with the fixed test keys.
std::optional<std::vector<tls::Record>> records_on_wire(const tls::ImplRun &run, bool tls13, std::string *why) {
  auto opened = tls::open_stream(tls::fixed_test_keys(tls13), run.wire, why);
  if (!opened)
    return std::nullopt;
  std::vector<tls::Record> out;
  for (const auto &r : *opened)
    out.push_back({r.type, static_cast<uint32_t>(r.plaintext.size())});
  return out;
}

// One record per line: the model's and the impl's n-th record next to each other.
void print_side_by_side(const std::vector<tls::Record> &model, const std::optional<std::vector<tls::Record>> &impl,
                        const std::string &unreadable, std::ostream &out) {
  auto cell = [](const std::vector<tls::Record> &rs, size_t i) {
    return i < rs.size() ? std::to_string(rs[i].type) + ":" + std::to_string(rs[i].plaintext) : std::string("-");
  };
  out << "  record  model      impl\n";
  size_t n = std::max(model.size(), impl ? impl->size() : 0);
  if (n == 0)
    out << "  (none)\n";
  for (size_t i = 0; i < n; i++) {
    char line[80];
    std::snprintf(line, sizeof line, "  %6zu  %-10s %s%s", i + 1, cell(model, i).c_str(),
                  impl ? cell(*impl, i).c_str() : "",
                  impl && cell(model, i) != cell(*impl, i) ? "   <- differs" : "");
    out << line << "\n";
  }
  if (!impl)
    out << "  impl stream unreadable: " << unreadable << "\n";
}

}  // namespace

int tls_command(const Options &o, std::ostream &out, std::ostream &err) {
  std::string profile_name = o.has("profile") ? o.profile : "newest";
  auto profile = parse_profile(Component::tls, profile_name);
  if (!profile) {
    err << "splicecheck: unknown tls profile '" << profile_name << "' (profiles: v6.1 v6.5 newest)\n";
    return kBadInput;
  }
  if (o.has("scenario") == o.has("file")) {
    err << "splicecheck: 'tls' needs one scenario: its text, or --file FILE\n";
    return kBadInput;
  }
  std::string text = o.scenario, where = "scenario";
  if (o.has("file")) {
    std::string why;
    auto read = read_text_file(o.file, &why);
    if (!read) {
      err << "splicecheck: " << why << "\n";
      return kBadInput;
    }
    text = std::move(*read);
    where = o.file;
  }
  std::string why;
  auto scenarios = tls::parse_scenarios(text, &why);
  if (!scenarios) {
    err << "splicecheck: " << where << ": " << why << "\n";
    return kBadInput;
  }
  if (scenarios->empty()) {
    err << "splicecheck: " << where << ": no scenario in it\n";
    return kBadInput;
  }
  tls::Path path = o.has("device") ? tls::Path::device : tls::Path::sw;
  for (const auto &s : *scenarios)
    if (path == tls::Path::device && s.tls13) {
      err << "splicecheck: scenario '" << s.name << "': the device path offloads TLS 1.2 only (v12)\n";
      return kBadInput;
    }
  std::ofstream wire;
  if (o.has("wire")) {
    if (scenarios->size() != 1) {
      err << "splicecheck: --wire writes one scenario's stream; the input has " << scenarios->size() << "\n";
      return kBadInput;
    }
    wire.open(o.wire, std::ios::binary);
    if (!wire) {
      err << "splicecheck: cannot write --wire file '" << o.wire << "'\n";
      return kBadInput;
    }
  }
  tls::Rules rules = tls::rules_of(*profile);
  bool agree = true;
  std::string label = std::string("tls/") + profile_info(*profile).name + " " + tls::path_name(path);
  for (const auto &s : *scenarios) {
    auto m = tls::split_records(s, rules, path);
    auto run = tls::run_impl(s, *profile, path);
    std::string wire_why;
    auto got = records_on_wire(run, s.tls13, &wire_why);
    out << tls::format_scenario(s) << "  (" << label << ")\n";
    print_side_by_side(m.records, got, wire_why, out);
    out << "  wire bytes: " << run.wire.size() << "\n";
    out << "  returns: model" << return_list(m.returns) << "; impl" << return_list(run.returns) << "\n";
    out << "  discarded at close: model " << m.discarded << ", impl " << run.discarded << "\n";
    for (const auto &ov : run.overruns)
      out << "  OVERRUN at op " << ov.op_index << ": " << ov.what << "\n";
    for (const auto &e : run.page_errors)
      out << "  PAGE ERROR: " << e << "\n";
    if (run.no_progress)
      out << "  NO PROGRESS at op " << run.no_progress->op_index << ": " << run.no_progress->what << "\n";
    bool same = got && *got == m.records && run.returns == m.returns && run.discarded == m.discarded &&
                run.overruns.empty() && run.page_errors.empty() && !run.no_progress;
    out << "  " << (same ? "agree" : "DIFFER") << "\n";
    agree &= same;
    if (wire.is_open())
      wire.write(reinterpret_cast<const char *>(run.wire.data()), static_cast<std::streamsize>(run.wire.size()));
  }
  if (wire.is_open()) {
    wire.close();
    if (!wire) {
      err << "splicecheck: writing --wire file '" << o.wire << "' failed\n";
      return kBadInput;
    }
  }
  return agree ? 0 : 1;
}

}  // namespace sc::cli
