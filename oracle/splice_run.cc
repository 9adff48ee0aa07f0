// SPDX-License-Identifier: GPL-2.0-only
#include <oracle/splice_run.h>

#include <oracle/module_output.h>

#include <charconv>
#include <sstream>

namespace sc::oracle {
namespace {

template <typename T> std::optional<T> number(std::string_view t) { return module_number<T>(t); }

// "#3.1+0:4096" (source 3, its page 1, offset 0, 4096 bytes) or "copy:300".
std::optional<splice::FragDesc> parse_frag(std::string_view w) {
  splice::FragDesc f;
  auto colon = w.rfind(':');
  if (colon == std::string_view::npos)
    return std::nullopt;
  auto len = number<uint32_t>(w.substr(colon + 1));
  if (!len)
    return std::nullopt;
  f.len = *len;
  w = w.substr(0, colon);
  if (w == "copy") {
    f.copy = true;
    return f;
  }
  auto dot = w.find('.'), plus = w.find('+');
  if (w.empty() || w[0] != '#' || dot == std::string_view::npos || plus == std::string_view::npos || plus < dot)
    return std::nullopt;
  auto src = number<uint64_t>(w.substr(1, dot - 1));
  auto sub = number<uint32_t>(w.substr(dot + 1, plus - dot - 1));
  auto off = number<uint32_t>(w.substr(plus + 1));
  if (!src || !sub || !off)
    return std::nullopt;
  f.serial = *src;
  f.sub = *sub;
  f.offset = *off;
  return f;
}

// The words of a splice's OP line after "OP <i>".
bool parse_splice_words(std::istringstream &in, KernelSpliceOp *op, std::string *why) {
  splice::Obs &o = op->obs;
  o.is_splice = true;
  std::string w;
  bool have[5] = {};
  while (in >> w) {
    auto eq = w.find('=');
    std::string key = eq == std::string::npos ? w : w.substr(0, eq);
    std::string val = eq == std::string::npos ? "" : w.substr(eq + 1);
    if (key == "frags" && val.rfind('[', 0) == 0) {
      // The list runs to the word ending in ']'.
      std::string list = val.substr(1);
      while (list.empty() || list.back() != ']') {
        std::string more;
        if (!(in >> more)) {
          *why = "an unterminated frags=[...]";
          return false;
        }
        list += " " + more;
      }
      list.pop_back();
      std::istringstream frags(list);
      for (std::string f; frags >> f;) {
        auto d = parse_frag(f);
        if (!d) {
          *why = "bad frag '" + f + "'";
          return false;
        }
        o.frags.push_back(*d);
      }
      have[4] = true;
      continue;
    }
    bool ok = true;
    if (key == "ret") {
      auto v = number<int64_t>(val);
      ok = v.has_value() && (have[0] = true);
      o.ret = v.value_or(0);
    } else if (key == "consumed") {
      auto v = number<uint64_t>(val);
      ok = v.has_value() && (have[1] = true);
      o.consumed = v.value_or(0);
    } else if (key == "len" || key == "data_len" || key == "truesize") {
      auto v = number<uint32_t>(val);
      ok = v.has_value();
      (key == "len" ? o.len : key == "data_len" ? o.data_len : o.truesize) = v.value_or(0);
      have[2] |= key == "len";
      have[3] |= key == "truesize";
    } else if (key == "csum") {
      auto v = number<uint16_t>(val);
      ok = v.has_value();
      o.software_csum = true;
      o.csum = v.value_or(0);
    } else if (key == "bytes_csum") {
      auto v = number<uint16_t>(val);
      ok = v.has_value();
      op->bytes_csum = v;
    } else {
      ok = false;
    }
    if (!ok) {
      *why = "unexpected '" + w + "'";
      return false;
    }
  }
  if (!(have[0] && have[1] && have[2] && have[3] && have[4])) {
    *why = "a splice's OP line needs ret=, consumed=, frags=[...], len= and truesize=";
    return false;
  }
  return true;
}

}  // namespace

std::optional<KernelSpliceRun> parse_splice_output(const std::string &text, std::string *why) {
  KernelSpliceRun run;
  ModuleOutputHooks hooks;
  hooks.component = "splice";
  hooks.header = [&run](const std::string &rest, std::string *what) {
    auto frags = rest.rfind(" max_skb_frags=", 0) == 0 ? number<uint32_t>(std::string_view(rest).substr(15))
                                                       : std::nullopt;
    if (!frags)
      *what = "the header needs max_skb_frags=N";
    run.max_skb_frags = frags.value_or(0);
    return frags.has_value();
  };
  // A splice's line has words after the index; every other op's has none.
  auto parse_op = [](const std::string &word, std::istringstream &in, KernelSpliceOp *op, std::string *what) {
    if (word != "OP") {
      *what = "the splice module skips no op";
      return false;
    }
    return !((in >> std::ws) && !in.eof() && !parse_splice_words(in, op, what));
  };
  if (!read_module_run(text, hooks, &run, parse_op, why))
    return std::nullopt;
  return run;
}

bool splice_replayable(const splice::Trace &t, std::string *why) {
  for (size_t i = 0; i < t.ops.size(); i++) {
    const auto &op = t.ops[i];
    auto *it = std::get_if<splice::Iter>(&op);
    auto *seg = std::get_if<splice::Seg>(&op);
    bool user = (it && (it->kind == splice::IterKind::ubuf || it->kind == splice::IterKind::iovec)) ||
                (seg && seg->backing == splice::Backing::user) || std::holds_alternative<splice::Extract>(op);
    if (user) {
      *why = "op " + std::to_string(i + 1) + " '" + splice::format_op(op) +
             "' needs user memory; the replayer module splices kernel memory only (bvec, kvec)";
      return false;
    }
  }
  return true;
}

std::optional<KernelSpliceRun> boot_splice(const ModuleKernelSpec &k, const std::vector<splice::Trace> &traces,
                                           BootStatus *status, std::string *why) {
  return boot_traces(k, SC_ORACLE_KMOD_SPLICE_SRC, traces, splice::format_trace, parse_splice_output, status, why);
}

}  // namespace sc::oracle
