// SPDX-License-Identifier: GPL-2.0-only
// Text as each output format embeds it: one escaping rule per format, shared by every
// writer (the JSON of run/bugs/profiles, the kill matrix's JSON, SARIF, JUnit, HTML and
// Markdown), so that a name holding quotes, markup or control bytes cannot break a file.
//
// Input is bytes. Every rule reads them as UTF-8 first and puts one U+FFFD for each
// maximal ill-formed subsequence (the Unicode practice, as Python's
// bytes.decode("utf-8", "replace") does), so every output is valid UTF-8, byte for byte
// the same for the same input.
#pragma once

#include <string>
#include <string_view>

namespace sc {

// A JSON string literal, quotes included: `"` and `\` escaped, U+0000..U+001F as \u00XX;
// every other character as its UTF-8.
std::string json_quote(std::string_view s);

// Text for XML and HTML, right both in element content and inside a "-quoted attribute:
// & < > " ' as &amp; &lt; &gt; &quot; &#39;; tab, LF and CR as &#9; &#10; &#13; (an
// attribute keeps them); the characters XML 1.0 cannot hold or calls control characters
// (the rest of U+0000..U+001F, U+007F..U+009F, U+FFFE, U+FFFF) as U+FFFD.
std::string xml_escape(std::string_view s);
// ` name="value"`, the value escaped as above.
std::string xml_attr(std::string_view name, std::string_view value);
// An attribute value as an XML parser reads it: literal tab, LF and CR (CR LF as one)
// become spaces, then &lt; &gt; &amp; &quot; &apos; and &#N; &#xH; are decoded; a reference
// that names no character XML can hold stays as written.
std::string xml_attribute_value(std::string_view raw);

// Text kept inside one Markdown (GFM) table cell or one-line list item: `|` `\` and
// backtick escaped with `\`; & as &amp;, and < as &lt; where it could open HTML (before a
// letter, `/`, `!`, `?` or the end); tab, LF and CR as a space; other control characters
// (as for XML) as U+FFFD. Emphasis characters (* _) stay: they cannot leave the cell.
std::string markdown_text(std::string_view s);

}  // namespace sc
