// SPDX-License-Identifier: GPL-2.0-only
// Defects that only the test program splicecheck-defects switches on (cli/tests). The
// loops make a mirror loop without progress inside one op, so a CTest can show the
// no_progress check ends the run with a finding; the others break a check a profile row
// claims, on a path the row's trigger does not cover, so a CTest can show the failure is
// UNEXPECTED. Not bug rows: no user flag reaches them, the shipped binary never sets them.
#pragma once

namespace sc::impl {

enum class TestDefect {
  none,
  refill_loops,       // alloc p06/series: a page too small for the request is freed and refilled, forever
  splice_retry_loops, // splice v6.5: at the frag limit the batch is reverted and extracted again, forever
  tls_full_list_loops, // tls newest: a splice onto a full sk_msg list adds nothing and does not close the record
  series_copy_fail_no_revert, // splice series: a failed slab copy leaves the iterator past the whole batch
  tls_v65_splice_unpushed     // tls v6.5: a splice-path call that ends its record leaves it open, unpushed
};

inline TestDefect test_defect = TestDefect::none;

inline bool test_defect_on(TestDefect d) { return test_defect == d; }

}  // namespace sc::impl
