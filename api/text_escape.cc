// SPDX-License-Identifier: GPL-2.0-only
#include <api/text_escape.h>

#include <cstdio>
#include <optional>

namespace sc {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// One character read off the input: its code point and its bytes, or an ill-formed
// sequence (the bytes it spans, at least one) that stands for one U+FFFD.
struct Char {
  char32_t cp;
  size_t size;
  bool valid;
};

// Well-formed UTF-8 as Unicode's table 3-7 has it: no overlongs, no surrogates, nothing
// past U+10FFFF. A sequence that breaks off spans the bytes read until it broke.
Char next_char(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  unsigned char lead = byte(0);
  if (lead < 0x80)
    return {lead, 1, true};
  size_t tail;
  char32_t cp;
  unsigned char lo = 0x80, hi = 0xBF;  // the range of the first continuation byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    tail = 1, cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    tail = 2, cp = lead & 0x0F;
    lo = lead == 0xE0 ? 0xA0 : 0x80;
    hi = lead == 0xED ? 0x9F : 0xBF;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    tail = 3, cp = lead & 0x07;
    lo = lead == 0xF0 ? 0x90 : 0x80;
    hi = lead == 0xF4 ? 0x8F : 0xBF;
  } else {
    return {0xFFFD, 1, false};
  }
  for (size_t k = 1; k <= tail; k++) {
    if (i + k >= s.size() || byte(k) < lo || byte(k) > hi)
      return {0xFFFD, k, false};
    cp = cp << 6 | (byte(k) & 0x3F);
    lo = 0x80, hi = 0xBF;
  }
  return {cp, tail + 1, true};
}

// Calls each(code point, its UTF-8, the text after it) for every character, U+FFFD for
// what is ill-formed.
template <typename F> void for_each_char(std::string_view s, F &&each) {
  for (size_t i = 0; i < s.size();) {
    Char c = next_char(s, i);
    each(c.cp, c.valid ? s.substr(i, c.size) : kReplacement, s.substr(i + c.size));
    i += c.size;
  }
}

// What no markup should carry: XML 1.0 forbids most of C0 and U+FFFE/U+FFFF, and calls
// DEL and C1 control characters; tab, LF and CR are left to each format.
bool is_control(char32_t cp) {
  return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE ||
         cp == 0xFFFF;
}

// GFM reads `<` as the start of raw HTML or an autolink only before a letter, `/`, `!` or
// `?`; elsewhere (`<0.001 s`) it is text. The end counts: what follows is not ours.
bool opens_html(std::string_view after) {
  if (after.empty())
    return true;
  char c = after[0];
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!' || c == '?';
}

void append_utf8(std::string &out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | cp >> 6);
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | cp >> 12);
    out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | cp >> 18);
    out += static_cast<char>(0x80 | (cp >> 12 & 0x3F));
    out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The character of `&name;` (name without & and ;), if XML 1.0 can hold it.
std::optional<char32_t> reference(std::string_view name) {
  static const std::pair<std::string_view, char32_t> kEntities[] = {
      {"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}};
  for (const auto &[entity, cp] : kEntities)
    if (name == entity)
      return cp;
  if (name.size() < 2 || name[0] != '#')
    return std::nullopt;
  bool hex = name[1] == 'x';
  std::string_view digits = name.substr(hex ? 2 : 1);
  if (digits.empty())
    return std::nullopt;
  char32_t cp = 0;
  for (char d : digits) {
    int v = d >= '0' && d <= '9'   ? d - '0'
            : d >= 'a' && d <= 'f' ? d - 'a' + 10
            : d >= 'A' && d <= 'F' ? d - 'A' + 10
                                   : 99;
    if (v >= (hex ? 16 : 10))
      return std::nullopt;
    cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(v);  // at most 7 digits (see the caller): no overflow
  }
  bool xml_char = cp == '\t' || cp == '\n' || cp == '\r' || (cp >= 0x20 && cp <= 0xD7FF) ||
                  (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
  return xml_char ? std::optional(cp) : std::nullopt;
}

}  // namespace

std::string json_quote(std::string_view s) {
  std::string out = "\"";
  for_each_char(s, [&](char32_t cp, std::string_view bytes, std::string_view) {
    if (cp == '"' || cp == '\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out += bytes;
    }
  });
  return out + "\"";
}

std::string xml_escape(std::string_view s) {
  std::string out;
  for_each_char(s, [&](char32_t cp, std::string_view bytes, std::string_view) {
    switch (cp) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    case '\n': out += "&#10;"; break;
    case '\t': out += "&#9;"; break;
    case '\r': out += "&#13;"; break;
    default: out += is_control(cp) ? kReplacement : bytes;
    }
  });
  return out;
}

std::string xml_attr(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + xml_escape(value) + "\"";
}

std::string xml_attribute_value(std::string_view raw) {
  std::string out;
  for (size_t i = 0; i < raw.size(); i++) {
    char c = raw[i];
    // The longest reference is `&#x10FFFF;`: look no further for its `;`.
    size_t semicolon = c == '&' ? raw.substr(i, 10).find(';') : std::string_view::npos;
    if (auto cp = semicolon == std::string_view::npos ? std::nullopt : reference(raw.substr(i + 1, semicolon - 1))) {
      append_utf8(out, *cp);
      i += semicolon;
    } else if (c == '\r' || c == '\n' || c == '\t') {
      out += ' ';
      i += c == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n';
    } else {
      out += c;
    }
  }
  return out;
}

std::string markdown_text(std::string_view s) {
  std::string out;
  for_each_char(s, [&](char32_t cp, std::string_view bytes, std::string_view after) {
    switch (cp) {
    case '|': out += "\\|"; break;
    case '\\': out += "\\\\"; break;
    case '`': out += "\\`"; break;
    case '<': out += opens_html(after) ? "&lt;" : "<"; break;
    case '&': out += "&amp;"; break;
    case '\n':
    case '\r':
    case '\t': out += ' '; break;
    default: out += is_control(cp) ? kReplacement : bytes;
    }
  });
  return out;
}

}  // namespace sc
