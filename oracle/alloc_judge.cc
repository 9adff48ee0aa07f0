// SPDX-License-Identifier: GPL-2.0-only
#include <oracle/alloc_judge.h>

#include <model/page_frag_model.h>
#include <oracle/op_trace_judge.h>

#include <algorithm>
#include <random>

namespace sc::oracle {
namespace {

using alloc::Check;

alloc::CheckSet every_check() { return every_check_of<alloc::CheckSet>(); }

// The kernel's stale bytes named as the mirror's checker names them (props/
// page_frag_check.cc): by how the model's page was refilled and whether it was recycled.
Check stale_bytes_check(const alloc::PageFragModel &model, uint64_t page) {
  const auto *p = model.page(page);
  if (p && !p->zeroed_at_refill)
    return Check::zero_on_unzeroed_page;
  return p && p->recycled ? Check::zero_after_recycle : Check::content_intact;
}

std::vector<BugId> rows_naming(Check c, Profile profile) {
  return profile_rows_naming(Component::alloc, alloc::check_name(c), profile);
}

}  // namespace

std::string trace_line(const alloc::Trace &t) { return ops_line(t, alloc::format_op); }

bool valid_for_model(const alloc::Trace &t, Profile profile, std::string *why) {
  alloc::PageFragModel model(alloc::carving_rules(profile), alloc::kMaxCpus);
  auto step = [&model](const alloc::Op &op) { return model.valid(op) && (model.apply(op), true); };
  return every_op_defined(t, step, alloc::format_op, "no such live fragment, or fragsz 0 before series 06", why);
}

AllocVerdict judge_alloc(const alloc::Trace &t, const std::vector<KernelAllocOp> &kernel, Profile profile) {
  AllocVerdict v;
  alloc::PageFragModel model(alloc::carving_rules(profile), alloc::kMaxCpus);
  alloc::Differential mirror(profile, std::nullopt, alloc::kMaxCpus, t.ops.size());
  bool kernel_null_before = false;  // an earlier Alloc returned NULL on the kernel
  for (size_t i = 0; i < t.ops.size(); i++) {
    size_t n = i + 1;
    if (i >= kernel.size() || kernel[i].skipped) {
      v.model_diff = v.model_diff ? v.model_diff : n;
      v.model_detail = "the kernel did not run this op";
      break;
    }
    const KernelAllocOp &k = kernel[i];
    if (i > 0 && kernel[i - 1].obs.is_alloc && !kernel[i - 1].obs.frag)
      kernel_null_before = true;
    alloc::Obs mo = model.apply(t.ops[i]);
    // One implementation: the mirror keeps running after a finding (only a three-way
    // run stops at one), so its observations are compared to the end.
    auto f = mirror.step(t.ops[i], every_check());
    const alloc::Obs &io = mirror.observed().back().at(1);
    if (io != k.obs && !v.impl_diff) {
      v.impl_diff = n;
      v.impl_detail = "kernel: " + alloc::format_obs(k.obs) + "  impl: " + alloc::format_obs(io);
    }
    if (f && !v.impl)
      v.impl = AllocFinding{f->check, n, f->divergence};
    if (mo != k.obs && mo.is_alloc && k.obs.is_alloc && !k.obs.frag) {
      // A running kernel's page supply does not fail here: a NULL where the model carves,
      // or one reached without the refill the model does, is the kernel breaking the NULL
      // rule (7.2's large request), as the mirror's checker names it. Page ids no longer
      // line up after it, so the comparison ends.
      if (!v.kernel)
        v.kernel = AllocFinding{Check::null_only_when_supply_fails, n,
                                "NULL for " + alloc::format_op(t.ops[i]) + " where the model gives " +
                                    alloc::format_obs(mo)};
      break;
    }
    if (mo != k.obs && kernel_null_before && mo.frag && k.obs.frag && mo.frag->page == k.obs.frag->page &&
        mo.frag->page_size == k.obs.frag->page_size) {
      // The same page at another offset after a kernel NULL: that NULL skipped the fresh
      // offset the model's recycle gives (7.2's large request), as the mirror names it.
      if (!v.kernel)
        v.kernel = AllocFinding{Check::offset_matches_model, n,
                                "offset " + std::to_string(k.obs.frag->offset) + " where the model carves at " +
                                    std::to_string(mo.frag->offset) + ", after an earlier NULL"};
      break;
    }
    if (mo != k.obs) {
      v.model_diff = n;
      v.model_detail = "kernel: " + alloc::format_obs(k.obs) + "  model: " + alloc::format_obs(mo);
      break;  // page ids no longer line up: later checks would name the wrong pages
    }
    if (v.kernel)
      continue;
    if (k.nonzero_at && mo.frag) {
      char byte[8];
      std::snprintf(byte, sizeof byte, "0x%02x", k.nonzero_value);
      v.kernel = AllocFinding{stale_bytes_check(model, mo.frag->page), n,
                              "__GFP_ZERO fragment byte " + std::to_string(*k.nonzero_at) + " reads " + byte};
    } else if (k.ref && k.bias && k.live && *k.ref != *k.bias + *k.live) {
      v.kernel = AllocFinding{Check::refcount_cached, n,
                              "refcount " + std::to_string(*k.ref) + " != bias " + std::to_string(*k.bias) + " + " +
                                  std::to_string(*k.live) + " live"};
    }
  }
  if (v.kernel)
    v.kernel_rows = rows_naming(v.kernel->check, profile);
  if (!v.impl_diff && v.impl != v.kernel) {
    // The mirror's supply hands out pages holding stale bytes; these kernels zero every
    // fresh page (CONFIG_INIT_ON_ALLOC_DEFAULT_ON=y), so a refill for a non-zeroing
    // caller cannot show stale bytes there. At the kernel's own finding's op the mirror's
    // observation already matched the kernel's; only its first-found check differs.
    bool init_on_alloc = v.impl && v.impl->check == Check::zero_on_unzeroed_page &&
                         (!v.kernel || v.kernel->op >= v.impl->op);
    if (init_on_alloc) {
      v.impl_explained = "the kernel zeroes every fresh page (init_on_alloc=1): the mirror's stale bytes at op " +
                         std::to_string(v.impl->op) + " cannot show there";
    } else {
      v.impl_diff = v.impl ? v.impl->op : v.kernel->op;
      v.impl_detail = std::string("kernel breaks ") + (v.kernel ? check_name(v.kernel->check) : "nothing") +
                      (v.kernel ? " at op " + std::to_string(v.kernel->op) : "") + ", impl breaks " +
                      (v.impl ? check_name(v.impl->check) : "nothing") +
                      (v.impl ? " at op " + std::to_string(v.impl->op) : "");
    }
  }
  return v;
}

std::vector<alloc::Trace> random_alloc_traces(uint64_t seed, int count, Profile profile) {
  Below below(seed);
  auto size = [&]() -> uint32_t {
    switch (below(20)) {
    case 0: return static_cast<uint32_t>(32769 + below(65536 - 32769 + 1));  // more than a cache page
    case 1: case 2: case 3: return static_cast<uint32_t>(8193 + below(32768 - 8193 + 1));
    case 4: case 5: case 6: case 7: return static_cast<uint32_t>(2049 + below(8192 - 2049 + 1));
    case 8: case 9: case 10: case 11: case 12: return static_cast<uint32_t>(65 + below(2048 - 65 + 1));
    default: return static_cast<uint32_t>(1 + below(64));
    }
  };
  std::vector<alloc::Trace> out;
  for (int n = 0; n < count; n++) {
    alloc::Trace t{profile, std::nullopt, {}};
    alloc::PageFragModel model(alloc::carving_rules(profile), alloc::kMaxCpus);
    size_t len = 1 + below(24);
    while (t.ops.size() < len) {
      alloc::Op op;
      uint64_t kind = below(10);
      uint32_t live = static_cast<uint32_t>(model.live_count());
      if (kind < 5 || live == 0) {
        alloc::Alloc a;
        a.cpu = static_cast<uint32_t>(below(3));
        a.fragsz = size();
        a.gfp = (below(2) ? alloc::gfp_kernel() : alloc::gfp_atomic()) | (below(5) < 2 ? alloc::gfp_zero() : 0);
        a.align = below(3) ? 1u : 1u << below(13);
        op = a;
      } else if (kind < 7) {
        op = alloc::Free{static_cast<uint32_t>(below(live))};
      } else if (kind < 9) {
        op = alloc::Dirty{static_cast<uint32_t>(below(live))};
      } else {
        op = alloc::Drain{static_cast<uint32_t>(below(3))};
      }
      if (!model.valid(op))
        continue;
      model.apply(op);
      t.ops.push_back(op);
    }
    out.push_back(t);
  }
  return out;
}

namespace {

// Per op: which fragment (by the Alloc op that made it, or the op itself for an Alloc
// that made one) a Free or Dirty names, so a fragment can be dropped with every op naming
// it and the others' indexes renumbered.
std::vector<std::optional<size_t>> fragment_of_ops(const alloc::Trace &t, Profile profile) {
  alloc::PageFragModel model(alloc::carving_rules(profile), alloc::kMaxCpus);
  std::vector<size_t> live;  // Alloc op index per live fragment, oldest first
  std::vector<std::optional<size_t>> out(t.ops.size());
  for (size_t i = 0; i < t.ops.size(); i++) {
    const auto &op = t.ops[i];
    if (auto *f = std::get_if<alloc::Free>(&op)) {
      out[i] = live.at(f->idx);
      live.erase(live.begin() + f->idx);
    } else if (auto *d = std::get_if<alloc::Dirty>(&op)) {
      out[i] = live.at(d->idx);
    }
    if (model.apply(op).frag) {
      live.push_back(i);
      out[i] = i;
    }
  }
  return out;
}

// t without the fragment Alloc op `a` made, its Free and Dirty ops, the rest renumbered.
alloc::Trace drop_fragment(const alloc::Trace &t, size_t a, const std::vector<std::optional<size_t>> &names) {
  alloc::Trace c{t.profile, t.bug, {}};
  std::vector<size_t> live;
  for (size_t i = 0; i < t.ops.size(); i++) {
    if (i == a || names[i] == a)
      continue;
    alloc::Op op = t.ops[i];
    auto index_of = [&](size_t alloc_op) {
      return static_cast<uint32_t>(std::find(live.begin(), live.end(), alloc_op) - live.begin());
    };
    if (auto *f = std::get_if<alloc::Free>(&op)) {
      f->idx = index_of(*names[i]);
      live.erase(live.begin() + f->idx);
    } else if (auto *d = std::get_if<alloc::Dirty>(&op)) {
      d->idx = index_of(*names[i]);
    } else if (names[i]) {
      live.push_back(i);
    }
    c.ops.push_back(op);
  }
  return c;
}

}  // namespace

std::vector<alloc::Trace> alloc_shrink_candidates(const alloc::Trace &t, Profile profile) {
  std::vector<alloc::Trace> out;
  auto keep = [&](alloc::Trace c) {
    std::string why;
    if (!c.ops.empty() && valid_for_model(c, profile, &why))
      out.push_back(std::move(c));
  };
  size_t n = t.ops.size();
  auto names = fragment_of_ops(t, profile);
  for (size_t i = 0; i < n; i++)
    if (std::holds_alternative<alloc::Alloc>(t.ops[i]))
      keep(drop_fragment(t, i, names));
  drop_ops(t, keep);
  for (size_t i = 0; i < n; i++) {
    auto *a = std::get_if<alloc::Alloc>(&t.ops[i]);
    if (!a)
      continue;
    // Straight to 1 first (no extra boot: one round runs every candidate), then halved.
    for (uint32_t size : {1u, a->fragsz / 2})
      if (size >= 1 && size < a->fragsz) {
        alloc::Trace c = t;
        std::get<alloc::Alloc>(c.ops[i]).fragsz = size;
        keep(c);
      }
    if (a->align > 1) {
      alloc::Trace c = t;
      std::get<alloc::Alloc>(c.ops[i]).align = 1;
      keep(c);
    }
  }
  return out;
}

}  // namespace sc::oracle
