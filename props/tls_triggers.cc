// SPDX-License-Identifier: GPL-2.0-only
// kTLS's profile rows, matched by what they are: each row's trigger, a predicate over an
// op and what the software path's open record went through during it. A finding of
// a whole run (op 0, or close) looks at every op; one of op n at ops 1..n, as a record
// left open by one op breaks the next. A row explains a failure only when it claims the
// failed check and its trigger holds (api/bugs.h).
#include <props/tls_check.h>
#include <props/trigger_rows.h>

#include <impl/tls_impl.h>

namespace sc::tls {
namespace {

bool splice_path(OpKind k) { return k == OpKind::splice || k == OpKind::sendfile || k == OpKind::sendpage; }
// An op through sendmsg's copy path.
bool copy_path(OpKind k) { return k == OpKind::send || k == OpKind::sendmsg || k == OpKind::write || k == OpKind::ctrl; }

}  // namespace

std::vector<BugId> triggers_at(const Scenario &s, const ImplRun &run, size_t op_index) {
  bool left_full = false, filled_and_pushed = false, copy_left_full = false;
  size_t last = op_index == 0 ? run.facts.size() : std::min(op_index, run.facts.size());
  for (size_t i = 0; i < last; i++) {
    OpKind k = s.ops[i].kind;
    const OpFacts &f = run.facts[i];
    // tls_v65_splice_onto_full: a record left open with a full list (the next op, or
    // the rest of this one, adds to the full ring, or close() drops it).
    bool full_open = f.full_after || f.kept_full_open;
    left_full |= full_open;
    // tls_v65_encrypted_untrimmed: a splice-path op pushed a record whose list it filled.
    filled_and_pushed |= splice_path(k) && f.pushed_full;
    // tls_v612_copy_fills_open: a copy left the open record's list full.
    copy_left_full |= copy_path(k) && full_open;
  }
  return rows_triggered({{left_full, BugId::tls_v65_splice_onto_full},
                         {filled_and_pushed, BugId::tls_v65_encrypted_untrimmed},
                         {copy_left_full, BugId::tls_v612_copy_fills_open}});
}

}  // namespace sc::tls
