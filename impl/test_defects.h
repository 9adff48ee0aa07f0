// SPDX-License-Identifier: GPL-2.0-only
// Defects that only the test program splicecheck-defects switches on (cli/tests): each
// makes a mirror loop without progress inside one op, so a CTest can show the
// no_progress check ends the run with a finding. Not bug rows: no user flag reaches
// them, the shipped binary never sets them, and no detector but that check is owed.
#pragma once

namespace sc::impl {

enum class TestDefect {
  none,
  refill_loops,       // alloc p06/series: a page too small for the request is freed and refilled, forever
  splice_retry_loops, // splice v6.5: at the frag limit the batch is reverted and extracted again, forever
  tls_full_list_loops // tls newest: a splice onto a full sk_msg list adds nothing and does not close the record
};

inline TestDefect test_defect = TestDefect::none;

inline bool test_defect_on(TestDefect d) { return test_defect == d; }

}  // namespace sc::impl
