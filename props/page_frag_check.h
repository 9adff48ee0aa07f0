// SPDX-License-Identifier: GPL-2.0-only
// Runs one op sequence on the reference model and on an implementation profile side by
// side, and checks every obligation of api/page_frag_checks.def after every op: it
// compares the observations and reads the implementation's memory and refcounts.
// Written once; used by the properties, the CLI and (later) the fuzz harness.
#pragma once

#include <api/bugs.h>
#include <api/page_frag.h>
#include <impl/page_frag_impl.h>
#include <model/page_frag_model.h>
#include <sc/page_supply.h>

#include <bitset>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sc::alloc {

enum class Check {
#define PAGE_FRAG_CHECK(id, help) id,
#include <api/page_frag_checks.def>
#undef PAGE_FRAG_CHECK
};
inline constexpr size_t kChecks = 0
#define PAGE_FRAG_CHECK(id, help) +1
#include <api/page_frag_checks.def>
#undef PAGE_FRAG_CHECK
    ;
using CheckSet = std::bitset<kChecks>;

const char *check_name(Check c);
const char *check_help(Check c);
std::optional<Check> parse_check(std::string_view name);

struct Finding {
  Check check;
  size_t op_index = 0;     // 1-based position in the executed trace
  std::string divergence;  // "model=... impl=..."
};

class Differential {
 public:
  // max_ops sizes the page supply so it never runs out before the model says it should.
  Differential(Profile profile, std::optional<BugId> bug, unsigned nr_cpus, size_t max_ops);

  // Applies op to both sides and returns the first broken check in `asserted`. Once the
  // two sides have diverged (whatever check said so), later ops are not compared.
  std::optional<Finding> step(const Op &op, const CheckSet &asserted);
  // Frees every live fragment, drains every cpu, then checks that no page is left.
  std::optional<Finding> teardown(const CheckSet &asserted);

  const std::vector<Op> &executed() const { return executed_; }
  // Model and implementation observation of each executed op, for printing.
  const std::vector<std::pair<Obs, Obs>> &observed() const { return observed_; }
  bool diverged() const { return diverged_; }

 private:
  struct Candidate {
    Check check;
    std::string detail;
  };
  using Candidates = std::vector<Candidate>;

  void check_content(size_t idx, Candidates &out) const;
  // Returns false when a __GFP_ZERO fragment was not zero at return.
  bool check_new_fragment(const Alloc &a, Candidates &out) const;
  void compare(const Op &op, const Obs &mo, const Obs &io, std::optional<uint64_t> model_cached,
               Candidates &out);
  void check_refcounts(Candidates &out);
  Check classify_stale_bytes(uint64_t page) const;
  Check classify_left_page(uint64_t page, Check abandoned, Check drained) const;

  shim::PageSupply supply_;
  ScopedBug bug_;
  PageFragModel model_;
  PageFragImpl impl_;
  std::vector<Op> executed_;
  std::vector<std::pair<Obs, Obs>> observed_;
  std::map<uint64_t, const struct page *> tracked_;  // every page seen, by serial
  // Per live fragment: false when it was already wrong at return (a zero check failed),
  // so that defect is reported once and not again as content_intact.
  std::vector<bool> verified_at_return_;
  bool diverged_ = false;
};

}  // namespace sc::alloc
