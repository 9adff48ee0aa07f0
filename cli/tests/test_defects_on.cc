// SPDX-License-Identifier: GPL-2.0-only
// Linked into splicecheck-defects only: switches on the test defect named by
// SC_TEST_DEFECT (impl/test_defects.h) before main runs. The shipped splicecheck has no
// way to set one.
#include <impl/test_defects.h>

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

const bool g_switched = [] {
  using sc::impl::TestDefect;
  const char *name = std::getenv("SC_TEST_DEFECT");
  std::string_view n = name ? name : "";
  if (n == "refill_loops")
    sc::impl::test_defect = TestDefect::refill_loops;
  else if (n == "splice_retry_loops")
    sc::impl::test_defect = TestDefect::splice_retry_loops;
  else if (n == "tls_full_list_loops")
    sc::impl::test_defect = TestDefect::tls_full_list_loops;
  else if (n == "skb_frag_overrun")
    sc::impl::test_defect = TestDefect::skb_frag_overrun;
  else if (n == "seal_overrun")
    sc::impl::test_defect = TestDefect::seal_overrun;
  else if (n == "sendpage_exact_fill")
    sc::impl::test_defect = TestDefect::sendpage_exact_fill;
  else if (n == "series_copy_fail_no_revert")
    sc::impl::test_defect = TestDefect::series_copy_fail_no_revert;
  else if (n == "tls_v65_splice_unpushed")
    sc::impl::test_defect = TestDefect::tls_v65_splice_unpushed;
  else {
    std::fprintf(stderr, "splicecheck-defects: SC_TEST_DEFECT must be refill_loops, splice_retry_loops, "
                         "tls_full_list_loops, skb_frag_overrun, seal_overrun, sendpage_exact_fill, "
                         "series_copy_fail_no_revert or tls_v65_splice_unpushed\n");
    std::exit(2);
  }
  return true;
}();

}  // namespace
