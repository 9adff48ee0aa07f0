// SPDX-License-Identifier: GPL-2.0-only
#include <oracle/runner.h>

#include <sys/process.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace sc::oracle {

bool is_named_kernel(const std::string &kernel) { return kernel == "6.1" || kernel == "6.12" || kernel == "7.2"; }

std::optional<RunnerResult> run_runner(const RunnerCall &c, std::string *why) {
  namespace fs = std::filesystem;
  std::string templ = (fs::temp_directory_path() / "splicecheck-oracle-XXXXXX").string();
  if (!mkdtemp(templ.data())) {
    *why = "cannot make a temporary directory under " + fs::temp_directory_path().string();
    return std::nullopt;
  }
  std::string in = templ + "/input.txt", out = templ + "/results.txt";
  std::ofstream(in) << c.input;
  // Paths go in absolute: the runner then never sees an argument starting with '-'.
  std::error_code ec;
  sys::Command cmd{{c.runner, is_named_kernel(c.kernel) ? c.kernel : fs::absolute(c.kernel, ec).string(), c.program,
                    in, out}};
  for (const auto &[name, path] : c.path_env)
    if (!path.empty())
      cmd.env.emplace_back(name, fs::absolute(path, ec).string());
  cmd.stderr_passthrough = true;
  static int boots = 0;
  auto started = std::chrono::steady_clock::now();
  std::cerr << "oracle: boot " << ++boots << ": " << c.what << " on --kernel " << c.kernel << std::endl;
  auto r = sys::run(cmd);
  std::cerr << "oracle: boot " << boots << " ended in " << std::fixed << std::setprecision(1)
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() << " s" << std::endl;
  RunnerResult res{r.exit_code, r.status_text(cmd), {}};
  std::stringstream text;
  text << std::ifstream(out).rdbuf();
  res.output = text.str();
  fs::remove_all(templ, ec);
  return res;
}

}  // namespace sc::oracle
