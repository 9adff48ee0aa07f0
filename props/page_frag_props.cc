// SPDX-License-Identifier: GPL-2.0-only
#include <props/page_frag_props.h>

#include <linux/gfp_types.h>
#include <props/failure_log.h>
#include <props/page_frag_boundary.h>
#include <props/stateful.h>
#include <props/rc_run.h>
#include <rapidcheck.h>
#include <rapidcheck/state.h>

namespace sc::alloc {
namespace {

CheckSet all_checks() { return CheckSet{}.set(); }

// The rapidcheck model: the reference model plus which property is generating.
struct GenState {
  PageFragModel model;
  const Property *prop;
};

using Sut = CaseUnderTest<Property, Differential>;
thread_local FailureLog<Check, PropertyFailure> t_log;
thread_local std::string t_profile_name;  // the boundary table's path: profile, then cpu

// Buckets in shrink order: rapidcheck shrinks a choice towards the first bucket, and a
// whole-page request makes the shortest counterexamples (the next request exhausts it).
uint32_t gen_size(const GenConfig &g) {
  using rc::gen::inRange;
  return *rc::gen::weightedOneOf<uint32_t>({
      {1, rc::gen::just<uint32_t>(32768)},
      {6, inRange<uint32_t>(1, 257)},
      {6, inRange<uint32_t>(257, 4097)},
      {g.large ? 4u : 0u, inRange<uint32_t>(4097, 32769)},
      {1, rc::gen::just<uint32_t>(0)},
      {g.large ? 2u : 0u, inRange<uint32_t>(32769, kMaxFragSize + 1)},
  });
}

Op gen_op(const GenState &s) {
  const GenConfig &g = s.prop->gen;
  size_t live = s.model.live_count();
  using K = OpKind;
  auto kind = *rc::gen::weightedElement<K>({
      {10, K::Alloc},
      {live ? g.free_weight : 0u, K::Free},
      {live ? g.dirty_weight : 0u, K::Dirty},
      {g.drains ? 1u : 0u, K::Drain},
      {g.faults ? (g.pressure ? 4u : 1u) : 0u, K::FailPages},
      {g.faults ? 1u : 0u, K::FailAfter},
      {g.reserve ? (g.pressure ? 4u : 1u) : 0u, K::Reserve},
  });
  auto cpu = [&] { return pick(rc::gen::inRange<uint32_t>(0, g.cpus)); };
  switch (kind) {
  case K::Alloc: {
    Alloc a;
    a.cpu = cpu();
    a.fragsz = gen_size(g);
    a.gfp = pick(rc::gen::elementOf(g.gfps));
    a.align = g.aligns ? 1u << pick(rc::gen::weightedElement<uint32_t>({{4, 0}, {1, 3}, {1, 6}, {1, 12}})) : 1;
    if (pick(rc::gen::weightedElement<bool>({{5, false}, {1, true}})))  // steered to a boundary
      a.fragsz = boundary_size(s.model, a.cpu, a.align, g.large, pick(rc::gen::inRange<uint32_t>(0, 6)),
                               pick(rc::gen::inRange<uint32_t>(0, 3)));
    return a;
  }
  case K::Free:
    return Free{pick(rc::gen::inRange<uint32_t>(0, static_cast<uint32_t>(live)))};
  case K::Dirty:
    return Dirty{pick(rc::gen::inRange<uint32_t>(0, static_cast<uint32_t>(live)))};
  case K::Drain:
    return Drain{cpu()};
  case K::FailPages:
    return FailPages{pick(rc::gen::weightedElement<SupplyFault>(
        {{1, SupplyFault::none}, {g.pressure ? 4u : 1u, SupplyFault::high_order}, {1, SupplyFault::all}}))};
  case K::FailAfter:
    return FailAfter{pick(rc::gen::inRange<uint32_t>(0, 4))};
  case K::Reserve:
    return Reserve{pick(rc::gen::weightedElement<bool>({{1, false}, {g.pressure ? 4u : 1u, true}}))};
  }
  return Alloc{};
}

struct OpCommand final : rc::state::Command<GenState, Sut> {
  Op op;

  explicit OpCommand(const GenState &s) : op(gen_op(s)) {}

  void checkPreconditions(const GenState &s) const override {
    RC_PRE(s.model.valid(op));
    if (auto *a = std::get_if<Alloc>(&op); a && !s.prop->gen.exhaustion)
      RC_PRE(!s.model.exhausts(*a));
  }

  void apply(GenState &s) const override { s.model.apply(op); }

  void run(const GenState &s, Sut &sut) const override {
    mark_boundaries(t_profile_name, s.model, op);
    if (auto f = sut.diff.step(op, sut.prop->asserted))
      fail_with(t_log, *f, sut.diff, "");
  }

  void show(std::ostream &os) const override { os << format_op(op); }
};

Property prop(const char *name, const char *help, GenConfig gen, CheckSet asserted) {
  return Property{name, help, std::move(gen), asserted};
}


}  // namespace

std::vector<uint32_t> every_caller_gfp() {
  return {GFP_KERNEL, GFP_KERNEL | __GFP_ZERO, GFP_ATOMIC, GFP_ATOMIC | __GFP_ZERO};
}

const std::vector<Property> &alloc_properties() {
  using C = Check;
  static const std::vector<Property> table = {
      prop("matches_model", "every op's observation equals the model's, and every other check holds",
           {.aligns = true, .large = true, .faults = true, .reserve = true}, all_checks()),
      prop("zero_on_return", "nvme-tcp pattern: one cache, every caller asks __GFP_ZERO; fragments read 0",
           {.cpus = 1, .gfps = {GFP_KERNEL | __GFP_ZERO}, .teardown = false, .free_weight = 9, .dirty_weight = 6},
           checks({C::zero_after_recycle})),
      prop("zero_mixed_callers", "a shared cache with zeroing and non-zeroing callers; zeroed fragments read 0",
           {.cpus = 1, .teardown = false}, checks({C::zero_on_unzeroed_page})),
      prop("fragments_well_formed", "fragments are inside their page, aligned, disjoint and keep their bytes",
           {.aligns = true, .large = true, .faults = true},
           checks({C::inside_page, C::aligned, C::disjoint, C::content_intact})),
      prop("refcount_balance", "refcount == bias + live fragments while cached, == live fragments after",
           {.aligns = true, .large = true, .faults = true, .reserve = true},
           checks({C::refcount_cached, C::refcount_abandoned, C::refcount_drained, C::supply_misuse})),
      prop("abandoned_pages_return", "a page left at exhaustion goes back when its last fragment is freed",
           {.large = true, .drains = false, .teardown = false},
           checks({C::refcount_abandoned, C::released_at_last_ref})),
      prop("drain_returns_references", "draining a cache gives back its references; nothing leaks",
           {.exhaustion = false}, checks({C::refcount_drained, C::drain_releases_page, C::no_leak_at_teardown})),
      prop("pfmemalloc_never_recycled", "reserve pages are given back at exhaustion, never reused",
           {.gfps = {GFP_ATOMIC, GFP_ATOMIC | __GFP_ZERO}, .faults = true, .reserve = true, .free_weight = 9,
            .pressure = true},
           checks({C::pfmemalloc_not_recycled})),
      prop("null_only_when_supply_fails", "NULL exactly when the supply fails or fragsz exceeds the page held",
           {.large = true, .faults = true}, checks({C::null_only_when_supply_fails, C::offset_matches_model})),
  };
  return table;
}

const Property *find_property(std::string_view name) { return find_named(alloc_properties(), name); }

void alloc_property_case(const Property &p, Profile profile, std::optional<BugId> bug) {
  alloc_property_case(p, Subject{profile}, bug);
}

void alloc_property_case(const Property &p, const Subject &subject, std::optional<BugId> bug) {
  t_profile_name = profile_info(subject.profile).name;
  GenState init{PageFragModel(carving_rules(subject.profile), p.gen.cpus), &p};
  // Teardown adds one Free per fragment and a Drain per cpu.
  run_case<OpCommand>(t_log, init,
                      [&](size_t ops) { return Sut(p, subject, bug, p.gen.cpus, 2 * (ops + p.gen.cpus)); });
}

PropertyOutcome run_alloc_property(const Property &p, Profile profile, std::optional<BugId> bug, uint64_t seed,
                                   int cases) {
  return run_alloc_property(p, Subject{profile}, bug, seed, cases);
}

PropertyOutcome run_alloc_property(const Property &p, const Subject &subject, std::optional<BugId> bug, uint64_t seed,
                                   int cases) {
  declare_boundaries(profile_info(subject.profile).name, p.gen.cpus);
  return run_logged<PropertyOutcome>(t_log, p.name, p.help, seed, cases, kMaxCommands,
                                     [&] { alloc_property_case(p, subject, bug); });
}

}  // namespace sc::alloc
