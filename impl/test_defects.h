// SPDX-License-Identifier: GPL-2.0-only
// Defects that only the test program splicecheck-defects switches on (cli/tests), so a
// CTest can show the main job finds them: loops without progress inside one op (the
// no_progress check), writes past a fixed-size array (contained by the shim), a mistake
// visible only when a later step fails, and checks a profile row claims broken on a path
// the row's trigger does not cover (UNEXPECTED). Not bug rows: no user flag reaches
// them, the shipped binary never sets them.
#pragma once

namespace sc::impl {

enum class TestDefect {
  none,
  refill_loops,       // alloc p06/series: a page too small for the request is freed and refilled, forever
  splice_retry_loops, // splice v6.5: at the frag limit the batch is reverted and extracted again, forever
  tls_full_list_loops, // tls newest: a splice onto a full sk_msg list adds nothing and does not close the record
  // Memory errors the shim must contain (a finding, never heap corruption):
  skb_frag_overrun,    // splice: skb_append_pagefrags() adds a frag at i == MAX_SKB_FRAGS (`<=` for `<`)
  seal_overrun,        // tls sw: the encrypted buffer is one byte short of what the AEAD writes
  // A mistake only a failed step shows:
  sendpage_exact_fill, // tls v6.1: ->sendpage tests the record full with `>` for `>=`
  // Checks a row claims, broken where its trigger does not hold:
  series_copy_fail_no_revert, // splice series: a failed slab copy leaves the iterator past the whole batch
  tls_v65_splice_unpushed     // tls v6.5: a splice-path call that ends its record leaves it open, unpushed
};

inline TestDefect test_defect = TestDefect::none;

inline bool test_defect_on(TestDefect d) { return test_defect == d; }

}  // namespace sc::impl
