// SPDX-License-Identifier: GPL-2.0-only
#include <cli/killmatrix/selection.h>

#include <filesystem>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace sc::km {

std::optional<RowPattern> RowPattern::compile(const std::string &pattern, std::string *why) {
  auto refuse = [&](const std::string &what) {
    *why = "--rows '" + pattern + "': " + what;
    return std::nullopt;
  };
  if (pattern.empty())
    return refuse("an empty pattern selects every row; leave --rows out for that");
  if (pattern.size() > kMaxRowsPattern)
    return refuse("longer than " + std::to_string(kMaxRowsPattern) + " characters");
  if (pattern.find('{') != std::string::npos)
    return refuse("counted repetition {m,n} is not accepted (write the alternatives out with |)");
  for (size_t i = 0; i + 1 < pattern.size(); i++)
    if (pattern[i] == '\\' && pattern[i + 1] >= '1' && pattern[i + 1] <= '9')
      return refuse("back-references are not accepted");
  auto re = std::shared_ptr<regex_t>(new regex_t, [](regex_t *r) {
    regfree(r);
    delete r;
  });
  if (int rc = regcomp(re.get(), pattern.c_str(), REG_EXTENDED | REG_NOSUB); rc != 0) {
    char msg[256];
    regerror(rc, re.get(), msg, sizeof msg);
    // regfree only after a successful regcomp.
    re = std::shared_ptr<regex_t>(new regex_t, [](regex_t *r) { delete r; });
    return refuse(std::string("not a regular expression (POSIX extended): ") + msg);
  }
  RowPattern p;
  p.re_ = std::move(re);
  return p;
}

bool RowPattern::matches(const std::string &id) const { return regexec(re_.get(), id.c_str(), 0, nullptr, 0) == 0; }

std::optional<std::vector<Detector>> parse_detectors(const std::string &list, std::string *why) {
  const char *known = "props, stateful, fuzz, explore, asan-ubsan, tsan, oracle, kernel-src, witness";
  if (list.empty()) {
    *why = std::string("--detectors is empty: name at least one of ") + known;
    return std::nullopt;
  }
  std::vector<Detector> out;
  std::stringstream s(list + ",");
  for (std::string name; std::getline(s, name, ',');) {
    auto d = parse_detector(name);
    if (!d) {
      *why = "--detectors: unknown detector '" + name + "' (" + known + ")";
      return std::nullopt;
    }
    out.push_back(*d);
  }
  return out;
}

bool can_write(const std::string &flag, const std::string &path, std::string *why) {
  namespace fs = std::filesystem;
  auto refuse = [&](const std::string &what) {
    *why = "--" + flag + " '" + path + "': " + what;
    return false;
  };
  if (path.empty())
    return refuse("no file name");
  struct stat st {};
  if (stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode))
      return refuse("is a directory");
    return access(path.c_str(), W_OK) == 0 || refuse("cannot be written");
  }
  fs::path parent = fs::path(path).parent_path();
  if (parent.empty())
    parent = ".";
  if (stat(parent.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    return refuse("'" + parent.string() + "' is not a directory");
  return access(parent.c_str(), W_OK | X_OK) == 0 || refuse("cannot create files in '" + parent.string() + "'");
}

}  // namespace sc::km
