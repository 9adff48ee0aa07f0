// SPDX-License-Identifier: GPL-2.0-only
// Runs one splice op sequence on the reference model and on an implementation profile
// side by side. The harness makes the world both see (source memory with known bytes,
// prefill pages) and checks every obligation of api/splice_checks.def after every op.
// With kernel source (kernel-src/) beside our mirror it is the three-way differential:
// each runs against its own model in its own page supply, and the two must observe the
// same and break the same checks.
#pragma once

#include <api/bugs.h>
#include <api/splice.h>
#include <impl/splice_impl.h>
#include <model/splice_model.h>
#include <sc/page_supply.h>

#include <bitset>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sc::splice {

#define SC_CHECKS_DEF <api/splice_checks.def>
#include <props/check_table.inc>
#undef SC_CHECKS_DEF

// The profile rows whose trigger holds at op, applied to `model` with observation mo
// (props/splice_triggers.cc).
std::vector<BugId> triggers_at(const Op &op, const Obs &mo, const SpliceModel &model);

// What runs against the model: our mirror of `profile`, kernel code, or both.
struct Subject {
  Profile profile;
  bool mirror = true;
  SpliceFn code = nullptr;
  std::string code_name;  // "src:7.2"
};

// One implementation against the model, in a page supply of its own.
class DifferentialSide {
 public:
  DifferentialSide(Profile profile, SpliceFn code, size_t max_ops);
  ~DifferentialSide();

  struct Outcome {
    Obs model, impl;
    Candidates found;  // every broken check, in report order
    std::optional<Finding> stuck;  // an op that did not end or wrote past frags[]
    std::vector<BugId> triggered;  // the profile rows whose trigger holds at this op
  };
  // REQUIRES: the model takes op. Applies it to both; an op that does not end is `stuck`.
  Outcome step(const Op &op);
  // Frees the skb, the sources and the allocator's buckets: what is broken then.
  Candidates teardown();
  void make_current() { supply_.make_current(); }

  const std::vector<std::pair<Obs, Obs>> &observed() const { return observed_; }
  const std::vector<uint64_t> &source_serials() const { return source_serials_; }
  bool diverged() const { return diverged_; }

 private:
  // A refcounted page of the harness's memory: its head, and the references the
  // harness itself holds on it.
  struct Unit {
    uint64_t serial;
    uint32_t sub;
    const struct page *head;
    int base;
  };
  struct Block {
    struct page *head;
    unsigned order;
    bool slab;
  };

  std::vector<Memory> make_memory(const Op &op);
  Memory allocate(Backing backing, uint32_t offset, uint32_t len);
  void compare_splice(const Obs &mo, const Obs &io, unsigned nr_before, Candidates &out) const;
  void check_bytes(Candidates &out) const;
  void check_refs(Candidates &out) const;
  void check_copies(const Obs &mo, unsigned nr_before, uint64_t obtained, Candidates &out) const;
  void free_memory();

  shim::PageSupply supply_;
  bool series_;
  SpliceModel model_;
  SpliceImpl impl_;
  std::vector<Block> blocks_;
  std::vector<Unit> units_;
  uint64_t next_source_ = 0;
  size_t ops_ = 0;
  std::vector<std::pair<Obs, Obs>> observed_;
  std::vector<uint64_t> source_serials_;
  bool diverged_ = false;
};

class Differential {
 public:
  Differential(Profile profile, std::optional<BugId> bug, size_t max_ops);
  Differential(const Subject &subject, std::optional<BugId> bug, size_t max_ops);
  ~Differential();

  // Applies op to every side; returns the first broken check in `asserted`. Once the
  // sides have diverged, later ops are not compared.
  std::optional<Finding> step(const Op &op, const CheckSet &asserted);
  // Frees the skb, the sources and the allocator's buckets; checks nothing is left.
  std::optional<Finding> teardown(const CheckSet &asserted);

  const std::vector<Op> &executed() const { return executed_; }
  // The model's and the (last) implementation's observation per op.
  const std::vector<std::pair<Obs, Obs>> &observed() const { return sides_.back()->observed(); }
  bool diverged() const { return diverged_; }
  // Keep applying ops to every side after a finding (the oracle compares each side to a
  // kernel to the end of the trace); checks are still reported once.
  void keep_going() { keep_going_ = true; }
  // The page supply's serial of each source (Seg or Prefill page) of the (last) side, in
  // the order made.
  const std::vector<uint64_t> &source_serials() const { return sides_.back()->source_serials(); }

 private:
  // Three-way: the two implementations must observe the same and break the same checks.
  std::optional<Finding> judge(const std::vector<DifferentialSide::Outcome> &outs, const CheckSet &asserted);

  ScopedBug bug_;
  std::vector<std::unique_ptr<DifferentialSide>> sides_;
  std::vector<std::string> labels_;
  std::vector<Op> executed_;
  bool diverged_ = false;
  bool keep_going_ = false;
};

}  // namespace sc::splice
