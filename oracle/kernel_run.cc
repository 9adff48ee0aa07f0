// SPDX-License-Identifier: GPL-2.0-only
#include <oracle/kernel_run.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace sc::oracle {
namespace {

bool number(std::string_view t, int64_t *v) {
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), *v);
  return !t.empty() && ec == std::errc() && end == t.data() + t.size();
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  if (s.empty())
    return out;
  for (size_t start = 0;;) {
    size_t at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos)
      return out;
    start = at + 1;
  }
}

// "key=value" from a RESULT line's fields.
std::optional<std::string_view> field(const std::vector<std::string_view> &fields, std::string_view key) {
  for (auto f : fields)
    if (f.size() > key.size() && f.substr(0, key.size()) == key && f[key.size()] == '=')
      return f.substr(key.size() + 1);
  return std::nullopt;
}

bool parse_result(std::string_view line, std::string *name, KernelOutcome *out, std::string *why) {
  auto fields = split(line, ' ');
  if (fields.size() < 6) {
    *why = "a RESULT line needs name, rets, records, trailing and us";
    return false;
  }
  *name = std::string(fields[1]);
  auto rets = field(fields, "rets"), records = field(fields, "records"), trailing = field(fields, "trailing");
  if (!rets || !records || !trailing) {
    *why = "missing rets=, records= or trailing=";
    return false;
  }
  for (auto r : split(*rets, ',')) {
    int64_t v;
    bool err = !r.empty() && r[0] == 'E';
    if (!number(err ? r.substr(1) : r, &v)) {
      *why = "bad return '" + std::string(r) + "'";
      return false;
    }
    out->returns.push_back(err ? -v : v);
  }
  for (auto r : split(*records, ',')) {
    auto colon = r.find(':');
    int64_t type, len;
    if (colon == std::string_view::npos || !number(r.substr(0, colon), &type) || !number(r.substr(colon + 1), &len) ||
        type < 0 || type > 255 || len < 0 || len > 65535) {
      *why = "bad record '" + std::string(r) + "'";
      return false;
    }
    out->records.push_back({static_cast<uint8_t>(type), static_cast<uint32_t>(len)});
  }
  int64_t t;
  if (!number(*trailing, &t) || t < 0) {
    *why = "bad trailing=";
    return false;
  }
  out->trailing = static_cast<uint64_t>(t);
  return true;
}

}  // namespace

std::optional<KernelRun> parse_guest_output(const std::string &text, std::string *why) {
  KernelRun run;
  run.text = text;
  bool done = false;
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); n++) {
    auto fail = [&](const std::string &what) {
      *why = "guest output line " + std::to_string(n) + ": " + what;
      return std::nullopt;
    };
    if (line.empty())
      continue;
    if (done)
      return fail("text after the run's end");
    if (line.rfind("ORACLE kernel=", 0) == 0) {
      run.release = line.substr(14, line.find(' ', 14) - 14);
    } else if (line.rfind("ORACLE done", 0) == 0) {
      done = true;
    } else if (line.rfind("ORACLE error", 0) == 0 || line.rfind("ERROR ", 0) == 0) {
      return fail("the guest reports: " + line);
    } else if (line.rfind("RESULT ", 0) == 0) {
      std::string name, what;
      KernelOutcome o;
      if (!parse_result(line, &name, &o, &what))
        return fail(what);
      if (!run.outcomes.emplace(name, o).second)
        return fail("scenario '" + name + "' twice");
    } else {
      return fail("not a line the guest writes: '" + line.substr(0, 60) + "'");
    }
  }
  if (run.release.empty()) {
    *why = "guest output has no 'ORACLE kernel=' line";
    return std::nullopt;
  }
  if (!done) {
    *why = "guest output ends before 'ORACLE done' (the guest did not finish)";
    return std::nullopt;
  }
  return run;
}

std::optional<KernelRun> boot_and_run(const KernelSpec &k, const std::vector<tls::Scenario> &scenarios,
                                      std::string *why) {
  char dir[] = "/tmp/splicecheck-oracle-XXXXXX";
  if (!mkdtemp(dir)) {
    *why = "cannot make a temporary directory";
    return std::nullopt;
  }
  std::string in = std::string(dir) + "/scenarios.txt", out = std::string(dir) + "/results.txt";
  {
    std::ofstream f(in);
    for (const auto &s : scenarios)
      f << tls::format_scenario(s) << "\n";
  }
  std::string cmd = "'" SC_ORACLE_RUN "' '" + k.kernel + "' '" SC_ORACLE_GUEST "' '" + in + "' '" + out + "'";
  if (!k.modules.empty())
    cmd = "ORACLE_MODULES='" + k.modules + "' " + cmd;
  int status = std::system(cmd.c_str());
  int rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  std::stringstream text;
  text << std::ifstream(out).rdbuf();
  std::remove(in.c_str());
  std::remove(out.c_str());
  rmdir(dir);
  if (rc != 0) {
    *why = rc == 3 ? "the kernel could not be fetched (see above)"
           : rc == 2 ? "the runner refused its arguments (see above)"
                     : "the kernel run failed (see above)";
    return std::nullopt;
  }
  return parse_guest_output(text.str(), why);
}

}  // namespace sc::oracle
