// SPDX-License-Identifier: GPL-2.0-only
#include <oracle/judge.h>

#include <impl/net/tls/tls_aead.h>
#include <impl/tls_impl.h>

#include <algorithm>
#include <chrono>
#include <iostream>

namespace sc::oracle {
namespace {

constexpr int kMaxShrinkRounds = 40;

bool agrees(Side side, const Verdict &v) { return side == Side::model ? v.model_agrees : v.impl_agrees; }

}  // namespace

const char *side_name(Side s) { return s == Side::model ? "model" : "impl"; }

KernelOutcome predict(Side side, const tls::Scenario &s, const tls::Rules &rules, Profile profile,
                      std::optional<BugId> bug) {
  KernelOutcome out;
  if (side == Side::model) {
    tls::Result r = tls::split_records(s, rules);
    out.returns = r.returns;
    out.records = r.records;
  } else {
    ScopedBug scoped(bug);
    tls::ImplRun run = tls::run_impl(s, profile, tls::Path::sw);
    out.returns = run.returns;
    std::string why;
    auto opened = tls::open_stream(tls::fixed_test_keys(s.tls13), run.wire, &why);
    if (opened)
      for (const auto &r : *opened)
        out.records.push_back({r.type, static_cast<uint32_t>(r.plaintext.size())});
    else
      out.trailing = run.wire.size();  // unreadable: never equal to a kernel's stream
    if (!run.overruns.empty())
      out.trailing += 1;  // an overrun is a disagreement whatever the records say
  }
  if (s.tls13)
    for (auto &r : out.records)
      r.type = tls::kContentData;
  return out;
}

Verdict judge(const tls::Scenario &s, const KernelOutcome &kernel, const tls::Rules &rules, Profile profile,
              std::optional<BugId> bug) {
  Verdict v{kernel, predict(Side::model, s, rules, profile, std::nullopt), predict(Side::impl, s, rules, profile, bug)};
  v.model_agrees = v.model == kernel;
  v.impl_agrees = v.impl == kernel;
  return v;
}

std::string outcome_text(const KernelOutcome &o) {
  std::string out = "records";
  if (o.records.empty())
    out += " none";
  for (const auto &r : o.records)
    out += " " + std::to_string(r.type) + ":" + std::to_string(r.plaintext);
  out += "; returns";
  for (int64_t r : o.returns)
    out += " " + std::to_string(r);
  if (o.trailing)
    out += "; " + std::to_string(o.trailing) + " bytes not in a whole record";
  return out;
}

std::vector<tls::Scenario> shrink_candidates(const tls::Scenario &s) {
  std::vector<tls::Scenario> out;
  // Blocks of half, a quarter, ... of the ops first: long MSG_MORE chains go in a few rounds.
  for (size_t block = s.ops.size() / 2; block >= 2; block /= 2)
    for (size_t at = 0; at + block <= s.ops.size(); at += block) {
      auto c = s;
      c.ops.erase(c.ops.begin() + static_cast<ptrdiff_t>(at), c.ops.begin() + static_cast<ptrdiff_t>(at + block));
      out.push_back(c);
    }
  for (size_t i = 0; s.ops.size() > 1 && i < s.ops.size(); i++) {
    auto c = s;
    c.ops.erase(c.ops.begin() + static_cast<ptrdiff_t>(i));
    out.push_back(c);
  }
  for (size_t i = 0; i < s.ops.size(); i++)
    if (s.ops[i].sizes.size() > 1) {  // sendmsg: one iovec fewer
      auto c = s;
      c.ops[i].sizes.pop_back();
      out.push_back(c);
    }
  // Every op's sizes at once: chains of equal ops (a ring filled by 17 splices) shrink
  // in a few rounds instead of one op per round.
  auto all_sizes = [&](auto shrink) {
    auto c = s;
    for (auto &op : c.ops)
      if (op.kind != tls::OpKind::sleep)
        for (auto &n : op.sizes)
          n = std::max<uint32_t>(shrink(n), op.kind == tls::OpKind::ctrl ? 0 : 1);
    if (!(c == s))
      out.push_back(c);
  };
  all_sizes([](uint32_t) { return 1u; });
  all_sizes([](uint32_t n) { return n / 2; });
  for (size_t i = 0; i < s.ops.size(); i++) {
    if (s.ops[i].kind == tls::OpKind::sleep || s.ops[i].bytes() <= 1)
      continue;
    auto c = s;
    for (auto &n : c.ops[i].sizes)
      n = std::max<uint32_t>(n / 2, c.ops[i].kind == tls::OpKind::ctrl ? 0 : 1);
    c.ops[i].offset /= 2;
    out.push_back(c);
  }
  auto option = [&](auto change) {
    auto c = s;
    change(c);
    if (!(c == s))
      out.push_back(c);
  };
  option([](tls::Scenario &c) { c.tls13 = false; });
  option([](tls::Scenario &c) { c.zerocopy = false; });
  option([](tls::Scenario &c) { c.shut = false; });
  option([](tls::Scenario &c) { c.max_payload.reset(); });
  for (size_t i = 0; i < out.size(); i++)
    out[i].name = "c" + std::to_string(i + 1);
  return out;
}

std::optional<int> shrink_all(std::vector<ShrinkJob> &jobs, const KernelRunner &run, const tls::Rules &rules,
                              Profile profile, std::optional<BugId> bug, std::string *why) {
  std::vector<bool> active(jobs.size(), true);
  int boots = 0;
  double booted_seconds = 0;
  for (int round = 0; round < kMaxShrinkRounds; round++) {
    // The kernel's answer on a candidate cannot be predicted: every candidate is booted,
    // all of a round's in one boot.
    std::vector<tls::Scenario> batch;
    std::vector<std::pair<size_t, size_t>> span(jobs.size());  // [first, end) in batch
    for (size_t j = 0; j < jobs.size(); j++) {
      span[j] = {batch.size(), batch.size()};
      if (!active[j])
        continue;
      auto candidates = shrink_candidates(jobs[j].scenario);
      for (size_t k = 0; k < candidates.size(); k++) {
        candidates[k].name = "s" + std::to_string(j + 1) + "c" + std::to_string(k + 1);
        batch.push_back(candidates[k]);
      }
      span[j].second = batch.size();
      active[j] = !candidates.empty();
    }
    if (batch.empty())
      break;
    // Each round that goes on takes an op off a scenario: the largest bounds what is left.
    size_t most_ops = 0, disagreeing = 0;
    for (size_t j = 0; j < jobs.size(); j++)
      if (active[j]) {
        most_ops = std::max(most_ops, jobs[j].scenario.ops.size());
        disagreeing++;
      }
    size_t left = std::min<size_t>(kMaxShrinkRounds - round, most_ops);
    std::cerr << "oracle: shrink round " << round + 1 << ": " << batch.size() << " candidate(s) for " << disagreeing
              << " disagreement(s), at most " << left << " more boot(s)";
    if (boots > 0)
      std::cerr << " (~" << static_cast<long>(left * booted_seconds / boots) << " s)";
    std::cerr << std::endl;
    auto started = std::chrono::steady_clock::now();
    auto kr = run(batch, why);
    if (!kr)
      return std::nullopt;
    booted_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    boots++;
    for (size_t j = 0; j < jobs.size(); j++) {
      if (!active[j])
        continue;
      active[j] = false;
      for (size_t k = span[j].first; k < span[j].second; k++) {
        auto it = kr->outcomes.find(batch[k].name);
        if (it == kr->outcomes.end()) {
          *why = "the kernel run has no result for shrink candidate " + batch[k].name;
          return std::nullopt;
        }
        Verdict cv = judge(batch[k], it->second, rules, profile, bug);
        if (!agrees(jobs[j].side, cv)) {
          std::string name = jobs[j].scenario.name;
          jobs[j] = {batch[k], cv, jobs[j].side};
          jobs[j].scenario.name = name;
          active[j] = true;  // smaller and still disagreeing: another round
          break;
        }
      }
    }
  }
  return boots;
}

}  // namespace sc::oracle
