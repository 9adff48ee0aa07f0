// SPDX-License-Identifier: GPL-2.0-only
// Runs one op sequence on the reference model and on one or two implementations side by
// side, and checks every obligation of api/page_frag_checks.def after every op: it
// compares the observations and reads each implementation's memory and refcounts.
// With two implementations (our mirror of a kernel state and the real kernel source of
// it) it is the three-way differential: the two must also agree with each other.
// Written once; used by the properties, the CLI and (later) the fuzz harness.
#pragma once

#include <api/bugs.h>
#include <api/page_frag.h>
#include <impl/page_frag_impl.h>
#include <model/page_frag_model.h>
#include <sc/page_supply.h>

#include <bitset>
#include <initializer_list>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sc::alloc {

#define SC_CHECKS_DEF <api/page_frag_checks.def>
#include <props/check_table.inc>
#undef SC_CHECKS_DEF

// What the rows' triggers (props/page_frag_triggers.cc) remember of a case: the
// defects that show ops after the op that causes them.
struct TriggerHistory {
  bool abandoned = false;     // a page was left at exhaustion with live fragments
  bool drained = false;       // a cache holding a page was drained
  bool failed_alloc = false;  // an Alloc the contract answers with NULL
  bool large_request = false; // an Alloc of more than a page
  std::vector<BugId> since() const;
};
// The profile rows whose trigger holds at op (applied to the model, whose cache on the
// op's cpu held `cached_before`), with the case so far in *h.
std::vector<BugId> triggers_at(TriggerHistory &h, const Op &op, const Obs &mo, std::optional<uint64_t> cached_before,
                               const PageFragModel &model);

// Code other than our mirrors behind the allocator interface (kernel-src/ builds one
// from a kernel tree). REQUIRES of make(): the result's caches are independent of any
// other live result's.
class ExternalCode {
 public:
  virtual ~ExternalCode() = default;
  virtual const std::string &name() const = 0;  // "src:7.2"
  virtual std::unique_ptr<PageFragImpl::Caches> make(unsigned nr_cpus) const = 0;
};

// What runs against the model: the mirror of `profile`, the external code, or both
// (three-way). The model always follows `profile`'s carving rules.
struct Subject {
  Profile profile;
  bool mirror = true;
  const ExternalCode *external = nullptr;
};

class Differential {
 public:
  // max_ops sizes the page supplies so they never run out before the model says so.
  Differential(Profile profile, std::optional<BugId> bug, unsigned nr_cpus, size_t max_ops);
  Differential(const Subject &subject, std::optional<BugId> bug, unsigned nr_cpus, size_t max_ops);
  ~Differential();

  // Applies op to both sides and returns the first broken check in `asserted`. Once the
  // two sides have diverged (whatever check said so), later ops are not compared.
  std::optional<Finding> step(const Op &op, const CheckSet &asserted);
  // Frees every live fragment, drains every cpu, then checks that no page is left.
  std::optional<Finding> teardown(const CheckSet &asserted);

  const std::vector<Op> &executed() const { return executed_; }
  // Per executed op: the model's observation, then each implementation's.
  const std::vector<std::vector<Obs>> &observed() const { return observed_; }
  // "impl" with one implementation; the mirror's profile and the external code's name
  // in a three-way run.
  std::vector<std::string> labels() const;
  bool diverged() const { return diverged_; }

 private:
  struct Side;

  void check_content(const Side &s, size_t idx, Candidates &out) const;
  // The live fragments (indices, oldest first) other than f that overlap it.
  static std::vector<size_t> overlapping(const Side &s, const PageFragImpl::Fragment &f);
  // Keeps s's by-address and per-page indexes as a fragment comes (+1) or goes (-1).
  static void track(Side &s, const PageFragImpl::Fragment &f, int delta);
  // Returns false when a __GFP_ZERO fragment was not zero at return.
  bool check_new_fragment(const Side &s, const Alloc &a, Candidates &out) const;
  void compare(const Side &s, const Op &op, const Obs &mo, const Obs &io, std::optional<uint64_t> model_cached,
               Candidates &out);
  void check_refcounts(Side &s, Candidates &out);
  Check classify_stale_bytes(uint64_t page) const;
  Check classify_left_page(uint64_t page, Check abandoned, Check drained) const;
  // Three-way: the two implementations must show the same and break the same checks.
  std::optional<Finding> judge(const Obs &mo, const std::vector<Obs> &obs, const std::vector<Candidates> &found,
                               const CheckSet &asserted);

  ScopedBug bug_;
  PageFragModel model_;
  std::vector<std::unique_ptr<Side>> sides_;
  std::vector<Op> executed_;
  std::vector<std::vector<Obs>> observed_;
  bool diverged_ = false;
  TriggerHistory history_;
  std::vector<BugId> triggered_;  // at the last op, of the rows in effect
  std::vector<BugId> in_effect_;  // a trigger of a row not on this profile names nothing
};

}  // namespace sc::alloc
