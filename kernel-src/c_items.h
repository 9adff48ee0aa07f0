// SPDX-License-Identifier: GPL-2.0-only
// Top-level items of a C file: function definitions, declarations, struct definitions,
// preprocessor lines. Enough of C to lift named functions out of a kernel file
// unchanged, whatever line they sit on: comments, strings, character constants and
// preprocessor lines are skipped while braces are matched.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sc::ksrc {

struct CItem {
  enum class Kind { function, declaration, directive };
  Kind kind;
  std::string name;      // function or declared name; struct tag as "struct x"; macro name
  std::string argument;  // EXPORT_SYMBOL(x) and the like: x
  bool is_static = false;
  size_t first_line = 0, last_line = 0;  // 1-based, inclusive
  std::string text;                       // the item's lines, unchanged
  std::string header;                     // function: the text before the body, comments removed
};

// Splits `source` into its top-level items; comments between items belong to none.
// Returns false with *why set when braces or comments do not balance.
bool scan_c_items(std::string_view source, std::vector<CItem> *items, std::string *why);

}  // namespace sc::ksrc
