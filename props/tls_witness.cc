// SPDX-License-Identifier: GPL-2.0-only
#include <props/tls_witness.h>

#include <api/tls_scenario.h>
#include <model/tls_model.h>
#include <props/tls_check.h>

#include <stdexcept>

namespace sc::tls {
namespace {

// The probes of KERNEL-ORACLE.md where 6.1 and 6.12 differ.
const Witness kWitnesses[] = {
    {BugId::obs_v61_splice_more_ignored, Profile::tls_v6_1, Profile::tls_newest, "probe v12 splice:5000:more send:100"},
    {BugId::obs_v61_sendfile_chunk_records, Profile::tls_v6_1, Profile::tls_newest, "probe v12 sendfile:200000@100"},
};

std::string records_text(const std::vector<Record> &records) {
  std::string out;
  for (const auto &r : records)
    out += " " + std::to_string(r.type) + ":" + std::to_string(r.plaintext);
  return records.empty() ? " none" : out;
}

}  // namespace

std::optional<Witness> witness_of(BugId row) {
  for (const auto &w : kWitnesses)
    if (w.row == row)
      return w;
  return std::nullopt;
}

bool observe(const Witness &w, std::ostream &out) {
  std::string why;
  auto parsed = parse_scenarios(w.scenario, &why);
  if (!parsed || parsed->size() != 1)
    throw std::logic_error(std::string("witness scenario of ") + bug_info(w.row).name + " is malformed: " + why);
  const Scenario &s = parsed->front();
  out << "witness: " << format_scenario(s) << "\n";
  bool impl_agrees = true;
  std::vector<Record> seen[2];
  int i = 0;
  for (Profile p : {w.then, w.now}) {
    seen[i] = split_records(s, rules_of(p), Path::sw).records;
    auto finding = judge(s, p, Path::sw, nullptr);
    out << "  " << profile_info(p).name << ":" << records_text(seen[i]) << "  (impl "
        << (finding ? std::string("DIFFERS: ") + check_name(finding->check) + ": " + finding->divergence : "agrees")
        << ")\n";
    impl_agrees &= !finding;
    ++i;
  }
  bool differ = seen[0] != seen[1];
  if (!differ)
    out << "  the two profiles split it the same way: the behaviour no longer shows\n";
  return differ && impl_agrees;
}

}  // namespace sc::tls
