// SPDX-License-Identifier: GPL-2.0-only
// The process runner: arguments reach the program literally (no shell sees them), exit
// codes and signals come back, a timeout ends the program and what it started.
#include <sys/process.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

namespace {

namespace fs = std::filesystem;
using sc::sys::Command;
using sc::sys::run;

fs::path scratch() {
  fs::path d = fs::temp_directory_path() / ("sc-process-test-" + std::to_string(getpid()));
  fs::create_directories(d);
  return d;
}

TEST(Process, ArgumentsArriveLiterally) {
  fs::path d = scratch();
  fs::path marker = d / "PWNED";
  std::vector<std::string> hostile = {"$(touch " + marker.string() + ")", "`touch " + marker.string() + "`",
                                      "'; touch " + marker.string() + "; '", "a\nb", "-n", "\"q\" *", ""};
  for (const auto &arg : hostile) {
    auto r = run(Command{{"printf", "%s", arg}});
    EXPECT_EQ(r.exit_code, 0) << r.status_text(Command{{"printf"}});
    EXPECT_EQ(r.out, arg);
  }
  EXPECT_FALSE(fs::exists(marker));
  fs::remove_all(d);
}

TEST(Process, ExitCodeAndStderr) {
  auto r = run(Command{{"ls", "/nonexistent-sc-path"}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("nonexistent-sc-path"), std::string::npos);
  Command merged{{"ls", "/nonexistent-sc-path"}};
  merged.stderr_to_stdout = true;
  r = run(merged);
  EXPECT_NE(r.out.find("nonexistent-sc-path"), std::string::npos);
  EXPECT_EQ(r.err, "");
}

TEST(Process, EnvironmentIsSet) {
  Command c{{"printenv", "SC_PROCESS_TEST"}};
  c.env = {{"SC_PROCESS_TEST", "a b $(x)"}};
  auto r = run(c);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "a b $(x)\n");
}

TEST(Process, MissingProgramIsAnError) {
  auto r = run(Command{{"sc-no-such-program-anywhere"}});
  EXPECT_EQ(r.exit_code, -1);
  EXPECT_NE(r.error.find("cannot run sc-no-such-program-anywhere"), std::string::npos);
}

TEST(Process, SignalIsReported) {
  auto r = run(Command{{"kill", "-9", "0"}});  // kills its own group, i.e. itself
  EXPECT_EQ(r.signal, 9);
  EXPECT_EQ(r.exit_code, -1);
}

bool gone(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string pid_s, comm, state;
  return !(stat >> pid_s >> comm >> state) || state == "Z";
}

TEST(Process, TimeoutEndsTheWholeGroup) {
  fs::path d = scratch(), pidfile = d / "child.pid";
  Command c{{SC_PROCESS_TEST_DIR "/leaves_a_child.sh", pidfile.string()}};
  c.timeout_seconds = 0.5;
  auto r = run(c);
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.signal, 9);
  pid_t child = 0;
  std::ifstream(pidfile) >> child;
  ASSERT_GT(child, 0);
  // SIGKILL is delivered at once, but the reaping of an orphan takes init a moment.
  for (int i = 0; i < 200 && !gone(child); i++)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_TRUE(gone(child));
  fs::remove_all(d);
}

}  // namespace
