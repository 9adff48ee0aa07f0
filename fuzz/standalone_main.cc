// SPDX-License-Identifier: GPL-2.0-only
// The harnesses without the fuzzing engine (every build but `fuzz`): runs each FILE, or
// every file in each DIRECTORY, through LLVMFuzzerTestOneInput once, as libFuzzer does
// with -runs=0. Flags starting with "--" go to the harness; libFuzzer's own ("-runs=0")
// are accepted and ignored, so one command line serves both builds.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv);
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

void run_file(const std::filesystem::path &p) {
  std::ifstream in(p, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size());
}

}  // namespace

int main(int argc, char **argv) {
  LLVMFuzzerInitialize(&argc, &argv);
  size_t runs = 0;
  for (int i = 1; i < argc; i++) {
    std::string arg = argv[i];
    if (arg.rfind("-", 0) == 0)
      continue;
    std::error_code ec;
    if (std::filesystem::is_directory(arg, ec)) {
      std::vector<std::filesystem::path> files;
      for (const auto &e : std::filesystem::directory_iterator(arg))
        if (e.is_regular_file() && e.path().extension() != ".trace")
          files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (const auto &f : files) {
        run_file(f);
        runs++;
      }
    } else if (std::filesystem::is_regular_file(arg, ec)) {
      run_file(arg);
      runs++;
    } else {
      std::fprintf(stderr, "%s: no such file or directory '%s'\n", argv[0], arg.c_str());
      return 2;
    }
  }
  std::fprintf(stderr, "%s: %zu inputs, none broke a check\n", argv[0], runs);
  return 0;
}
