// SPDX-License-Identifier: GPL-2.0-only
// The allocator's profile rows, matched by what they are: each row's trigger, a predicate
// over the op, the model's observation of it and the case so far. A row explains a
// failure only when it claims the failed check and its trigger holds (api/bugs.h).
#include <props/page_frag_check.h>
#include <props/trigger_rows.h>

namespace sc::alloc {
namespace {

bool zero_alloc_on(const Op &op, const Obs &mo, const PageFragModel &model, bool (*history)(const PageFragModel::Page &)) {
  auto *a = std::get_if<Alloc>(&op);
  if (!a || !gfp_zeroes(a->gfp) || !mo.frag)
    return false;
  const auto *p = model.page(mo.frag->page);
  return p && history(*p);
}

}  // namespace

std::vector<BugId> TriggerHistory::since() const {
  return rows_triggered({{abandoned, BugId::p01_abandon_leak},
                         {drained, BugId::p01_drain_leak},
                         {failed_alloc, BugId::p06_null_folio_after_failed_refill},
                         {large_request, BugId::v613_large_request_no_refill}});
}

std::vector<BugId> triggers_at(TriggerHistory &h, const Op &op, const Obs &mo, std::optional<uint64_t> cached_before,
                               const PageFragModel &model) {
  const auto *left = cached_before ? model.page(*cached_before) : nullptr;
  // p01_abandon_leak: from the op that leaves a cached page behind with live fragments.
  if (std::holds_alternative<Alloc>(op) && left && left->where == PageFragModel::Where::abandoned)
    h.abandoned = true;
  // p01_drain_leak: from a drain of a cache that held a page.
  if (std::holds_alternative<Drain>(op) && cached_before)
    h.drained = true;
  // p06_null_folio_after_failed_refill: from an Alloc the contract answers with NULL
  // (a refill that failed, or a request too big for the page then held).
  if (mo.is_alloc && !mo.frag)
    h.failed_alloc = true;
  // v613_large_request_no_refill: from an Alloc of more than a page (its NULL leaves the
  // cache's offset where the contract's refill would not, so later fragments differ too).
  if (auto *a = std::get_if<Alloc>(&op); a && a->fragsz > kPageSize)
    h.large_request = true;
  std::vector<BugId> out = h.since();
  // gfp_zero_reuse: a __GFP_ZERO fragment carved from a page recycled in place.
  if (zero_alloc_on(op, mo, model, [](const PageFragModel::Page &p) { return p.recycled; }))
    out.push_back(BugId::gfp_zero_reuse);
  // gfp_zero_mixed_caller: a __GFP_ZERO fragment from a page refilled for a caller without it.
  if (zero_alloc_on(op, mo, model, [](const PageFragModel::Page &p) { return !p.zeroed_at_refill; }))
    out.push_back(BugId::gfp_zero_mixed_caller);
  return out;
}

}  // namespace sc::alloc
