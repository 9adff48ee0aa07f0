// SPDX-License-Identifier: GPL-2.0-only
// Linked into splicecheck-defects only: switches on the test defect named by
// SC_TEST_DEFECT (impl/test_defects.h) before main runs. The shipped splicecheck has no
// way to set one.
#include <impl/test_defects.h>

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

using sc::impl::TestDefect;

struct Named {
  std::string_view name;
  TestDefect defect;
};

constexpr Named kDefects[] = {
    {"refill_loops", TestDefect::refill_loops},
    {"splice_retry_loops", TestDefect::splice_retry_loops},
    {"tls_full_list_loops", TestDefect::tls_full_list_loops},
    {"skb_frag_overrun", TestDefect::skb_frag_overrun},
    {"seal_overrun", TestDefect::seal_overrun},
    {"sendpage_exact_fill", TestDefect::sendpage_exact_fill},
    {"series_copy_fail_no_revert", TestDefect::series_copy_fail_no_revert},
    {"tls_v65_splice_unpushed", TestDefect::tls_v65_splice_unpushed},
};

const bool g_switched = [] {
  const char *name = std::getenv("SC_TEST_DEFECT");
  std::string_view n = name ? name : "";
  for (const auto &d : kDefects)
    if (n == d.name) {
      sc::impl::test_defect = d.defect;
      return true;
    }
  std::fprintf(stderr, "splicecheck-defects: SC_TEST_DEFECT must be refill_loops, splice_retry_loops, "
                       "tls_full_list_loops, skb_frag_overrun, seal_overrun, sendpage_exact_fill, "
                       "series_copy_fail_no_revert or tls_v65_splice_unpushed\n");
  std::exit(2);
}();

}  // namespace
