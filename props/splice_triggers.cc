// SPDX-License-Identifier: GPL-2.0-only
// skb_splice_from_iter()'s profile rows, matched by what they are: each row's trigger, a
// predicate over the op and the model's account of it. A row explains a failure only
// when it claims the failed check and its trigger holds at the failing op (api/bugs.h).
#include <props/splice_check.h>

namespace sc::splice {

std::vector<BugId> triggers_at(const Op &op, const Obs &mo, const SpliceModel &model) {
  std::vector<BugId> out;
  if (!std::holds_alternative<Splice>(op))
    return out;
  const SpliceFacts &f = model.last_splice();
  // splice_eio_no_revert: the call stopped at a page sendpage_ok() refuses (a slab page
  // where slab is not copied, a refcount-0 page): -EIO or the bytes before it.
  if (f.refused)
    out.push_back(BugId::splice_eio_no_revert);
  // splice_csum_offset_stale: with CHECKSUM_NONE, a part placed after an odd number of
  // bytes this same call placed (where a short extraction splits them, anywhere).
  if (mo.software_csum && (f.part_at_odd_offset || (f.short_extraction && mo.ret > 1)))
    out.push_back(BugId::splice_csum_offset_stale);
  // series_memdup_align_ulong_max: the call copied slab data into page fragments.
  if (f.copies)
    out.push_back(BugId::series_memdup_align_ulong_max);
  return out;
}

}  // namespace sc::splice
