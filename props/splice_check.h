// SPDX-License-Identifier: GPL-2.0-only
// Runs one splice op sequence on the reference model and on an implementation profile
// side by side. The harness makes the world both see (source memory with known bytes,
// prefill pages) and checks every obligation of api/splice_checks.def after every op.
#pragma once

#include <api/bugs.h>
#include <api/splice.h>
#include <impl/splice_impl.h>
#include <model/splice_model.h>
#include <sc/page_supply.h>

#include <bitset>
#include <initializer_list>
#include <iterator>
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

class Differential {
 public:
  Differential(Profile profile, std::optional<BugId> bug, size_t max_ops);
  ~Differential();

  // Applies op to both sides; returns the first broken check in `asserted`. Once the
  // sides have diverged, later ops are not compared.
  std::optional<Finding> step(const Op &op, const CheckSet &asserted);
  // Frees the skb, the sources and the allocator's buckets; checks nothing is left.
  std::optional<Finding> teardown(const CheckSet &asserted);

  const std::vector<Op> &executed() const { return executed_; }
  const std::vector<std::pair<Obs, Obs>> &observed() const { return observed_; }
  bool diverged() const { return diverged_; }

 private:
  struct Candidate {
    Check check;
    std::string detail;
  };
  using Candidates = std::vector<Candidate>;
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
  ScopedBug bug_;
  bool series_;
  SpliceModel model_;
  SpliceImpl impl_;
  std::vector<Block> blocks_;
  std::vector<Unit> units_;
  uint64_t next_source_ = 0;
  std::vector<Op> executed_;
  std::vector<std::pair<Obs, Obs>> observed_;
  bool diverged_ = false;
};

}  // namespace sc::splice
