// SPDX-License-Identifier: GPL-2.0-only
#include <explore/schedule_text.h>

#include <api/text_lines.h>

namespace sc::explore {

std::string encode_decisions(const std::vector<uint32_t> &d) {
  if (d.empty())
    return "-";
  std::string out;
  for (size_t i = 0; i < d.size();) {
    size_t j = i;
    while (j < d.size() && d[j] == d[i])
      j++;
    out += (out.empty() ? "" : ".") + std::to_string(d[i]) + (j - i > 1 ? "*" + std::to_string(j - i) : "");
    i = j;
  }
  return out;
}

std::optional<std::vector<uint32_t>> decode_decisions(std::string_view s, std::string *why) {
  std::vector<uint32_t> out;
  if (s == "-")
    return out;
  for (size_t start = 0;;) {
    size_t dot = s.find('.', start);
    auto tok = s.substr(start, dot == std::string_view::npos ? dot : dot - start);
    size_t star = tok.find('*');
    auto value = parse_number(tok.substr(0, star), 0, kMaxChoice);
    auto count = star == std::string_view::npos ? std::optional<uint64_t>(1)
                                                : parse_number(tok.substr(star + 1), 1, kMaxScheduleDecisions);
    if (!value || !count || out.size() + *count > kMaxScheduleDecisions) {
      *why = "bad schedule token '" + std::string(tok) + "' at column " + std::to_string(start + 1) +
             " of the schedule (want CHOICE or CHOICE*COUNT, choices 0-" + std::to_string(kMaxChoice) + ", at most " +
             std::to_string(kMaxScheduleDecisions) + " decisions)";
      return std::nullopt;
    }
    out.insert(out.end(), *count, static_cast<uint32_t>(*value));
    if (dot == std::string_view::npos)
      return out;
    start = dot + 1;
  }
}

}  // namespace sc::explore
