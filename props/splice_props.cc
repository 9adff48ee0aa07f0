// SPDX-License-Identifier: GPL-2.0-only
#include <props/splice_props.h>

#include <props/failure_log.h>
#include <props/splice_boundary.h>
#include <props/stateful.h>
#include <props/rc_run.h>
#include <rapidcheck.h>
#include <rapidcheck/state.h>

namespace sc::splice {
namespace {

struct GenState {
  SpliceModel model;
  const Property *prop;
  bool has_iter = false;
  bool spliced = false;  // from the current iterator
  IterKind kind = IterKind::bvec;
  unsigned segs = 0;
  unsigned frags = 0;    // an estimate, to keep Prefill in range
  uint32_t last_end = 0; // in-page offset where the last segment ended
  uint64_t blocks = 0;   // memory made so far: each block a serial of its own
  IterPages iter_pages{};  // for the boundary table
};

using Sut = CaseUnderTest<Property, Differential>;
thread_local FailureLog<Check, PropertyFailure> t_log;

// Offsets in shrink order; one bucket continues at the in-page offset where the last
// segment ended, so data from another page can line up with the last frag.
uint32_t gen_offset(const GenConfig &g, uint32_t last_end) {
  using rc::gen::inRange;
  return pick(rc::gen::weightedOneOf<uint32_t>({
      {3, rc::gen::just<uint32_t>(0)},
      {2, rc::gen::just<uint32_t>(last_end % 4096)},
      {g.odd ? 4u : 2u, inRange<uint32_t>(1, 64)},
      {2, inRange<uint32_t>(4000, 4096)},
      {2, inRange<uint32_t>(64, 16384)},
  }));
}

uint32_t gen_len(const GenConfig &g, uint32_t offset) {
  using rc::gen::inRange;
  uint32_t room = kMaxBlock - offset;
  uint32_t len = pick(rc::gen::weightedOneOf<uint32_t>({
      {3, inRange<uint32_t>(1, 200)},
      {g.odd ? 4u : 1u, rc::gen::map(inRange<uint32_t>(0, 100), [](uint32_t v) { return 2 * v + 1; })},
      {2, inRange<uint32_t>(3000, 9000)},
      {1, inRange<uint32_t>(9000, kMaxBlock)},
      {2, rc::gen::just<uint32_t>(0)},  // steered: to the page's last byte, or one either side
  }));
  if (!len)
    return length_to_page_end(offset, pick(rc::gen::inRange<uint32_t>(0, 3)), room);
  return std::max<uint32_t>(1, std::min(len, room));
}

Op gen_op(const GenState &s) {
  const GenConfig &g = s.prop->gen;
  using K = OpKind;
  bool can_seg = s.has_iter && !s.spliced && s.segs < kMaxSegments && !(s.kind == IterKind::ubuf && s.segs);
  auto kind = pick(rc::gen::weightedElement<K>({
      {s.has_iter && !s.spliced ? 1u : 4u, K::Iter},
      {can_seg ? 8u : 0u, K::Seg},
      {s.segs ? g.splices * 2 : 0u, K::Splice},
      {g.limits && s.frags < kMaxFrags ? 1u : 0u, K::Prefill},
      {g.limits ? 1u : 0u, K::Limit},
      {g.software_csum ? 2u : 0u, K::Csum},
      {g.faults ? 1u : 0u, K::Extract},
      {g.faults ? 1u : 0u, K::CopyFail},
      {g.faults ? 1u : 0u, K::CopyFailAt},
      {1, K::FreeSkb},
  }));
  switch (kind) {
  case K::Iter: {
    unsigned user = g.user_iters ? 1 : 0, kernel = g.kernel_iters ? 1 : 0;
    return Iter{pick(rc::gen::weightedElement<IterKind>(
        {{4 * kernel, IterKind::bvec}, {3 * kernel, IterKind::kvec}, {user, IterKind::ubuf}, {user, IterKind::iovec}}))};
  }
  case K::Seg: {
    Backing b = Backing::user;
    if (s.kind == IterKind::bvec || s.kind == IterKind::kvec)
      b = pick(rc::gen::weightedElement<Backing>({{g.page, Backing::page}, {g.raw, Backing::raw}, {g.slab, Backing::slab}}));
    uint32_t off = gen_offset(g, s.last_end);
    return Seg{b, off, gen_len(g, off)};
  }
  case K::Splice:
    return Splice{pick(rc::gen::weightedOneOf<uint32_t>({
        {4, rc::gen::just<uint32_t>(65536)},
        {3, rc::gen::inRange<uint32_t>(1, 12000)},
        {1, rc::gen::just<uint32_t>(0)},
    }))};
  case K::Prefill:
    return Prefill{pick(rc::gen::inRange<uint32_t>(1, kMaxFrags - s.frags + 1))};
  case K::Limit:
    return Limit{pick(rc::gen::inRange<uint32_t>(1, kMaxFrags + 1))};
  case K::Csum:
    return Csum{pick(rc::gen::weightedElement<bool>({{4, true}, {1, false}}))};
  case K::Extract:
    return Extract{pick(rc::gen::weightedElement<Fault>(
        {{3, Fault::ok}, {2, Fault::short_count}, {1, Fault::zero}, {2, Fault::efault}}))};
  case K::CopyFail:
    return CopyFail{pick(rc::gen::weightedElement<bool>({{2, false}, {1, true}}))};
  case K::CopyFailAt:  // mostly a later copy of the next call: copies made, then one fails
    return CopyFailAt{pick(rc::gen::weightedOneOf<uint32_t>({
        {1, rc::gen::just<uint32_t>(1)},
        {3, rc::gen::inRange<uint32_t>(2, 5)},
        {1, rc::gen::inRange<uint32_t>(5, kMaxPrefill + 1)},
    }))};
  case K::FreeSkb:
    return FreeSkb{};
  }
  return FreeSkb{};
}

}  // namespace

std::vector<Memory> shape_of(const Op &op, uint64_t *blocks) {
  std::vector<Memory> fresh;
  if (auto *g = std::get_if<Seg>(&op))
    fresh.push_back({g->backing, ++*blocks, g->backing != Backing::raw, g->offset, g->len, 0, nullptr});
  if (auto *p = std::get_if<Prefill>(&op))
    for (uint32_t i = 0; i < p->n; i++)
      fresh.push_back({Backing::page, ++*blocks, true, 0, 100, 0, nullptr});
  return fresh;
}

namespace {

struct OpCommand final : rc::state::Command<GenState, Sut> {
  Op op;

  explicit OpCommand(const GenState &s) : op(gen_op(s)) {}

  void checkPreconditions(const GenState &s) const override { RC_PRE(s.model.valid(op)); }

  void apply(GenState &s) const override {
    // The model's world needs memory descriptions; generation needs only their shape:
    // a block of its own per memory, as the harness makes them.
    size_t limit = s.model.limit(), frags = s.model.frags().size();
    s.model.apply(op, shape_of(op, &s.blocks));
    mark_boundaries(limit, frags, s.model.frags().size(), op, &s.iter_pages);
    if (std::holds_alternative<Splice>(op))
      mark_copy_failure(s.model.last_splice(), s.iter_pages.kind);
    std::visit(
        [&](const auto &o) {
          using T = std::decay_t<decltype(o)>;
          if constexpr (std::is_same_v<T, Iter>) {
            s.has_iter = true;
            s.spliced = false;
            s.kind = o.kind;
            s.segs = 0;
          } else if constexpr (std::is_same_v<T, Seg>) {
            s.segs++;
            s.last_end = (o.offset + o.len) % 4096;
          } else if constexpr (std::is_same_v<T, Splice>) {
            s.spliced = true;
          }
        },
        op);
    s.frags = static_cast<unsigned>(s.model.frags().size());
  }

  void run(const GenState &, Sut &sut) const override {
    if (auto f = sut.diff.step(op, sut.prop->asserted))
      fail_with(t_log, *f, sut.diff, "");
  }

  void show(std::ostream &os) const override { os << format_op(op); }
};


}  // namespace

const std::vector<Property> &splice_properties() {
  using C = Check;
  static const std::vector<Property> table = {
      {"matches_model", "every splice observes what the model says, and every other check holds",
       {.faults = true, .software_csum = true}, CheckSet{}.set()},
      {"bytes_and_position", "ret, iterator position, counters and frag bytes agree with the source",
       {.slab = 3, .raw = 2, .faults = true}, checks({C::return_value, C::iter_position, C::frag_bytes, C::counters})},
      {"extraction_errors", "an extraction from user memory that fails or falls short: its error, or every byte",
       {.user_iters = true, .kernel_iters = false, .faults = true, .limits = false},
       checks({C::return_value, C::iter_position, C::frag_bytes})},
      {"frags_by_the_rules", "frags coalesce exactly when same page and contiguous; none past the limit",
       {.slab = 1, .raw = 0, .odd = true}, checks({C::frag_list, C::frag_limit, C::no_slab_frag})},
      {"slab_never_a_frag", "one iterator mixing slab and page data: slab bytes never become a frag",
       {.slab = 5, .raw = 0, .page = 5, .user_iters = false, .limits = false}, checks({C::no_slab_frag, C::frag_bytes})},
      {"references_balance", "a frag holds one reference per source page; nothing leaks when all is freed",
       {.faults = true}, checks({C::page_refs, C::supply_misuse, C::no_leak_at_teardown})},
      {"software_checksum", "with CHECKSUM_NONE, skb->csum covers every spliced byte at its offset",
       {.slab = 0, .raw = 0, .limits = false, .software_csum = true, .odd = true}, checks({C::csum})},
      {"copies_packed", "slab copies share allocator pages as a next-fit allocator would",
       {.slab = 8, .raw = 0, .page = 1, .user_iters = false, .limits = false}, checks({C::copies_packed})},
      {"fill_until_full", "repeated splices into one skb stop at the limit with nothing lost or leaked",
       {.slab = 1, .raw = 0, .user_iters = false, .splices = 8},
       checks({C::return_value, C::frag_limit, C::frag_bytes, C::page_refs, C::no_leak_at_teardown})},
  };
  return table;
}

const Property *find_property(std::string_view name) { return find_named(splice_properties(), name); }

void splice_property_case(const Property &p, Profile profile, std::optional<BugId> bug) {
  splice_property_case(p, Subject{profile, true, nullptr, ""}, bug);
}

void splice_property_case(const Property &p, const Subject &subject, std::optional<BugId> bug) {
  GenState init{SpliceModel(subject.profile), &p};
  run_case<OpCommand>(t_log, init, [&](size_t ops) { return Sut(p, subject, bug, ops + 1); });
}

PropertyOutcome run_splice_property(const Property &p, Profile profile, std::optional<BugId> bug, uint64_t seed,
                                    int cases) {
  return run_splice_property(p, Subject{profile, true, nullptr, ""}, bug, seed, cases);
}

PropertyOutcome run_splice_property(const Property &p, const Subject &subject, std::optional<BugId> bug,
                                    uint64_t seed, int cases) {
  declare_boundaries(subject.profile == Profile::splice_series);
  return run_logged<PropertyOutcome>(t_log, p.name, p.help, seed, cases, kMaxCommands,
                                     [&] { splice_property_case(p, subject, bug); });
}

}  // namespace sc::splice
