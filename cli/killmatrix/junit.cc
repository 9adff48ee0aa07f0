// SPDX-License-Identifier: GPL-2.0-only
#include <cli/killmatrix/junit.h>

#include <api/text_escape.h>
#include <api/text_lines.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace sc::km {
namespace {

// Line numbers of positions met in increasing order, without rescanning the text.
class LineCounter {
 public:
  explicit LineCounter(std::string_view text) : text_(text) {}
  size_t at(size_t pos) {
    if (pos < seen_)
      seen_ = 0, line_ = 1;
    line_ += static_cast<size_t>(std::count(text_.begin() + static_cast<ptrdiff_t>(seen_),
                                            text_.begin() + static_cast<ptrdiff_t>(pos), '\n'));
    seen_ = pos;
    return line_;
  }

 private:
  std::string_view text_;
  size_t seen_ = 0, line_ = 1;
};

// The value of attribute `name` in a start tag: nullopt when absent; *bad when its quote
// does not close.
std::optional<std::string_view> attribute(std::string_view tag, std::string_view name, bool *bad) {
  for (size_t p = 0; (p = tag.find(name, p)) != std::string_view::npos; p += name.size()) {
    size_t eq = p + name.size();
    if (p == 0 || (tag[p - 1] != ' ' && tag[p - 1] != '\t' && tag[p - 1] != '\n' && tag[p - 1] != '\r') ||
        tag.substr(eq, 2) != "=\"")
      continue;
    size_t close = tag.find('"', eq + 2);
    if (close == std::string_view::npos) {
      *bad = true;
      return std::nullopt;
    }
    return tag.substr(eq + 2, close - eq - 2);
  }
  return std::nullopt;
}

bool starts_element(std::string_view xml, size_t at, std::string_view name) {
  if (xml.substr(at, name.size()) != name || at + name.size() >= xml.size())
    return false;
  char c = xml[at + name.size()];
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '>' || c == '/';
}

}  // namespace

std::optional<std::vector<JunitTest>> parse_junit(std::string_view xml, std::string *why) {
  LineCounter lines(xml);
  auto fail = [&](size_t pos, const std::string &what) {
    *why = "line " + std::to_string(lines.at(pos)) + ": " + what;
    return std::nullopt;
  };
  std::vector<JunitTest> out;
  std::optional<uint64_t> declared;
  size_t suite_at = std::string_view::npos;
  for (size_t p = 0; (p = xml.find('<', p)) != std::string_view::npos;) {
    // Comments and CDATA may hold anything, "<testcase" included.
    bool skipped = false;
    for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"<!--", "-->"}, {"<![CDATA[", "]]>"}})
      if (!skipped && xml.substr(p, open.size()) == open) {
        size_t end = xml.find(close, p + open.size());
        if (end == std::string_view::npos)
          return fail(p, std::string(open) + " that never closes");
        p = end + close.size();
        skipped = true;
      }
    if (skipped)
      continue;
    size_t gt = xml.find('>', p);
    if (gt == std::string_view::npos)
      return fail(p, "a tag that never closes");
    std::string_view tag = xml.substr(p, gt - p);
    bool bad = false;
    if (starts_element(xml, p, "<testsuite")) {
      if (suite_at != std::string_view::npos)
        return fail(p, "a second <testsuite>");
      suite_at = p;
      auto n = attribute(tag, "tests", &bad);
      declared = n ? parse_number(*n, 0, kMaxJunitTests) : std::nullopt;
      if (!declared)
        return fail(p, "<testsuite> needs tests=\"N\", N from 0 to " + std::to_string(kMaxJunitTests) +
                           (n ? ", not \"" + std::string(*n) + "\"" : ""));
    } else if (starts_element(xml, p, "<testcase")) {
      if (suite_at == std::string_view::npos)
        return fail(p, "<testcase> outside a <testsuite>");
      if (out.size() == kMaxJunitTests)
        return fail(p, "more than " + std::to_string(kMaxJunitTests) + " tests");
      JunitTest t;
      t.line = lines.at(p);
      size_t end = gt + 1;
      std::string_view body;
      if (tag.back() != '/') {
        size_t close = xml.find("</testcase>", gt);
        size_t next = xml.find("<testcase", gt);
        if (close == std::string_view::npos || (next != std::string_view::npos && next < close))
          return fail(p, "<testcase> without </testcase>");
        body = xml.substr(gt, close - gt);
        end = close + 11;
      }
      auto name = attribute(tag, "name", &bad);
      auto status = attribute(tag, "status", &bad);
      auto time = attribute(tag, "time", &bad);
      if (bad)
        return fail(p, "an attribute value without its closing quote");
      if (!name || name->empty())
        return fail(p, "<testcase> without a name");
      t.name = xml_attribute_value(*name);
      if (time) {
        auto [ptr, ec] = std::from_chars(time->data(), time->data() + time->size(), t.seconds);
        if (time->empty() || ec != std::errc() || ptr != time->data() + time->size() || !std::isfinite(t.seconds) ||
            t.seconds < 0 || t.seconds > kMaxJunitSeconds)
          return fail(p, "time=\"" + std::string(*time) + "\" is not a number of seconds from 0 to 1e7");
      }
      if (status && *status != "run" && *status != "fail" && *status != "notrun" && *status != "disabled")
        return fail(p, "status=\"" + std::string(*status) + "\" is not run, fail, notrun or disabled");
      if (size_t s = t.name.rfind("seed"); s != std::string::npos && s + 4 < t.name.size() &&
                                           t.name.find_first_not_of("0123456789", s + 4) == std::string::npos) {
        t.seed = parse_number(std::string_view(t.name).substr(s + 4), 0, UINT64_MAX);
        if (!t.seed)
          return fail(p, "the seed in '" + t.name + "' is not a number from 0 to " + std::to_string(UINT64_MAX));
      }
      if (body.find("<skipped") != std::string_view::npos || status == "notrun" || status == "disabled")
        t.end = JunitTest::skipped;
      else if (body.find("<failure") != std::string_view::npos || status == "fail")
        t.end = JunitTest::failed;
      out.push_back(std::move(t));
      p = end;
      continue;
    }
    p = gt + 1;
  }
  if (suite_at == std::string_view::npos)
    return fail(xml.size(), "no <testsuite> element (not a CTest JUnit file)");
  size_t last = xml.find_last_not_of(" \t\r\n");
  if (last == std::string_view::npos || last + 1 < 12 || xml.substr(last + 1 - 12, 12) != "</testsuite>")
    return fail(xml.size(), "the file ends before </testsuite> (cut short?)");
  if (out.size() != *declared)
    return fail(suite_at, "<testsuite tests=\"" + std::to_string(*declared) + "\"> but " + std::to_string(out.size()) +
                              " <testcase> elements");
  return out;
}

std::optional<std::vector<JunitTest>> read_junit(const std::string &path, std::string *why) {
  auto text = read_text_file(path, why);
  if (!text)
    return std::nullopt;
  auto tests = parse_junit(*text, why);
  if (!tests)
    *why = "cannot read '" + path + "': " + *why;
  return tests;
}

}  // namespace sc::km
