// SPDX-License-Identifier: GPL-2.0-only
#include <kernel-src/c_items.h>

#include <algorithm>
#include <cctype>

namespace sc::ksrc {
namespace {

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The identifier that ends right before position `end` of s (skipping blanks).
std::string ident_before(const std::string &s, size_t end) {
  while (end > 0 && std::isspace(static_cast<unsigned char>(s[end - 1])))
    end--;
  size_t start = end;
  while (start > 0 && ident_char(s[start - 1]))
    start--;
  return s.substr(start, end - start);
}

std::string first_ident(const std::string &s, size_t from) {
  while (from < s.size() && !ident_char(s[from]))
    from++;
  size_t end = from;
  while (end < s.size() && ident_char(s[end]))
    end++;
  return s.substr(from, end - from);
}

// Code of an item with comments blanked, for naming it.
class Scanner {
 public:
  explicit Scanner(std::string_view src) : src_(src) {}

  bool run(std::vector<CItem> *items, std::string *why) {
    while (skip_space_and_comments(why)) {
      if (pos_ >= src_.size())
        return true;
      if (src_[pos_] == '#') {
        items->push_back(directive());
        continue;
      }
      CItem item;
      if (!statement(&item, why))
        return false;
      items->push_back(std::move(item));
    }
    return false;
  }

 private:
  size_t line_at(size_t p) const {
    size_t line = 1;
    for (size_t i = 0; i < p; i++)
      line += src_[i] == '\n';
    return line;
  }

  bool skip_comment(std::string *code, std::string *why) {
    if (src_.compare(pos_, 2, "/*") == 0) {
      size_t end = src_.find("*/", pos_ + 2);
      if (end == std::string_view::npos) {
        *why = "line " + std::to_string(line_at(pos_)) + ": comment never ends";
        return false;
      }
      if (code)
        *code += ' ';
      pos_ = end + 2;
      return true;
    }
    size_t end = src_.find('\n', pos_);
    pos_ = end == std::string_view::npos ? src_.size() : end;
    return true;
  }

  bool at_comment() const {
    return src_.compare(pos_, 2, "/*") == 0 || src_.compare(pos_, 2, "//") == 0;
  }

  bool skip_space_and_comments(std::string *why) {
    for (;;) {
      while (pos_ < src_.size() && std::isspace(static_cast<unsigned char>(src_[pos_])))
        pos_++;
      if (pos_ >= src_.size() || !at_comment())
        return true;
      if (!skip_comment(nullptr, why))
        return false;
    }
  }

  // A preprocessor line with its continuations.
  size_t directive_end(size_t p) const {
    for (;;) {
      size_t nl = src_.find('\n', p);
      if (nl == std::string_view::npos)
        return src_.size();
      if (nl > 0 && src_[nl - 1] == '\\') {
        p = nl + 1;
        continue;
      }
      return nl;
    }
  }

  CItem directive() {
    size_t start = pos_, end = directive_end(pos_);
    CItem item{CItem::Kind::directive, "", "", false, line_at(start), line_at(end), std::string(src_.substr(start, end - start)), ""};
    std::string word = first_ident(item.text, 1);
    if (word == "define" || word == "undef")
      item.name = first_ident(item.text, item.text.find(word) + word.size());
    else
      item.name = "#" + word;
    pos_ = end;
    return item;
  }

  bool skip_literal(char quote, std::string *code, std::string *why) {
    size_t p = pos_ + 1;
    while (p < src_.size() && src_[p] != quote && src_[p] != '\n')
      p += src_[p] == '\\' ? 2 : 1;
    if (p >= src_.size() || src_[p] != quote) {
      *why = "line " + std::to_string(line_at(pos_)) + ": unterminated literal";
      return false;
    }
    *code += src_.substr(pos_, p + 1 - pos_);
    pos_ = p + 1;
    return true;
  }

  // One declaration or definition: up to the ';' at depth 0, or up to the '}' that
  // closes a function body.
  bool statement(CItem *item, std::string *why) {
    size_t start = pos_;
    std::string code;  // comments blanked, preprocessor lines inside kept
    int depth = 0;
    size_t body = std::string::npos;  // offset in `code` of the first '{' at depth 0
    bool line_start = false;
    // Conditionals inside the item: true while in an #elif/#else part. Only the first
    // part's braces count, as when each part opens its own `if (...) {`.
    std::vector<bool> alternative;
    while (pos_ < src_.size()) {
      char c = src_[pos_];
      if (line_start && c == '#') {
        size_t end = directive_end(pos_);
        std::string word = first_ident(std::string(src_.substr(pos_, end - pos_)), 1);
        if (word.rfind("if", 0) == 0)
          alternative.push_back(false);
        else if ((word == "else" || word.rfind("elif", 0) == 0) && !alternative.empty())
          alternative.back() = true;
        else if (word == "endif" && !alternative.empty())
          alternative.pop_back();
        code += src_.substr(pos_, end - pos_);
        pos_ = end;
        continue;
      }
      bool counted = std::find(alternative.begin(), alternative.end(), true) == alternative.end();
      if (c == '\n')
        line_start = true;
      else if (!std::isspace(static_cast<unsigned char>(c)))
        line_start = false;
      if (at_comment()) {
        if (!skip_comment(&code, why))
          return false;
        continue;
      }
      if (c == '"' || c == '\'') {
        if (!skip_literal(c, &code, why))
          return false;
        continue;
      }
      code += c;
      pos_++;
      if (!counted)
        continue;
      if (c == '{') {
        if (depth++ == 0 && body == std::string::npos)
          body = code.size() - 1;
      } else if (c == '}') {
        if (--depth < 0) {
          *why = "line " + std::to_string(line_at(pos_ - 1)) + ": '}' without '{'";
          return false;
        }
        // A function body ends the item; a struct/initializer goes on to its ';'.
        if (depth == 0 && looks_like_function(code, body))
          return finish(item, CItem::Kind::function, start, code, body);
      } else if (c == ';' && depth == 0) {
        return finish(item, CItem::Kind::declaration, start, code, body);
      }
    }
    *why = "line " + std::to_string(line_at(start)) + ": item never ends (unbalanced braces?)";
    return false;
  }

  static bool looks_like_function(const std::string &code, size_t body) {
    if (body == std::string::npos)
      return false;
    size_t p = body;
    while (p > 0 && std::isspace(static_cast<unsigned char>(code[p - 1])))
      p--;
    return p > 0 && code[p - 1] == ')' && code.substr(0, body).find('=') == std::string::npos;
  }

  bool finish(CItem *item, CItem::Kind kind, size_t start, const std::string &code, size_t body) {
    item->kind = kind;
    item->first_line = line_at(start);
    item->last_line = line_at(pos_ - 1);
    item->text = std::string(src_.substr(start, pos_ - start));
    std::string head = code.substr(0, body == std::string::npos ? code.size() : body);
    item->is_static = first_ident(head, 0) == "static";
    size_t paren = head.find('('), eq = head.find('=');
    if (eq != std::string::npos && (paren == std::string::npos || eq < paren)) {
      item->name = ident_before(head, eq);  // an initialized variable
    } else if (head.rfind("struct ", 0) == 0 && body != std::string::npos && (paren == std::string::npos || paren > body)) {
      item->name = "struct " + first_ident(head, 7);
    } else if (paren != std::string::npos) {
      item->name = ident_before(head, paren);
      item->argument = first_ident(head, paren + 1);
    } else {
      item->name = ident_before(head, head.find_last_not_of(" \t\n;") + 1);
    }
    if (kind == CItem::Kind::function)
      item->header = head;
    return true;
  }

  std::string_view src_;
  size_t pos_ = 0;
};

}  // namespace

bool scan_c_items(std::string_view source, std::vector<CItem> *items, std::string *why) {
  return Scanner(source).run(items, why);
}

}  // namespace sc::ksrc
