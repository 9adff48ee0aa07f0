// SPDX-License-Identifier: GPL-2.0-only
#include <cli/tls_cmd.h>

#include <api/profiles.h>
#include <api/tls_scenario.h>
#include <model/tls_model.h>

#include <fstream>
#include <sstream>

namespace sc::cli {
namespace {

constexpr int kBadInput = 2;

// The record header's length field: plaintext plus explicit nonce and tag (TLS 1.2),
// or plus the inner content type and tag (TLS 1.3).
uint32_t wire_length(uint32_t plaintext, bool tls13) { return plaintext + (tls13 ? 17 : 24); }

}  // namespace

int tls_command(const Options &o, std::ostream &out, std::ostream &err) {
  for (const char *flag : {"component", "bug", "property", "seed", "cases", "json", "source", "patches"})
    if (o.has(flag)) {
      err << "splicecheck: 'tls' takes --profile, --scenario and --scenarios, not --" << flag << "\n";
      return kBadInput;
    }
  std::string profile_name = o.has("profile") ? o.profile : "newest";
  auto profile = parse_profile(Component::tls, profile_name);
  if (!profile) {
    err << "splicecheck: unknown tls profile '" << profile_name << "' (profiles: v6.1 v6.5 newest)\n";
    return kBadInput;
  }
  if (o.has("scenario") == o.has("scenarios")) {
    err << "splicecheck: 'tls' needs one of --scenario TEXT or --scenarios FILE\n";
    return kBadInput;
  }
  std::string text = o.scenario, where = "--scenario";
  if (o.has("scenarios")) {
    std::ifstream in(o.scenarios);
    if (!in) {
      err << "splicecheck: cannot read scenarios file '" << o.scenarios << "'\n";
      return kBadInput;
    }
    std::stringstream s;
    s << in.rdbuf();
    text = s.str();
    where = o.scenarios;
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
  tls::Rules rules = tls::rules_of(*profile);
  for (const auto &s : *scenarios) {
    auto r = tls::split_records(s, rules);
    out << tls::format_scenario(s) << "\n  records (tls/" << profile_info(*profile).name << ", model): ";
    if (r.records.empty())
      out << "none";
    for (size_t i = 0; i < r.records.size(); i++)
      out << (i ? " " : "") << unsigned{r.records[i].type} << ":" << r.records[i].plaintext;
    out << "\n  wire lengths: ";
    if (r.records.empty())
      out << "none";
    for (size_t i = 0; i < r.records.size(); i++)
      out << (i ? " " : "") << wire_length(r.records[i].plaintext, s.tls13);
    out << "\n  returns:";
    for (int64_t ret : r.returns)
      out << " " << ret;
    out << "\n  discarded at close: " << r.discarded << "\n";
  }
  return 0;
}

}  // namespace sc::cli
