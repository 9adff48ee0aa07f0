// SPDX-License-Identifier: GPL-2.0-only
#include <explore/explorer.h>

#include <explore/schedule_text.h>

#include <kernel-src/layout_rules.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <map>
#include <set>
#include <sstream>

namespace sc::explore {
namespace {

// Replays a prefix, then lets the running task go on (else the first option). A prefix
// of indices replays a schedule; a prefix of ranks walks the tree for bounded, where
// rank 0 is the default and the others follow in index order. Records, per decision, the
// rank taken and what each rank would cost in preemptions.
class PrefixChooser final : public Chooser {
 public:
  PrefixChooser(const std::vector<uint32_t> &prefix, bool ranks) : prefix_(prefix), by_rank_(ranks) {}
  size_t choose(const std::vector<Option> &options, int current, uint64_t) override {
    size_t dflt = options.size();
    for (size_t i = 0; i < options.size() && dflt == options.size(); i++)
      if (static_cast<int>(options[i].task) == current)
        dflt = i;
    bool current_can_go_on = dflt < options.size();
    if (!current_can_go_on)
      dflt = 0;
    std::vector<size_t> order{dflt};
    for (size_t i = 0; i < options.size(); i++)
      if (i != dflt)
        order.push_back(i);
    std::vector<uint8_t> cost;
    for (size_t i : order)
      cost.push_back(current_can_go_on && static_cast<int>(options[i].task) != current);
    size_t rank = 0, pick = dflt;
    if (decisions_ < prefix_.size()) {
      size_t want = prefix_[decisions_];
      if (want >= options.size()) {
        diverged_ = true;
        want = 0;
      }
      if (by_rank_) {
        rank = want;
        pick = order[want];
      } else {
        pick = want;
        rank = static_cast<size_t>(std::find(order.begin(), order.end(), want) - order.begin());
      }
    }
    costs_.push_back(std::move(cost));
    ranks_.push_back(static_cast<uint32_t>(rank));
    decisions_++;
    return pick;
  }
  const std::vector<std::vector<uint8_t>> &costs() const { return costs_; }
  const std::vector<uint32_t> &ranks() const { return ranks_; }
  // A choice out of range, or prefix entries the run never reached.
  bool diverged() const { return diverged_ || decisions_ < prefix_.size(); }

 private:
  const std::vector<uint32_t> &prefix_;
  bool by_rank_;
  size_t decisions_ = 0;
  std::vector<std::vector<uint8_t>> costs_;
  std::vector<uint32_t> ranks_;
  bool diverged_ = false;
};

class PctChooser final : public Chooser {
 public:
  PctChooser(unsigned tasks, unsigned depth, uint64_t max_steps, std::mt19937_64 &rng) : rng_(rng) {
    std::vector<int> prio(tasks);
    for (unsigned i = 0; i < tasks; i++)
      prio[i] = static_cast<int>(depth + i);
    std::shuffle(prio.begin(), prio.end(), rng_);
    prio_ = prio;
    std::set<uint64_t> points;
    std::uniform_int_distribution<uint64_t> step(1, std::max<uint64_t>(max_steps, 1));
    for (unsigned i = 1; i < depth && points.size() < max_steps; i++) {
      uint64_t s;
      do
        s = step(rng_);
      while (points.count(s));
      points.insert(s);
      change_[s] = static_cast<int>(depth - i);  // later change points get lower priorities
    }
  }
  size_t choose(const std::vector<Option> &options, int current, uint64_t step) override {
    if (auto it = change_.find(step); it != change_.end() && current >= 0)
      prio_[current] = it->second - static_cast<int>(prio_.size()) - 1;
    size_t best = 0;
    for (size_t i = 1; i < options.size(); i++)
      if (prio_[options[i].task] > prio_[options[best].task])
        best = i;
    // A sleeper that may migrate: its cpu at random.
    std::vector<size_t> same;
    for (size_t i = 0; i < options.size(); i++)
      if (options[i].task == options[best].task)
        same.push_back(i);
    if (same.size() > 1)
      best = same[std::uniform_int_distribution<size_t>(0, same.size() - 1)(rng_)];
    return best;
  }

 private:
  std::mt19937_64 &rng_;
  std::vector<int> prio_;
  std::map<uint64_t, int> change_;
};

}  // namespace

std::vector<BugId> rows_in_effect(const Target &t) {
  auto rows = bugs_in_effect(Component::alloc, t.profile, t.mutant);
  if (t.scenario->row && !t.fixed && bug_info(*t.scenario->row).covers(t.profile))
    rows.push_back(*t.scenario->row);
  return rows;
}

std::vector<BugId> target_rows(const Target &t) {
  std::vector<BugId> out;
  if (t.mutant)
    out.push_back(*t.mutant);
  if (t.scenario->row && !t.fixed && bug_info(*t.scenario->row).covers(t.profile))
    out.push_back(*t.scenario->row);
  return out;
}

std::string profile_label(const Target &t) {
  return t.code ? "src:" + t.source + " (" + profile_info(t.profile).name + " rules)" : profile_info(t.profile).name;
}

bool load_source(Target &t, const std::string &spec, std::string *why, bool *skipped) {
  auto built = ksrc::build_source(spec, "-DSC_EXPLORE", why, skipped);
  if (!built)
    return false;
  t.profile = ksrc::model_rules_of(built->layout);
  t.source = spec;
  t.code = std::move(built->object);
  return true;
}

std::string replay_string(const Target &t, const std::vector<uint32_t> &decisions) {
  return std::string(t.scenario->name) + ":" + (t.code ? "src:" + t.source : profile_info(t.profile).name) + ":" +
         (t.fixed ? "fixed" : "racy") + (t.mutant ? std::string("+") + bug_info(*t.mutant).name : "") + ":" +
         encode_decisions(decisions);
}

std::optional<std::pair<Target, std::vector<uint32_t>>> parse_replay(const std::string &s, std::string *why,
                                                                     bool *skipped) {
  // The profile may hold colons (src:7.2): split the first field and the last two off.
  size_t first = s.find(':'), last = s.rfind(':'), before_last = last == std::string::npos ? last : s.rfind(':', last - 1);
  if (first == std::string::npos || before_last == std::string::npos || before_last <= first) {
    *why = "a replay string is SCENARIO:PROFILE:racy|fixed[+MUTANT]:SCHEDULE, not '" + s + "'";
    return std::nullopt;
  }
  std::vector<std::string> parts = {s.substr(0, first), s.substr(first + 1, before_last - first - 1),
                                    s.substr(before_last + 1, last - before_last - 1), s.substr(last + 1)};
  const Scenario *sc = find_scenario(parts[0]);
  if (!sc) {
    *why = "unknown scenario '" + parts[0] + "' (splicecheck explore --list)";
    return std::nullopt;
  }
  Target t{sc, Profile::pre_series, false, std::nullopt, "", nullptr};
  if (parts[1].rfind("src:", 0) == 0) {
    if (!load_source(t, parts[1].substr(4), why, skipped))
      return std::nullopt;
  } else if (auto p = parse_profile(Component::alloc, parts[1])) {
    t.profile = *p;
  } else {
    *why = "unknown allocator profile '" + parts[1] + "'";
    return std::nullopt;
  }
  if (!sc->applies(t.profile)) {
    *why = "scenario " + parts[0] + " does not run on profile '" + parts[1] + "'";
    return std::nullopt;
  }
  const auto *p = &t.profile;
  std::string variant = parts[2], mutant;
  if (auto plus = variant.find('+'); plus != std::string::npos) {
    mutant = variant.substr(plus + 1);
    variant = variant.substr(0, plus);
    auto b = parse_bug(mutant);
    if (!b || bug_info(*b).kind != BugKind::mutant || !bug_info(*b).covers(*p) || t.code) {
      *why = "'" + mutant + "' is not an allocator mutant of profile " + parts[1];
      return std::nullopt;
    }
    t.mutant = b;
  }
  if (variant != "racy" && variant != "fixed") {
    *why = "variant '" + variant + "' is neither racy nor fixed";
    return std::nullopt;
  }
  t.fixed = variant == "fixed";
  auto d = decode_decisions(parts[3], why);
  if (!d)
    return std::nullopt;
  return std::pair{t, *d};
}

namespace {

Outcome run_with(const Target &t, Chooser &chooser) {
  ScopedBug bug(t.mutant);
  ScopedFix fix(*t.scenario, t.fixed);
  World w(t.profile, t.scenario->pages, !t.scenario->outside_refs, t.code ? &t.code->entry() : nullptr);
  auto tasks = t.scenario->build(w, t.fixed);
  std::vector<std::string> names;
  for (const auto &task : tasks)
    names.push_back(task.name);
  Scheduler s;
  size_t step = 0;
  auto r = s.run(std::move(tasks), chooser, [&] { w.check_step(++step); });
  w.finish(step);
  Outcome o{w.failure(), r.decisions, r.preemptions, r.steps.size(), "", ""};
  if (r.deadlock && !o.failure)
    o.failure = Failure{"linearizable", "tasks left with none runnable (deadlock)", step};
  if (!o.failure)
    return o;  // the text is for findings only: most schedules pass
  o.history = w.history();
  std::ostringstream trace;
  for (size_t i = 0; i < r.steps.size(); i++)
    trace << "  " << i + 1 << ": " << names[r.steps[i].task] << " on cpu " << r.steps[i].cpu << " -> "
          << r.steps[i].what << "\n";
  o.trace = trace.str();
  return o;
}

unsigned task_count(const Target &t) {
  ScopedFix fix(*t.scenario, t.fixed);
  World w(t.profile, t.scenario->pages, true, t.code ? &t.code->entry() : nullptr);
  return static_cast<unsigned>(t.scenario->build(w, t.fixed).size());
}

}  // namespace

Outcome run_schedule(const Target &t, const std::vector<uint32_t> &decisions) {
  PrefixChooser chooser(decisions, false);
  Outcome o = run_with(t, chooser);
  o.diverged = chooser.diverged();
  return o;
}

SearchResult search(const Target &t, const Search &how) {
  SearchResult res;
  auto start = std::chrono::steady_clock::now();
  auto targets = target_rows(t), known = bugs_in_effect(Component::alloc, t.profile, std::nullopt);
  auto names = [](const std::vector<BugId> &rows, const std::string &check) {
    return std::any_of(rows.begin(), rows.end(), [&](BugId id) { return bug_info(id).identified_by(check); });
  };
  auto done = [&](Outcome &o) {
    res.schedules++;
    if (o.failure) {
      if (names(targets, o.failure->check) || !names(known, o.failure->check)) {
        res.found = std::move(o);
        return true;
      }
      res.known_schedules++;
      if (!res.known)
        res.known = o;  // a copy: the search goes on from o
    }
    return res.schedules >= how.schedules;
  };
  if (how.strategy == Strategy::pct) {
    // k: the steps of the default schedule; n: the tasks.
    uint64_t k = std::max<size_t>(run_schedule(t, {}).steps, 1);
    unsigned n = task_count(t);
    res.pct_bound = 1.0 / (n * std::pow(static_cast<double>(k), how.depth - 1.0));
    std::mt19937_64 rng(how.seed);
    for (;;) {
      PctChooser chooser(n, how.depth, k, rng);
      Outcome o = run_with(t, chooser);  // its decisions replay it exactly
      if (done(o))
        break;
    }
  } else {
    // Iterative context bounding: bound 0, 1, ..., K; each a depth-first walk of the
    // decision tree within the bound.
    for (unsigned bound = 0; bound <= how.preemptions && !res.found && res.schedules < how.schedules; bound++) {
      std::vector<uint32_t> prefix;
      bool stop = false;
      while (!stop) {
        PrefixChooser costs(prefix, true);
        Outcome o = run_with(t, costs);
        if (done(o)) {
          stop = true;
          break;
        }
        // Next: the deepest decision with an untried rank within the bound.
        const auto &c = costs.costs();
        const auto &taken = costs.ranks();
        std::vector<unsigned> used(c.size() + 1, 0);
        for (size_t i = 0; i < c.size(); i++)
          used[i + 1] = used[i] + c[i][taken[i]];
        bool advanced = false;
        for (size_t i = c.size(); i-- > 0 && !advanced;) {
          for (uint32_t alt = taken[i] + 1; alt < c[i].size(); alt++)
            if (used[i] + c[i][alt] <= bound) {
              prefix.assign(taken.begin(), taken.begin() + static_cast<ptrdiff_t>(i));
              prefix.push_back(alt);
              advanced = true;
              break;
            }
        }
        if (!advanced)
          stop = true;
      }
      if (!res.found && bound == how.preemptions && res.schedules < how.schedules)
        res.exhausted = true;
    }
  }
  res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return res;
}

}  // namespace sc::explore
