// SPDX-License-Identifier: GPL-2.0-only
// The one escaping rule per output format (api/text_escape.h), byte for byte.
#include <api/text_escape.h>
#include <gtest/gtest.h>

using namespace sc;

namespace {

TEST(JsonQuote, EscapesQuotesBackslashesAndControls) {
  EXPECT_EQ(json_quote("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(json_quote(std::string("\n\t\x01\x1b\0", 5)), R"("\u000a\u0009\u0001\u001b\u0000")");
  EXPECT_EQ(json_quote("</script>'&|`"), R"("</script>'&|`")");
  EXPECT_EQ(json_quote("\x7f é ✓ 😀"), "\"\x7f é ✓ 😀\"");  // valid UTF-8 as it is
}

// One U+FFFD per maximal ill-formed subsequence, as Python's decode("utf-8", "replace").
TEST(JsonQuote, IllFormedUtf8BecomesReplacementCharacters) {
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(json_quote("\xff"), "\"" + r + "\"");
  EXPECT_EQ(json_quote("\xc3\x28"), "\"" + r + "(\"");                 // a lead byte without its tail
  EXPECT_EQ(json_quote("\xe2\x82" "A"), "\"" + r + "A\"");              // a truncated three-byte sequence: one
  EXPECT_EQ(json_quote("\xed\xa0\x80"), "\"" + r + r + r + "\"");       // a surrogate: three
  EXPECT_EQ(json_quote("\xc0\xaf"), "\"" + r + r + "\"");               // an overlong: two
  EXPECT_EQ(json_quote("\xf4\x90\x80\x80"), "\"" + r + r + r + r + "\"");  // past U+10FFFF
  EXPECT_EQ(json_quote("end\xe2"), "\"end" + r + "\"");
}

TEST(XmlEscape, EntitiesReferencesAndWhatXmlCannotHold) {
  EXPECT_EQ(xml_escape("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(xml_escape("a\nb\tc\rd"), "a&#10;b&#9;c&#13;d");
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(xml_escape(std::string("\x01\x1b\x7f\xc2\x85\0", 6)), r + r + r + r + r);  // C0, DEL, C1, NUL
  EXPECT_EQ(xml_escape("\xef\xbf\xbe\xef\xbf\xbf\xff"), r + r + r);                      // U+FFFE, U+FFFF, ill-formed
  EXPECT_EQ(xml_escape("]]> é"), "]]&gt; é");
  EXPECT_EQ(xml_attr("title", "a\"b"), " title=\"a&quot;b\"");
}

TEST(XmlAttributeValue, DecodesWhatXmlEscapeWrites) {
  for (std::string s : {"<a href=\"x\">&'</a>", "a\nb\tc\rd", "]]> é ✓", "&lt; &#10;"})
    EXPECT_EQ(xml_attribute_value(xml_escape(s)), s);
  EXPECT_EQ(xml_attribute_value("&apos;&#x9;&#x1F600;&#233;"), "'\t😀é");
  EXPECT_EQ(xml_attribute_value("a\r\nb\nc\td"), "a b c d");  // as a parser normalizes literal white space
  // Not a character XML can hold, or no reference at all: left as written.
  EXPECT_EQ(xml_attribute_value("&#1; &#0; &#xD800; &#99999999; &nbsp; & &;"), "&#1; &#0; &#xD800; &#99999999; &nbsp; & &;");
}

TEST(MarkdownText, StaysInItsCell) {
  EXPECT_EQ(markdown_text("a|b\\c`d"), "a\\|b\\\\c\\`d");
  EXPECT_EQ(markdown_text("two\nlines\r\ttab"), "two lines  tab");
  EXPECT_EQ(markdown_text("<script> </b> <!-- <?x <0.001 s a<"), "&lt;script> &lt;/b> &lt;!-- &lt;?x <0.001 s a&lt;");
  EXPECT_EQ(markdown_text("&lt; **b** _i_"), "&amp;lt; **b** _i_");
  EXPECT_EQ(markdown_text("\x01\x1b\xff"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

}  // namespace
