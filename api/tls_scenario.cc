// SPDX-License-Identifier: GPL-2.0-only
#include <api/tls_scenario.h>

#include <api/text_lines.h>

namespace sc::tls {
namespace {

constexpr std::pair<OpKind, const char *> kOps[] = {
    {OpKind::send, "send"},         {OpKind::sendmsg, "sendmsg"}, {OpKind::write, "write"},
    {OpKind::sendfile, "sendfile"}, {OpKind::sendpage, "sendpage"}, {OpKind::splice, "splice"},
    {OpKind::ctrl, "ctrl"},
    {OpKind::sleep, "sleep"},       {OpKind::sndbuf, "sndbuf"},
};

const char *op_name(OpKind k) {
  for (auto [kind, name] : kOps)
    if (kind == k)
      return name;
  return "?";
}

// A cursor over one line that knows its column (1-based) for error messages.
class Reader {
 public:
  explicit Reader(std::string_view line) : line_(line) {}

  // The next blank-separated word, or empty at the end; *col is where it starts.
  std::string_view word(size_t *col) {
    while (pos_ < line_.size() && (line_[pos_] == ' ' || line_[pos_] == '\t' || line_[pos_] == '\r'))
      pos_++;
    size_t start = pos_;
    while (pos_ < line_.size() && line_[pos_] != ' ' && line_[pos_] != '\t' && line_[pos_] != '\r')
      pos_++;
    *col = start + 1;
    return line_.substr(start, pos_ - start);
  }

 private:
  std::string_view line_;
  size_t pos_ = 0;
};

bool fail(std::string *why, size_t col, const std::string &what) {
  *why = "column " + std::to_string(col) + ": " + what;
  return false;
}

std::optional<uint32_t> number(std::string_view text, uint32_t lo, uint32_t hi) {
  auto v = parse_number(text, lo, hi);
  return v ? std::optional<uint32_t>(static_cast<uint32_t>(*v)) : std::nullopt;
}

// "send:100:more" and the like; col is where the word starts, for positions inside it.
bool parse_op(std::string_view w, size_t col, SockOp *op, std::string *why) {
  std::vector<std::pair<std::string_view, size_t>> parts;  // field, its column
  for (size_t start = 0;;) {
    size_t colon = w.find(':', start);
    parts.emplace_back(w.substr(start, colon == std::string_view::npos ? colon : colon - start), col + start);
    if (colon == std::string_view::npos)
      break;
    start = colon + 1;
  }
  auto [name, name_col] = parts[0];
  bool known = false;
  for (auto [kind, n] : kOps)
    if (name == n) {
      op->kind = kind;
      known = true;
    }
  if (!known)
    return fail(why, name_col, "unknown op '" + std::string(name) + "' (send, sendmsg, write, sendfile, sendpage, splice, ctrl, sleep, sndbuf)");
  if (parts.size() < 2)
    return fail(why, col + w.size(), std::string(name) + " needs a size: " + std::string(name) + ":N");
  uint32_t hi = op->kind == OpKind::sleep ? kMaxSleepMs : op->kind == OpKind::sndbuf ? kMaxSndbufCheck : kMaxOpBytes;
  auto bytes = [&](std::string_view t, size_t c, uint32_t lo) -> std::optional<uint32_t> {
    auto v = number(t, lo, hi);
    if (!v)
      fail(why, c, "'" + std::string(t) + "' is not a whole number from " + std::to_string(lo) + " to " +
                       std::to_string(hi));
    return v;
  };
  auto [size_text, size_col] = parts[1];
  if (op->kind == OpKind::sendmsg) {
    uint64_t sum = 0;
    for (size_t start = 0;;) {
      size_t plus = size_text.find('+', start);
      auto chunk = size_text.substr(start, plus == std::string_view::npos ? plus : plus - start);
      if (op->sizes.size() == kMaxIovecs)
        return fail(why, size_col + start, "more than " + std::to_string(kMaxIovecs) + " iovecs (UIO_MAXIOV)");
      auto v = bytes(chunk, size_col + start, 0);
      if (!v)
        return false;
      op->sizes.push_back(*v);
      sum += *v;
      if (sum > kMaxOpBytes)
        return fail(why, size_col, "the iovecs add up to more than " + std::to_string(kMaxOpBytes) +
                                       " bytes, the most one op may send");
      if (plus == std::string_view::npos)
        break;
      start = plus + 1;
    }
  } else if ((op->kind == OpKind::sendfile || op->kind == OpKind::sendpage) && size_text.find('@') != std::string_view::npos) {
    size_t at = size_text.find('@');
    auto n = bytes(size_text.substr(0, at), size_col, 0);
    if (!n)
      return false;
    auto off = bytes(size_text.substr(at + 1), size_col + at + 1, 0);
    if (!off)
      return false;
    op->sizes = {*n};
    op->offset = *off;
  } else {
    auto v = bytes(size_text, size_col, op->kind == OpKind::sndbuf ? 1 : 0);
    if (!v)
      return false;
    op->sizes = {*v};
  }
  size_t next = 2;
  if (op->kind == OpKind::ctrl) {
    if (parts.size() < 3)
      return fail(why, col + w.size(), "ctrl needs a record type: ctrl:N:TYPE");
    auto t = number(parts[2].first, 0, 255);
    if (!t)
      return fail(why, parts[2].second, "record type '" + std::string(parts[2].first) + "' is not 0..255");
    op->record_type = static_cast<uint8_t>(*t);
    next = 3;
  }
  for (; next < parts.size(); next++) {
    auto [flag, flag_col] = parts[next];
    bool more_ok = op->kind == OpKind::send || op->kind == OpKind::sendmsg || op->kind == OpKind::splice ||
                   op->kind == OpKind::ctrl || op->kind == OpKind::sendpage;
    bool short_ok = op->kind == OpKind::sendfile;
    bool eor_ok = op->kind == OpKind::send || op->kind == OpKind::sendmsg;
    bool intr_ok = op->kind == OpKind::sndbuf;
    if (op->flag != Flag::none)
      return fail(why, flag_col, "one flag per op");
    if (flag == "more" && more_ok)
      op->flag = Flag::more;
    else if (flag == "eor" && eor_ok)
      op->flag = Flag::eor;
    else if (flag == "short" && short_ok)
      op->flag = Flag::short_file;
    else if (flag == "intr" && intr_ok)
      op->flag = Flag::intr;
    else
      return fail(why, flag_col, "'" + std::string(flag) + "' is not a flag " + std::string(name) + " takes" +
                                     (more_ok    ? std::string(" (") + (eor_ok ? "more, eor)" : "more)")
                                      : short_ok ? " (short)"
                                      : intr_ok  ? " (intr)"
                                                 : " (none)"));
  }
  return true;
}

}  // namespace

std::optional<size_t> tls13_unreadable_op(const Scenario &s) {
  for (size_t i = 0; s.tls13 && i < s.ops.size(); i++)
    if (s.ops[i].kind == OpKind::ctrl && s.ops[i].record_type == 0)
      return i;
  return std::nullopt;
}

const char *path_name(Path p) { return p == Path::sw ? "sw" : "device"; }

uint32_t SockOp::bytes() const {
  if (kind == OpKind::sleep || kind == OpKind::sndbuf)
    return 0;
  uint32_t n = 0;
  for (uint32_t s : sizes)
    n += s;
  return n;
}

std::string format_scenario(const Scenario &s) {
  std::string out = s.name + (s.tls13 ? " v13" : " v12");
  if (s.shut)
    out += " shut";
  if (s.zerocopy)
    out += " zc";
  if (s.max_payload)
    out += " maxpay=" + std::to_string(*s.max_payload);
  for (const auto &op : s.ops) {
    out += std::string(" ") + op_name(op.kind) + ":";
    for (size_t i = 0; i < op.sizes.size(); i++)
      out += (i ? "+" : "") + std::to_string(op.sizes[i]);
    if ((op.kind == OpKind::sendfile || op.kind == OpKind::sendpage) && op.offset)
      out += "@" + std::to_string(op.offset);
    if (op.kind == OpKind::ctrl)
      out += ":" + std::to_string(op.record_type);
    out += op.flag == Flag::more         ? ":more"
           : op.flag == Flag::eor        ? ":eor"
           : op.flag == Flag::short_file ? ":short"
           : op.flag == Flag::intr       ? ":intr"
                                         : "";
  }
  return out;
}

std::optional<Scenario> parse_scenario(std::string_view line, std::string *why) {
  Reader in(line);
  size_t col = 1;
  Scenario s;
  std::string_view w = in.word(&col);
  if (w.empty() || w.find(':') != std::string_view::npos) {
    fail(why, col, "a scenario starts with its name");
    return std::nullopt;
  }
  s.name = w;
  bool options = true, version_given = false;
  uint64_t total = 0, slept = 0;
  while (!(w = in.word(&col)).empty()) {
    if (options && (w == "v12" || w == "v13")) {
      if (version_given) {
        fail(why, col, "the TLS version is given twice");
        return std::nullopt;
      }
      version_given = true;
      s.tls13 = w == "v13";
    } else if (options && w == "shut") {
      s.shut = true;
    } else if (options && w == "zc") {
      s.zerocopy = true;
    } else if (options && w.rfind("maxpay=", 0) == 0) {
      auto v = number(w.substr(7), kMinMaxPayload, kMaxRecordPayload);
      if (!v) {
        fail(why, col + 7, "maxpay is " + std::to_string(kMinMaxPayload) + ".." + std::to_string(kMaxRecordPayload));
        return std::nullopt;
      }
      s.max_payload = v;
    } else {
      options = false;
      if (s.ops.size() == kMaxScenarioOps) {
        fail(why, col, "more than " + std::to_string(kMaxScenarioOps) + " ops in one scenario");
        return std::nullopt;
      }
      SockOp op;
      if (!parse_op(w, col, &op, why))
        return std::nullopt;
      total += op.bytes();
      slept += op.kind == OpKind::sleep ? op.sizes[0] : 0;
      if (total > kMaxScenarioBytes) {
        fail(why, col, "the ops ask to send more than " + std::to_string(kMaxScenarioBytes) +
                           " bytes, the most one scenario may");
        return std::nullopt;
      }
      if (slept > kMaxScenarioSleepMs) {
        fail(why, col, "the sleeps add up to more than " + std::to_string(kMaxScenarioSleepMs) + " ms");
        return std::nullopt;
      }
      s.ops.push_back(op);
    }
  }
  if (s.ops.empty()) {
    fail(why, line.size() + 1, "scenario '" + s.name + "' has no ops");
    return std::nullopt;
  }
  if (auto bad = tls13_unreadable_op(s)) {
    fail(why, 1, "op " + std::to_string(*bad + 1) + ": record type 0 under TLS 1.3 cannot be read back (RFC 8446 5.4: "
                 "zeros before the inner type are padding); the kernel sends it anyway");
    return std::nullopt;
  }
  return s;
}

std::optional<std::vector<Scenario>> parse_scenarios(std::string_view text, std::string *why) {
  std::vector<Scenario> out;
  TextLines lines(text);
  for (std::string_view line; lines.next(&line);) {
    line = line.substr(0, line.find('#'));
    if (line.find_first_not_of(" \t") == std::string_view::npos)
      continue;
    std::string err;
    if (out.size() == kMaxScenarios)
      err = "column 1: more than " + std::to_string(kMaxScenarios) + " scenarios in one file";
    auto s = err.empty() ? parse_scenario(line, &err) : std::nullopt;
    if (!s) {
      *why = "line " + std::to_string(lines.number()) + ", " + err;
      return std::nullopt;
    }
    out.push_back(std::move(*s));
  }
  return out;
}

}  // namespace sc::tls
