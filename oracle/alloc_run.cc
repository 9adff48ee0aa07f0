// SPDX-License-Identifier: GPL-2.0-only
#include <oracle/alloc_run.h>

#include <oracle/module_output.h>
#include <oracle/runner.h>

#include <charconv>
#include <sstream>

namespace sc::oracle {
namespace {

std::optional<uint64_t> number(std::string_view t) { return module_number<uint64_t>(t); }

// One OP line's words after "OP <i>": the observation and the extras.
bool parse_op_words(std::istringstream &in, KernelAllocOp *op, std::string *why) {
  std::string w;
  bool have_obtained = false, have_released = false;
  while (in >> w) {
    auto eq = w.find('=');
    std::string key = eq == std::string::npos ? w : w.substr(0, eq);
    std::string_view val = eq == std::string::npos ? std::string_view{} : std::string_view(w).substr(eq + 1);
    auto num = [&](std::string_view v) { return number(v); };
    auto page_id = [&](std::string_view v) -> std::optional<uint64_t> {
      if (v.empty() || v[0] != '#')
        return std::nullopt;
      return number(v.substr(1));
    };
    if (w == "frag") {
      op->obs.is_alloc = true;
      op->obs.frag = alloc::Frag{};
    } else if (w == "NULL") {
      op->obs.is_alloc = true;
    } else if (key == "page" && op->obs.frag && page_id(val)) {
      op->obs.frag->page = *page_id(val);
    } else if (key == "size" && op->obs.frag && num(val)) {
      op->obs.frag->page_size = static_cast<uint32_t>(*num(val));
    } else if (key == "offset" && op->obs.frag && num(val)) {
      op->obs.frag->offset = static_cast<uint32_t>(*num(val));
    } else if (key == "cached" && (val == "none" || page_id(val))) {
      op->obs.cached_page = val == "none" ? 0 : *page_id(val);
    } else if (key == "obtained" && num(val)) {
      op->obs.obtained = static_cast<uint32_t>(*num(val));
      have_obtained = true;
    } else if (key == "released" && num(val)) {
      op->obs.released = static_cast<uint32_t>(*num(val));
      have_released = true;
    } else if (key == "zero" && val == "ok") {
      op->zero_checked = true;
    } else if (key == "zero" && val.rfind("bad@", 0) == 0) {
      auto colon = val.find(':');
      auto at = colon == std::string_view::npos ? std::nullopt : number(val.substr(4, colon - 4));
      unsigned byte = 0;
      auto v = val.substr(colon == std::string_view::npos ? 0 : colon + 1);
      auto [end, ec] = std::from_chars(v.data() + (v.rfind("0x", 0) == 0 ? 2 : 0), v.data() + v.size(), byte, 16);
      if (!at || ec != std::errc() || end != v.data() + v.size() || byte > 255) {
        *why = "bad zero= '" + w + "'";
        return false;
      }
      op->zero_checked = true;
      op->nonzero_at = static_cast<uint32_t>(*at);
      op->nonzero_value = static_cast<uint8_t>(byte);
    } else if ((key == "ref" || key == "bias" || key == "live") && num(val)) {
      (key == "ref" ? op->ref : key == "bias" ? op->bias : op->live) = static_cast<uint32_t>(*num(val));
    } else if (key == "pfmemalloc" && (val == "0" || val == "1")) {
      op->pfmemalloc = val == "1";
    } else {
      *why = "unexpected '" + w + "'";
      return false;
    }
  }
  if (!have_obtained || !have_released)
    *why = "an OP line needs obtained= and released=";
  return have_obtained && have_released;
}

}  // namespace

std::optional<KernelAllocRun> parse_alloc_output(const std::string &text, std::string *why) {
  KernelAllocRun run;
  ModuleOutputHooks hooks;
  hooks.component = "alloc";
  auto parse_op = [&run](const std::string &word, std::istringstream &in, KernelAllocOp *op, std::string *what) {
    if (word != "SKIP")
      return parse_op_words(in, op, what);
    op->skipped = true;
    run.skipped++;
    return true;
  };
  if (!read_module_run(text, hooks, &run, parse_op, why))
    return std::nullopt;
  return run;
}

alloc::Trace replayable(const alloc::Trace &t, size_t *dropped) {
  alloc::Trace out{t.profile, t.bug, {}};
  *dropped = 0;
  for (const auto &op : t.ops) {
    bool steering = std::holds_alternative<alloc::FailPages>(op) || std::holds_alternative<alloc::FailAfter>(op) ||
                    std::holds_alternative<alloc::Reserve>(op);
    if (steering)
      ++*dropped;
    else
      out.ops.push_back(op);
  }
  return out;
}

std::optional<std::string> boot_module(const ModuleKernelSpec &k, const std::string &module_src,
                                       const std::string &traces, const std::string &what, BootStatus *status,
                                       std::string *why) {
  auto r = run_runner({SC_ORACLE_KMOD_RUN, k.kernel, module_src, traces,
                       {{"ORACLE_MODULES", k.modules}, {"ORACLE_HEADERS", k.headers}}, what},
                      why);
  if (!r) {
    *status = BootStatus::failed;
    return std::nullopt;
  }
  if (r->exit_code != 0) {
    int rc = r->exit_code;
    *status = rc >= 2 && rc <= 7 ? static_cast<BootStatus>(rc) : BootStatus::failed;
    *why = *status == BootStatus::no_kernel ? "the kernel or its headers could not be fetched (see above)"
           : *status == BootStatus::usage   ? "the runner refused its arguments (see above)"
           : *status == BootStatus::failed && (rc < 2 || rc > 7) ? "the kernel run failed: " + r->status
                                            : "the kernel run failed (see above)";
    return std::nullopt;
  }
  *status = BootStatus::ok;
  return r->output;
}

std::optional<KernelAllocRun> boot_alloc(const AllocKernelSpec &k, const std::vector<alloc::Trace> &traces,
                                         BootStatus *status, std::string *why) {
  return boot_traces(k, SC_ORACLE_KMOD_SRC, traces, alloc::format_trace, parse_alloc_output, status, why);
}

}  // namespace sc::oracle
