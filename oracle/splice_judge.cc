// SPDX-License-Identifier: GPL-2.0-only
#include <oracle/splice_judge.h>

#include <model/splice_model.h>
#include <oracle/op_trace_judge.h>

#include <random>

namespace sc::oracle {
namespace {

using splice::Check;

splice::CheckSet every_check() { return every_check_of<splice::CheckSet>(); }

std::vector<BugId> rows_naming(Check c, Profile profile) {
  return profile_rows_naming(Component::splice, splice::check_name(c), profile);
}

// The memory the model is told about for an op: only identities matter to it.
std::vector<splice::Memory> fresh_for(const splice::Op &op, uint64_t *next) {
  std::vector<splice::Memory> out;
  if (auto *s = std::get_if<splice::Seg>(&op)) {
    out.push_back({s->backing, *next, s->backing != splice::Backing::raw, s->offset, s->len, *next, nullptr});
    ++*next;
  }
  if (auto *p = std::get_if<splice::Prefill>(&op))
    for (uint32_t i = 0; i < p->n; i++, ++*next)
      out.push_back({splice::Backing::page, *next, true, 0, 100, *next, nullptr});
  return out;
}

// The kernel's frags with its source numbers turned into the page supply's serials.
splice::Obs in_serials(splice::Obs o, const std::vector<uint64_t> &serials) {
  for (auto &f : o.frags)
    if (!f.copy)
      f.serial = f.serial < serials.size() ? serials[f.serial] : ~uint64_t{0};
  return o;
}

// What differs between two observations, by the check that reads it.
std::optional<Check> first_difference(const splice::Obs &want, const splice::Obs &got) {
  if (want.ret != got.ret)
    return Check::return_value;
  if (want.consumed != got.consumed)
    return Check::iter_position;
  if (want.frags != got.frags)
    return Check::frag_list;
  if (want.len != got.len || want.data_len != got.data_len || want.truesize != got.truesize)
    return Check::counters;
  if (want.software_csum != got.software_csum || want.csum != got.csum)
    return Check::csum;
  return std::nullopt;
}

// A segment's length: short, middling (half the time) or past a page.
uint32_t random_length(Below &below) {
  switch (below(4)) {
  case 0: return static_cast<uint32_t>(1 + below(200));
  case 1: case 2: return static_cast<uint32_t>(201 + below(5000));
  default: return static_cast<uint32_t>(5201 + below(20000));
  }
}

}  // namespace

uint64_t splice_trace_weight(const splice::Trace &t) {
  uint64_t w = 0;
  for (const auto &op : t.ops) {
    if (auto *s = std::get_if<splice::Seg>(&op))
      w += s->offset + s->len + (s->backing != splice::Backing::page);
    else if (auto *sp = std::get_if<splice::Splice>(&op))
      w += sp->maxsize;
    else if (auto *p = std::get_if<splice::Prefill>(&op))
      w += p->n;
  }
  return w;
}

std::string splice_trace_line(const splice::Trace &t) { return ops_line(t, splice::format_op); }

bool splice_valid_for_model(const splice::Trace &t, Profile profile, std::string *why) {
  splice::SpliceModel model(profile);
  uint64_t next = 0;
  auto step = [&](const splice::Op &op) { return model.valid(op) && (model.apply(op, fresh_for(op, &next)), true); };
  return every_op_defined(t, step, splice::format_op,
                          "a Seg needs an Iter not yet spliced, a Splice a segment, a Prefill room", why);
}

SpliceVerdict judge_splice(const splice::Trace &t, const std::vector<KernelSpliceOp> &kernel, Profile profile,
                           std::optional<BugId> mutant) {
  SpliceVerdict v;
  splice::Differential both(profile, mutant, t.ops.size());
  both.keep_going();
  bool model_done = false;
  for (size_t i = 0; i < t.ops.size(); i++) {
    size_t n = i + 1;
    if (i >= kernel.size()) {
      v.model_diff = v.model_diff ? v.model_diff : n;
      v.model_detail = "the kernel did not run this op";
      break;
    }
    both.step(t.ops[i], every_check());
    if (both.observed().size() != n) {
      v.impl_diff = v.impl_diff ? v.impl_diff : n;
      v.impl_detail = "the mirror abandoned this op (no progress)";
      break;
    }
    const auto &[mo, io] = both.observed().back();
    splice::Obs k = in_serials(kernel[i].obs, both.source_serials());
    std::string kernel_text = "kernel: " + splice::format_obs(k);
    if (io != k && !v.impl_diff) {
      v.impl_diff = n;
      v.impl_detail = kernel_text + "  impl: " + splice::format_obs(io);
    }
    if (model_done || mo == k)
      continue;
    model_done = true;  // from here on the model's iterator or skb is not the kernel's
    auto c = first_difference(mo, k);
    splice::Obs moved = mo;
    moved.consumed = k.consumed;
    // The only contract a row of these kernels breaks: the iterator past what was spliced.
    if (c == Check::iter_position && moved == k && k.consumed > mo.consumed) {
      v.kernel_rows = rows_naming(*c, profile);
      if (!v.kernel_rows.empty()) {
        v.kernel = c;
        v.kernel_op = n;
        v.kernel_detail = "ret " + std::to_string(k.ret) + " but the iterator moved " + std::to_string(k.consumed);
        continue;
      }
    }
    v.model_diff = n;
    v.model_detail = std::string("(") + splice::check_name(*c) + ") " + kernel_text + "  model: " + splice::format_obs(mo);
  }
  return v;
}

std::vector<splice::Trace> random_splice_traces(uint64_t seed, int count, Profile profile) {
  Below below(seed);
  auto length = [&] { return random_length(below); };
  std::vector<splice::Trace> out;
  for (int n = 0; n < count; n++) {
    splice::Trace t{profile, std::nullopt, {}};
    splice::SpliceModel model(profile);
    uint64_t next = 0;
    bool unsendable = below(3) != 0;  // a third of the traces splice sendable pages only, to the end
    auto add = [&](const splice::Op &op) {
      if (!model.valid(op))
        return;
      model.apply(op, fresh_for(op, &next));
      t.ops.push_back(op);
    };
    if (below(2))
      add(splice::Csum{true});
    if (below(7) == 0)
      add(splice::Limit{static_cast<uint32_t>(1 + below(splice::kMaxFrags))});
    if (below(7) == 0)
      add(splice::Prefill{static_cast<uint32_t>(1 + below(4))});
    for (uint64_t round = 0, rounds = 1 + below(3); round < rounds; round++) {
      add(splice::Iter{below(2) ? splice::IterKind::bvec : splice::IterKind::kvec});
      uint32_t total = 0;
      for (uint64_t s = 0, segs = 1 + below(4); s < segs; s++) {
        uint64_t b = unsendable ? below(10) : 0;
        auto backing = b < 8 ? splice::Backing::page : b < 9 ? splice::Backing::raw : splice::Backing::slab;
        uint32_t len = length();
        uint32_t offset = below(3) == 0 ? 0 : static_cast<uint32_t>(below(splice::kMaxBlock - len + 1));
        add(splice::Seg{backing, offset, len});
        total += len;
      }
      for (uint64_t calls = 1 + (below(3) == 0); calls > 0; calls--)
        add(splice::Splice{below(2) ? 65536u : static_cast<uint32_t>(1 + below(total))});
      if (below(10) == 0)
        add(splice::FreeSkb{});
    }
    out.push_back(t);
  }
  return out;
}

std::vector<splice::Trace> splice_shrink_candidates(const splice::Trace &t, Profile profile) {
  std::vector<splice::Trace> out;
  auto keep = [&](splice::Trace c) {
    std::string why;
    if (!c.ops.empty() && c.ops != t.ops && splice_valid_for_model(c, profile, &why))
      out.push_back(std::move(c));
  };
  size_t n = t.ops.size();
  drop_ops(t, keep);
  for (size_t i = 0; i < n; i++) {
    splice::Trace c = t;
    if (auto *s = std::get_if<splice::Seg>(&c.ops[i])) {
      splice::Seg orig = *s;
      for (uint32_t len : {1u, orig.len / 2})
        if (len >= 1 && len < orig.len) {
          s->len = len;
          keep(c);
        }
      *s = orig;
      if (orig.offset) {
        s->offset = 0;
        keep(c);
        *s = orig;
      }
      if (orig.backing != splice::Backing::page) {
        s->backing = splice::Backing::page;
        keep(c);
      }
    } else if (auto *sp = std::get_if<splice::Splice>(&c.ops[i]); sp && sp->maxsize > 1) {
      // Straight to 1 first (one round boots every candidate), then halved.
      uint32_t orig = sp->maxsize;
      for (uint32_t size : {1u, orig / 2})
        if (size < orig) {
          sp->maxsize = size;
          keep(c);
        }
    } else if (auto *p = std::get_if<splice::Prefill>(&c.ops[i]); p && p->n > 1) {
      p->n = 1;
      keep(c);
    }
  }
  return out;
}

}  // namespace sc::oracle
