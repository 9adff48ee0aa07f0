// SPDX-License-Identifier: GPL-2.0-only
#include <cli/killmatrix/killmatrix_cmd.h>

#include <api/bugs.h>
#include <api/profiles.h>
#include <cli/killmatrix/builds.h>
#include <cli/killmatrix/cell.h>
#include <cli/killmatrix/jobs.h>
#include <cli/killmatrix/matrix.h>
#include <cli/killmatrix/outcome.h>
#include <cli/killmatrix/report.h>
#include <cli/killmatrix/selection.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <tuple>
#include <sstream>
#include <thread>

namespace sc::cli {
namespace {

namespace fs = std::filesystem;
using km::Cell;
using km::Detector;
using km::Status;

constexpr int kBadUsage = 2;
constexpr int kMaxBudget = 20000;

// The work a --budget buys per attempt: budget 30 is what the CTest tests give each row.
struct Budget {
  int seconds;
  int cases() const { return scaled(1500); }
  int fuzz_runs(Component c) const { return scaled(c == Component::tls ? 40000 : c == Component::splice ? 1400000 : 300000); }
  int schedules() const { return scaled(100000); }
  int rounds() const { return scaled(20000); }
  int scaled(int at_30) const { return std::max(1, static_cast<int>(std::llround(1.0 * at_30 * seconds / 30))); }
  std::string rule() const {
    std::ostringstream s;
    s << "per attempt: " << cases() << " cases per property (props, stateful, asan-ubsan, kernel-src), "
      << fuzz_runs(Component::alloc) << " fuzz runs (tls " << fuzz_runs(Component::tls) << "), " << schedules()
      << " pct schedules (bounded: k=2 exhausted), " << rounds()
      << " TSan stress rounds; oracle: the committed scenario set on 7.2; witness: its scenario; clean "
         "counterparts run fuzz and asan-ubsan on seed 1 only (nothing stops them early)";
    return s.str();
  }
};

using km::Outcome;

struct Task {
  bool clean = false;
  size_t index = 0;  // into rows or clean
  Detector detector{};
  uint64_t seed = 0;
  bool bounded = false;  // explore's second strategy, reported in the cell's note
  km::Job job;
  fs::path keep;  // fuzz: where kill.sh leaves the shrunk regression
};

class Matrix {
 public:
  Matrix(const km::Builds &builds, Budget budget, int seeds, std::optional<km::RowPattern> rows,
         std::vector<Detector> detectors, fs::path scratch)
      : builds_(builds), budget_(budget), seeds_(seeds), only_rows_(std::move(rows)), only_(std::move(detectors)),
        scratch_(std::move(scratch)) {}

  // Progress, a line per finished cell, goes to err. An interrupted run (StopOnSignal)
  // returns what it had.
  km::Matrix run(std::ostream &out, std::ostream &err);

 private:
  bool wanted(Detector d) const { return only_.empty() || std::find(only_.begin(), only_.end(), d) != only_.end(); }
  void plan_rows();
  void plan_clean();
  void add_cell(bool clean, size_t index, Detector d);
  void attempts(bool clean, size_t index, Detector d, const std::optional<BugId> &row, const std::string &profile);
  km::Job props_job(const fs::path &bin, Component c, const std::optional<BugId> &row, const std::string &profile,
                    uint64_t seed, bool clean = false) const;
  Cell &cell_of(const Task &t) { return t.clean ? m_.clean[t.index].cells[cell_index(t)] : m_.cells[cell_index(t)]; }
  size_t cell_index(const Task &t) const;
  void settle(Cell &c, std::vector<std::pair<uint64_t, Outcome>> outcomes, bool clean);

  const km::Builds &builds_;
  Budget budget_;
  int seeds_;
  std::optional<km::RowPattern> only_rows_;
  std::vector<Detector> only_;
  fs::path scratch_;
  km::Matrix m_;
  std::vector<Task> tasks_;
  std::vector<std::optional<BugId>> row_ids_;  // per clean counterpart: the race row it fixes
  std::vector<std::string> clean_profiles_;
};

km::Job Matrix::props_job(const fs::path &bin, Component c, const std::optional<BugId> &row, const std::string &profile,
                          uint64_t seed, bool clean) const {
  km::Job j;
  j.argv = {bin.string(), "killmatrix", "--cell", "props", "--component", component_name(c), "--profile", profile,
            "--seed", std::to_string(seed), "--cases", std::to_string(budget_.cases())};
  // A profile row's clean counterpart: its profile with the fix switches on, no row named.
  if (row && bug_info(*row).kind == BugKind::profile && fix_name(*row) && clean)
    j.argv.insert(j.argv.end(), {"--pass", "fixed"});
  else if (row)
    j.argv.insert(j.argv.end(), {"--bug", bug_info(*row).name});
  return j;
}

size_t Matrix::cell_index(const Task &t) const {
  const auto &cells = t.clean ? m_.clean[t.index].cells : m_.cells;
  const std::string name = t.clean ? m_.clean[t.index].name : m_.rows[t.index].id;
  for (size_t i = 0; i < cells.size(); i++)
    if (cells[i].row == name && cells[i].detector == t.detector)
      return i;
  return 0;
}

void Matrix::add_cell(bool clean, size_t index, Detector d) {
  Cell c;
  c.row = clean ? m_.clean[index].name : m_.rows[index].id;
  c.detector = d;
  (clean ? m_.clean[index].cells : m_.cells).push_back(c);
}

// The attempts of one cell, or the reason it cannot run (not built, skipped).
void Matrix::attempts(bool clean, size_t index, Detector d, const std::optional<BugId> &row, const std::string &profile) {
  add_cell(clean, index, d);
  Cell &cell = clean ? m_.clean[index].cells.back() : m_.cells.back();
  Component comp = clean ? *parse_component(m_.clean[index].name.substr(0, m_.clean[index].name.find('/')))
                         : *parse_component(m_.rows[index].component);
  auto need = [&](const std::string &preset, const fs::path &bin) {
    if (fs::exists(bin))
      return true;
    cell.status = Status::not_built;
    cell.note = "no " + preset + " build (" + bin.string() + ")";
    return false;
  };
  auto push = [&](uint64_t seed, km::Job job, bool bounded = false, fs::path keep = {}) {
    tasks_.push_back({clean, index, d, seed, bounded, std::move(job), std::move(keep)});
  };
  const std::string id = row ? bug_info(*row).name : "";
  switch (d) {
  case Detector::props:
  case Detector::stateful:
    cell.unit = "cases";
    cell.shrunk_unit = "ops";
    for (int s = 1; s <= seeds_; s++)
      push(s, props_job(builds_.self(), comp, row, profile, s, clean));
    break;
  case Detector::asan_ubsan:
    cell.unit = "cases";
    cell.shrunk_unit = "ops";
    if (!need("asan-ubsan", builds_.bin("asan-ubsan", "splicecheck")))
      return;
    // A clean run spends its whole budget (no finding stops it): seed 1 only, as for fuzz.
    for (int s = 1; s <= (clean ? 1 : seeds_); s++)
      push(s, props_job(builds_.bin("asan-ubsan", "splicecheck"), comp, row, profile, s));
    break;
  case Detector::kernel_src:
    cell.unit = "cases";
    cell.shrunk_unit = "ops";
    for (int s = 1; s <= seeds_; s++)
      push(s, {{builds_.self().string(), "killmatrix", "--cell", "kernel-src", "--source", "7.2", "--bug", id, "--seed",
                std::to_string(s), "--cases", std::to_string(budget_.cases())}});
    break;
  case Detector::fuzz: {
    cell.unit = "runs";
    cell.shrunk_unit = "ops";
    fs::path harness = builds_.bin("fuzz", std::string(component_name(comp)) + "_fuzz");
    if (!need("fuzz", harness))
      return;
    int runs = budget_.fuzz_runs(comp);
    // A clean profile fuzzes once (seed 1): its budget is spent whole, there is no finding to stop at.
    for (int s = 1; s <= (clean ? 1 : seeds_); s++) {
      fs::path keep = scratch_ / ("fuzz-" + std::to_string(tasks_.size()));
      fs::create_directories(keep);
      km::Job j;
      if (clean) {
        fs::create_directories(keep / "corpus");
        std::string seeds = (builds_.source() / "corpus" / (std::string(component_name(comp)) + "_fuzz") / "seeds").string();
        j.argv = {"setarch", "x86_64", "-R", harness.string(), "--profile=" + profile, "-seed=" + std::to_string(s),
                  "-runs=" + std::to_string(runs), "-use_cmp=0", "-reload=0",
                  "-dict=" + (builds_.source() / "corpus" / (std::string(component_name(comp)) + "_fuzz") /
                              (std::string(component_name(comp)) + "_fuzz.dict")).string(),
                  "-artifact_prefix=" + keep.string() + "/", (keep / "corpus").string(), seeds};
      } else {
        j.argv = {(builds_.source() / "fuzz" / "kill.sh").string(), harness.string(),
                  builds_.bin("fuzz", "splicecheck").string(), id, std::to_string(runs), std::to_string(s)};
        j.env = {{"KILL_KEEP", keep.string()}};
      }
      push(s, j, false, keep);
    }
    break;
  }
  case Detector::explore: {
    cell.unit = "schedules";
    cell.shrunk_unit = "decisions";
    fs::path bin = builds_.bin_beside_self("splicecheck-explore");
    std::vector<std::string> base = {bin.string(), "--bug", id, "--preemptions", "2"};
    if (clean) {
      km::Job j{base};
      j.argv.insert(j.argv.end(), {"--fixed", "--strategy", "bounded"});
      push(0, j);
      break;
    }
    for (int s = 1; s <= seeds_; s++) {
      km::Job j{base};
      j.argv.insert(j.argv.end(), {"--strategy", "pct", "--seed", std::to_string(s), "--schedules",
                                   std::to_string(budget_.schedules())});
      push(s, j);
    }
    km::Job j{base};
    j.argv.insert(j.argv.end(), {"--strategy", "bounded"});
    push(0, j, true);
    break;
  }
  case Detector::tsan: {
    cell.unit = "rounds";
    fs::path bin = builds_.bin("tsan", "race_stress");
    if (!need("tsan", bin))
      return;
    // Real threads: no seed steers them, so each attempt is one more run of the stress.
    for (int s = 1; s <= seeds_; s++)
      push(s, {{bin.string(), clean ? "series" : "r1", std::to_string(budget_.rounds())}});
    break;
  }
  case Detector::oracle: {
    cell.unit = "scenarios";
    cell.shrunk_unit = "ops";
    // Allocator rows run their traces in the replayer module on 6.1 (7.2 for the v6.13
    // allocator's rows), splice rows theirs on 6.12 (6.1 has no skb_splice_from_iter); tls
    // on 7.2.
    fs::path corpus = builds_.source() / "corpus" / "oracle";
    km::Job j = comp == Component::alloc
                    ? km::Job{{builds_.self().string(), "oracle", "--component", "alloc", "--kernel",
                               row ? km::alloc_oracle_kernel(*row) : "6.1", "--file",
                               (corpus / "alloc" / "traces.txt").string()}}
                : comp == Component::splice
                    ? km::Job{{builds_.self().string(), "oracle", "--component", "splice", "--kernel", "6.12", "--file",
                               (corpus / "splice" / "traces.txt").string()}}
                    : km::Job{{builds_.self().string(), "oracle", "--kernel", "7.2", "--file",
                               (corpus / "scenarios.txt").string()}};
    if (row)
      j.argv.insert(j.argv.end(), {"--bug", id});
    push(0, j);
    break;
  }
  case Detector::witness:
    cell.unit = "scenarios";
    push(0, {{builds_.self().string(), "run", "--bug", id}});
    break;
  }
}

void Matrix::plan_rows() {
  for (const auto &b : all_bugs()) {
    if (only_rows_ && !only_rows_->matches(b.name))
      continue;
    km::Row r = km::row_of(b);
    std::vector<Detector> ds;
    for (const auto &claim : r.claims)
      ds.push_back(*km::parse_detector(claim));
    // The sanitizer build runs what the properties run; its column shows they still find the row there.
    if (std::find(ds.begin(), ds.end(), Detector::props) != ds.end() ||
        std::find(ds.begin(), ds.end(), Detector::stateful) != ds.end())
      ds.push_back(Detector::asan_ubsan);
    r.clean = b.kind == BugKind::race || (b.kind == BugKind::profile && fix_name(b.id))
                  ? "fixed:" + r.id
                  : r.component + "/" + profile_info(clean_profile(b.component)).name;
    m_.rows.push_back(r);
    size_t index = m_.rows.size() - 1;
    std::sort(ds.begin(), ds.end());
    for (Detector d : ds) {
      if (wanted(d)) {
        attempts(false, index, d, b.id, r.profile);
        continue;
      }
      if (std::find(r.claims.begin(), r.claims.end(), km::detector_name(d)) == r.claims.end())
        continue;
      add_cell(false, index, d);
      m_.cells.back().status = Status::skipped;
      m_.cells.back().note = "left out by --detectors";
    }
  }
}

// Runs where no row is switched on: the allocator's clean profile, the series' splice and
// mainline TLS (whose own rows are allowed; a failure none of them explains is a false
// alarm), each race row's scenario with its fix, the TSan stress and the oracle's set.
void Matrix::plan_clean() {
  struct Plan {
    std::string name, what, profile;
    std::vector<Detector> detectors;
    std::optional<BugId> row;
  };
  std::vector<Plan> plans = {
      {"alloc/p05", "the allocator after series patch 05: no row in effect", "p05",
       {Detector::stateful, Detector::asan_ubsan, Detector::fuzz}, std::nullopt},
      {"splice/series", "the series' skb_splice_from_iter: its rows allowed, anything else a false alarm", "series",
       {Detector::stateful, Detector::asan_ubsan, Detector::fuzz}, std::nullopt},
      {"tls/newest", "mainline TLS (6.12.118, 7.2): no row in effect", "newest",
       {Detector::props, Detector::asan_ubsan, Detector::fuzz}, std::nullopt},
      {"alloc/series stress", "real threads on the series' per-cpu allocator with cross-cpu frees", "series",
       {Detector::tsan}, std::nullopt},
      {"tls/7.2 kernel", "the committed scenario set on a real 7.2 kernel, model and impl held to it", "newest",
       {Detector::oracle}, std::nullopt},
  };
  for (const auto &b : all_bugs())
    if (b.kind == BugKind::race && (!only_rows_ || only_rows_->matches(b.name)))
      plans.push_back({"fixed:" + std::string(b.name), "the row's scenario with its fix switch, every schedule within k=2",
                       profile_info(b.default_profile()).name, {Detector::explore}, b.id});
  // Profile rows: the row's first profile with every row's fix switch on, nothing allowed.
  for (const auto &b : all_bugs())
    if (b.kind == BugKind::profile && fix_name(b.id) && (!only_rows_ || only_rows_->matches(b.name)))
      plans.push_back({"fixed:" + std::string(b.name),
                       std::string("its profile with the fix switches on (") + fix_name(b.id) + "): nothing may fail",
                       profile_info(b.profiles.front()).name,
                       {b.component == Component::tls ? Detector::props : Detector::stateful}, b.id});
  for (auto &p : plans) {
    std::vector<Detector> ds;
    for (Detector d : p.detectors)
      if (wanted(d))
        ds.push_back(d);
    if (ds.empty())
      continue;
    // The clean runs belong to a component; explore's and the stress's are the allocator's.
    std::string name = p.name.rfind("fixed:", 0) == 0
                           ? std::string(component_name(p.row ? bug_info(*p.row).component : Component::alloc)) + "/" + p.name
                           : p.name;
    m_.clean.push_back({name, p.what, {}});
    size_t index = m_.clean.size() - 1;
    for (Detector d : ds)
      attempts(true, index, d, p.row, p.profile);
  }
  // Rows point at their counterpart by its full name.
  for (auto &r : m_.rows)
    if (r.clean.rfind("fixed:", 0) == 0)
      r.clean = r.component + "/" + r.clean;
}

template <typename T> std::optional<T> median(std::vector<T> v) {
  if (v.empty())
    return std::nullopt;
  std::sort(v.begin(), v.end());
  return v[(v.size() - 1) / 2];
}

void Matrix::settle(Cell &c, std::vector<std::pair<uint64_t, Outcome>> outcomes, bool clean) {
  std::sort(outcomes.begin(), outcomes.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
  std::vector<uint64_t> work;
  std::vector<double> seconds;
  int found = 0, ran = 0;
  for (const auto &[seed, o] : outcomes) {
    if (o.kind == Outcome::failed || o.kind == Outcome::skipped) {
      c.status = o.kind == Outcome::failed ? Status::failed : Status::skipped;
      c.note = (o.kind == Outcome::failed ? "seed " + std::to_string(seed) + ": " : "") + o.note;
      return;
    }
    ran++;
    c.attempts.push_back({seed, o.kind == Outcome::found || o.kind == Outcome::false_alarm, o.work, o.seconds});
    if (o.kind == Outcome::found || o.kind == Outcome::clean) {
      work.push_back(o.work);
      seconds.push_back(o.seconds);
    }
    if (o.kind == Outcome::found && found++ == 0) {
      c.shrunk = o.shrunk;
      c.replay = o.replay;
    }
    if (o.kind == Outcome::false_alarm && c.note.empty())
      c.note = "seed " + std::to_string(seed) + ": " + o.note;
  }
  c.median_work = median(work);
  c.median_seconds = median(seconds);
  if (clean)
    c.status = c.note.empty() ? Status::clean : Status::false_alarm;
  else
    c.status = found == ran && ran > 0 ? Status::found : found > 0 ? Status::partly : Status::not_found;
}

km::Matrix Matrix::run(std::ostream &out, std::ostream &err) {
  auto start = std::chrono::steady_clock::now();
  plan_rows();
  plan_clean();
  m_.builds = builds_.present();
  out << "splicecheck killmatrix: " << m_.rows.size() << " rows, " << m_.cells.size() << " cells, " << m_.clean.size()
      << " clean counterparts, " << tasks_.size() << " detector runs; builds: ";
  for (const auto &b : m_.builds)
    out << b << (b == m_.builds.back() ? "" : ", ");
  out << "\n" << budget_.rule() << "\n\n" << std::flush;

  // What the workers leave in a temporary directory goes into the scratch directory too.
  fs::path worker_tmp = scratch_ / "tmp";
  fs::create_directories(worker_tmp);
  std::vector<km::Job> jobs;
  for (const auto &t : tasks_) {
    jobs.push_back(t.job);
    jobs.back().env.emplace_back("TMPDIR", worker_tmp.string());
  }
  // A cell is (clean?, row or counterpart, its index among that one's cells).
  using Key = std::tuple<bool, size_t, size_t>;
  std::map<Key, std::vector<std::pair<uint64_t, Outcome>>> by_cell;
  std::map<Key, std::string> bounded_note;
  std::map<Key, int> tasks_left;
  std::map<Key, double> cell_seconds;
  for (const auto &t : tasks_)
    tasks_left[Key{t.clean, t.clean ? t.index : 0, cell_index(t)}]++;
  size_t cells_done = 0, tasks_done = 0;
  int parallel = std::max(1u, std::thread::hardware_concurrency());
  km::run_jobs(jobs, parallel, scratch_.string(), [&](size_t i, const km::Finished &f) {
    const Task &t = tasks_[i];
    const std::string id = t.clean ? "" : m_.rows[t.index].id;
    Outcome o = km::judge(km::Started{t.detector, t.clean, id, t.seed, t.job.argv, t.keep, static_cast<uint64_t>(budget_.rounds())}, f);
    Key key{t.clean, t.clean ? t.index : 0, cell_index(t)};
    if (t.bounded)
      bounded_note[key] = o.kind == Outcome::found
                              ? "bounded k=2: found after " + std::to_string(o.work) + " schedules"
                              : "bounded k=2: NOT found (" + std::string(o.note.empty() ? "exhausted" : o.note) + ")";
    else
      by_cell[key].emplace_back(t.seed, o);
    cell_seconds[key] += f.seconds;
    tasks_done++;
    if (--tasks_left[key] > 0)
      return;
    Cell &c = cell_of(t);
    settle(c, by_cell[key], t.clean);
    if (auto b = bounded_note.find(key); b != bounded_note.end()) {
      c.note = b->second;
      if (c.status == Status::found && b->second.find("NOT") != std::string::npos)
        c.status = Status::partly;
    }
    // The estimate: the wall time per detector run so far, times the runs still to come.
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double left = elapsed / tasks_done * (tasks_.size() - tasks_done);
    std::ostringstream line;
    line << "[" << ++cells_done << "/" << tasks_left.size() << "] " << c.row << " " << km::detector_name(t.detector)
         << ": " << km::status_name(c.status) << " (" << std::fixed << std::setprecision(1) << cell_seconds[key] << " s)"
         << (c.note.empty() ? "" : " " + c.note) << ", ";
    if (tasks_done == tasks_.size())
      line << "done";
    else if (left < 90)
      line << "~" << static_cast<long>(left) + 1 << " s left";
    else
      line << "~" << static_cast<long>(left / 60 + 0.5) << " min left";
    err << line.str() << std::endl;
  });
  m_.source = "run";
  m_.budget = budget_.seconds;
  m_.seeds = seeds_;
  m_.budget_rule = budget_.rule();
  m_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return m_;
}

int cell_command(const Options &o, std::ostream &out, std::ostream &err) {
  std::optional<BugId> row;
  if (o.has("bug")) {
    row = parse_bug(o.bug);
    if (!row) {
      err << "splicecheck: unknown bug id '" << o.bug << "'\n";
      return kBadUsage;
    }
  }
  // The properties run with explicit seeds; rapidcheck's own banner should name the same one.
  setenv("RC_PARAMS", ("seed=" + std::to_string(seed_of(o))).c_str(), 1);
  if (o.cell == "kernel-src") {
    std::string why;
    bool skipped = false;
    auto r = km::kernel_src_cell(o.has("source") ? o.source : "7.2", row, seed_of(o), cases_of(o), &why, &skipped);
    if (!r) {
      err << "splicecheck: " << (skipped ? "SKIPPED: " : "") << why << "\n";
      return skipped ? 77 : kBadUsage;
    }
    km::print_cell_line(*r, out);
    return 0;
  }
  if (o.cell != "props") {
    err << "splicecheck: --cell takes props or kernel-src, not '" << o.cell << "'\n";
    return kBadUsage;
  }
  auto c = row ? std::optional(bug_info(*row).component) : parse_component(o.component);
  if (!c) {
    err << "splicecheck: --cell props needs --bug or --component alloc|splice|tls\n";
    return kBadUsage;
  }
  auto p = o.has("profile") ? parse_profile(*c, o.profile) : row ? std::optional(bug_info(*row).default_profile()) : std::nullopt;
  if (!p) {
    err << "splicecheck: --cell props needs a profile of " << component_name(*c) << "\n";
    return kBadUsage;
  }
  if (o.has("pass") && o.pass != "fixed" && o.pass != "as-is") {
    err << "splicecheck: --pass is as-is or fixed, not '" << o.pass << "'\n";
    return kBadUsage;
  }
  km::print_cell_line(km::props_cell(*c, *p, row, seed_of(o), cases_of(o), o.has("pass") && o.pass == "fixed"), out);
  return 0;
}

bool write_file(const std::string &path, const std::string &text, std::ostream &err) {
  std::ofstream f(path);
  f << text;
  f.close();
  if (!f) {
    err << "splicecheck: cannot write '" << path << "'\n";
    return false;
  }
  return true;
}

}  // namespace

int write_reports(const km::Matrix &m, const Options &o, std::ostream &out, std::ostream &err) {
  std::string md = km::to_markdown(m);
  out << "\n" << md << "\n";
  if ((o.has("json") && !write_file(o.json, km::to_json(m), err)) ||
      (o.has("markdown") && !write_file(o.markdown, md, err)) ||
      (o.has("html") && !write_file(o.html, km::to_html(m), err)) ||
      (o.has("sarif") && !write_file(o.sarif, km::to_sarif(m), err)) ||
      (o.has("junit") && !write_file(o.junit, km::to_junit(m), err)))
    return kBadUsage;
  auto failures = m.failures();
  out << "killmatrix: " << (failures.empty() ? "every row found by every detector it claims, no false alarm"
                                             : std::to_string(failures.size()) + " failure(s)")
      << "\n";
  return failures.empty() ? 0 : 1;
}

int killmatrix_command(const Options &o, std::ostream &out, std::ostream &err) {
  if (o.has("cell"))
    return cell_command(o, out, err);
  for (const auto &flag : o.given)
    if (flag != "budget" && flag != "seeds" && flag != "rows" && flag != "detectors" && flag != "builds" &&
        flag != "json" && flag != "markdown" && flag != "html" && flag != "sarif" && flag != "junit") {
      err << "splicecheck: 'killmatrix' takes --budget, --seeds, --rows, --detectors, --builds, --json, --markdown, "
             "--html, --sarif and --junit, not --"
          << flag << "\n";
      return kBadUsage;
    }
  // Everything that can be refused is refused before anything runs.
  auto refuse = [&](const std::string &why) {
    err << "splicecheck: " << why << "\n";
    return kBadUsage;
  };
  std::string why;
  // A worker takes --cases up to 1000000: the budget that buys that many is the most.
  if (std::stoi(o.budget) > kMaxBudget)
    return refuse("--budget " + o.budget + ": at most " + std::to_string(kMaxBudget) +
                  " (1000000 cases per property, the most a cell's worker takes)");
  std::optional<km::RowPattern> rows;
  if (o.has("rows")) {
    rows = km::RowPattern::compile(o.rows, &why);
    if (!rows)
      return refuse(why);
    auto bugs = all_bugs();
    if (std::none_of(bugs.begin(), bugs.end(), [&](const auto &b) { return rows->matches(b.name); }))
      return refuse("--rows '" + o.rows + "': no bug row matches (the ids: splicecheck bugs)");
  }
  std::vector<Detector> detectors;
  if (o.has("detectors")) {
    auto d = km::parse_detectors(o.detectors, &why);
    if (!d)
      return refuse(why);
    detectors = *d;
  }
  for (const auto &[flag, path] : {std::pair<const char *, const std::string &>{"json", o.json},
                                   {"markdown", o.markdown},
                                   {"html", o.html},
                                   {"sarif", o.sarif},
                                   {"junit", o.junit}})
    if (o.has(flag) && !km::can_write(flag, path, &why))
      return refuse(why);
  auto builds = km::Builds::find(o.has("builds") ? o.builds : "", &why);
  if (!builds)
    return refuse(why);
  // From here an interrupt stops the workers and removes the scratch directory first.
  km::StopOnSignal stop;
  std::string templ = (fs::temp_directory_path() / "splicecheck-killmatrix-XXXXXX").string();
  if (!mkdtemp(templ.data()))
    return refuse("cannot make a scratch directory in " + fs::temp_directory_path().string());
  Matrix runner(*builds, Budget{std::stoi(o.budget)}, std::stoi(o.seeds), rows, detectors, templ);
  km::Matrix m = runner.run(out, err);
  std::error_code ec;
  fs::remove_all(templ, ec);
  if (int sig = km::StopOnSignal::caught()) {
    err << "splicecheck: killmatrix stopped by signal " << sig << ": its workers are killed, its scratch files removed\n";
    km::StopOnSignal::raise_caught();
    return 128 + sig;
  }
  return write_reports(m, o, out, err);
}

}  // namespace sc::cli
