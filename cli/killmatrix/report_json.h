// SPDX-License-Identifier: GPL-2.0-only
// JSON built by hand for the kill matrix's JSON and SARIF writers: every string goes
// through sc::json_quote (api/text_escape.h), every other value is JSON already.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sc::km::json {

using Fields = std::initializer_list<std::pair<const char *, std::string>>;

std::string fields(Fields fields, const std::string &sep);
std::string object(Fields fields);                                // {"a": 1, "b": 2}
std::string inline_array(const std::vector<std::string> &items);  // [1, 2]
// One item a line, so that two reports diff row by row.
std::string lines_array(const std::vector<std::string> &items);

template <typename T> std::string integer_or_null(const std::optional<T> &v) { return v ? std::to_string(*v) : "null"; }

}  // namespace sc::km::json
