// SPDX-License-Identifier: GPL-2.0-only
// The last-resort handler itself: an exception escaping a command is exit 70 with
// "splicecheck: internal error: <what>", never an abort. (That no input reaches it is
// shown per reader by the bad-input tests.)
#include <cli/last_resort.h>

#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>
#include <thread>

namespace sc::cli {
namespace {

TEST(LastResort, ReturnsTheCommandsStatus) {
  std::ostringstream err;
  EXPECT_EQ(run_guarded([] { return 1; }, err), 1);
  EXPECT_EQ(err.str(), "");
}

TEST(LastResort, StdExceptionIsInternalError) {
  std::ostringstream err;
  EXPECT_EQ(run_guarded([]() -> int { throw std::out_of_range("stoull"); }, err), 70);
  EXPECT_EQ(err.str(), "splicecheck: internal error: stoull\n");
}

TEST(LastResort, AnyExceptionIsInternalError) {
  std::ostringstream err;
  EXPECT_EQ(run_guarded([]() -> int { throw 42; }, err), 70);
  EXPECT_EQ(err.str(), "splicecheck: internal error: an exception that is not a std::exception\n");
}

// What run_guarded cannot catch: an exception leaving a thread ends in std::terminate.
TEST(LastResortDeathTest, ExceptionInAThreadIsInternalError) {
  EXPECT_EXIT(
      {
        install_terminate_handler();
        std::thread([] { throw std::runtime_error("from a thread"); }).join();
      },
      testing::ExitedWithCode(70), "splicecheck: internal error: from a thread");
}

}  // namespace
}  // namespace sc::cli
