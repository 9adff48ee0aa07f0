// SPDX-License-Identifier: GPL-2.0-only
#include <cli/killmatrix/matrix.h>

#include <api/profiles.h>

#include <algorithm>

namespace sc::km {

const char *detector_name(Detector d) {
  switch (d) {
  case Detector::props: return "props";
  case Detector::stateful: return "stateful";
  case Detector::fuzz: return "fuzz";
  case Detector::explore: return "explore";
  case Detector::asan_ubsan: return "asan-ubsan";
  case Detector::tsan: return "tsan";
  case Detector::oracle: return "oracle";
  case Detector::kernel_src: return "kernel-src";
  case Detector::witness: return "witness";
  }
  return "?";
}

std::optional<Detector> parse_detector(const std::string &name) {
  for (Detector d : kDetectors)
    if (name == detector_name(d))
      return d;
  return std::nullopt;
}

const char *status_name(Status s) {
  switch (s) {
  case Status::found: return "found";
  case Status::partly: return "partly";
  case Status::not_found: return "not found";
  case Status::clean: return "clean";
  case Status::false_alarm: return "false alarm";
  case Status::not_built: return "not built";
  case Status::skipped: return "skipped";
  case Status::failed: return "failed";
  }
  return "?";
}

Row row_of(const BugInfo &b) {
  Row r;
  r.id = b.name;
  r.component = component_name(b.component);
  r.kind = kind_name(b.kind);
  r.profile = profile_info(b.default_profile()).name;
  r.help = b.help;
  for (const auto &claim : b.detectors)
    r.claims.push_back(claim == "props" ? (b.component == Component::tls ? "props" : "stateful") : claim);
  return r;
}

const Cell *Matrix::cell(const std::string &row, Detector d) const {
  for (const auto &c : cells)
    if (c.row == row && c.detector == d)
      return &c;
  return nullptr;
}

std::vector<std::string> Matrix::failures() const {
  std::vector<std::string> out;
  for (const auto &r : rows)
    for (const auto &claim : r.claims) {
      auto d = parse_detector(claim);
      const Cell *c = d ? cell(r.id, *d) : nullptr;
      if (!c) {
        out.push_back(r.id + ": claims " + claim + ", which has no result");
        continue;
      }
      // A detector whose build is absent, or that cannot run here, is said so, not failed.
      if (c->status == Status::found || c->status == Status::not_built || c->status == Status::skipped)
        continue;
      out.push_back(r.id + ": " + status_name(c->status) + " by " + claim + (c->note.empty() ? "" : " (" + c->note + ")"));
    }
  // A detector that ran without claiming the row must still not break down.
  for (const auto &c : cells)
    if (c.status == Status::failed &&
        std::none_of(rows.begin(), rows.end(), [&](const Row &r) {
          return r.id == c.row && std::find(r.claims.begin(), r.claims.end(), detector_name(c.detector)) != r.claims.end();
        }))
      out.push_back(c.row + ": " + detector_name(c.detector) + " failed (" + c.note + ")");
  for (const auto &cl : clean)
    for (const auto &c : cl.cells)
      if (c.status != Status::clean && c.status != Status::not_built && c.status != Status::skipped)
        out.push_back("clean " + cl.name + ": " + status_name(c.status) + " by " + detector_name(c.detector) +
                      (c.note.empty() ? "" : " (" + c.note + ")"));
  return out;
}

}  // namespace sc::km
