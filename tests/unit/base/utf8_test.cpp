#include "text2kg/base/utf8.hpp"

#include <gtest/gtest.h>

namespace text2kg::utf8 {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_FALSE(find_invalid("Mexico’s “Foreign Minister” — Ebrard 😀"));
}

TEST(Utf8, LocatesFirstIllFormedByte) {
  EXPECT_EQ(find_invalid("ab\xC3"), 2U);                 // truncated
  EXPECT_EQ(find_invalid("a\xC0\xAF"), 1U);              // overlong
  EXPECT_EQ(find_invalid("xy\xED\xA0\x80"), 2U);         // surrogate
  EXPECT_EQ(find_invalid("\xF4\x90\x80\x80"), 0U);       // above U+10FFFF
  EXPECT_EQ(find_invalid("ok\x80"), 2U);                 // stray continuation
}

TEST(Utf8, XmlSafeReplacesControlCharactersAndBadBytes) {
  EXPECT_EQ(to_xml_safe("a\x1C" "b\tc\n"), "a\xEF\xBF\xBD" "b\tc\n");
  EXPECT_EQ(to_xml_safe("\xFF"), "\xEF\xBF\xBD");
  EXPECT_EQ(to_xml_safe("\xEF\xBF\xBF"), "\xEF\xBF\xBD");  // U+FFFF is not an XML char
  EXPECT_EQ(to_xml_safe("<&>"), "<&>");                    // escaping is the writer's job
}

TEST(Utf8, DecodeAndAppendRoundTrip) {
  const std::string text = "é’😀";
  std::string rebuilt;
  for (std::size_t pos = 0; pos < text.size();) append(rebuilt, decode(text, pos));
  EXPECT_EQ(rebuilt, text);
}

}  // namespace
}  // namespace text2kg::utf8
