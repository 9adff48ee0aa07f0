// SPDX-License-Identifier: GPL-2.0-only
// The kill matrix written out, once per reader: JSON for tools (docs/killmatrix.schema.json),
// Markdown for a pull request or README, one HTML page for people, SARIF for code-scanning
// views and JUnit for CI test tabs. docs/killmatrix.md describes them all.
#pragma once

#include <cli/killmatrix/matrix.h>

#include <string>

namespace sc::km {

std::string to_json(const Matrix &m);
std::string to_markdown(const Matrix &m);
std::string to_html(const Matrix &m);
std::string to_sarif(const Matrix &m);
std::string to_junit(const Matrix &m);

}  // namespace sc::km
