// TextBuffer, the block the writers format elements into: it must hold exactly the bytes a
// std::string given the same appends would hold, through every growth.
#include "text2kg/io/text_buffer.hpp"

#include <gtest/gtest.h>

#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "text2kg/io/graphml_format.hpp"
#include "text2kg/io/json_text.hpp"
#include "text2kg/io/jsonld_iri.hpp"

namespace text2kg::io {
namespace {

using namespace std::string_view_literals;

TEST(TextBuffer, StartsEmptyWithoutStorage) {
  const TextBuffer text;
  EXPECT_TRUE(text.empty());
  EXPECT_EQ(text.size(), 0U);
  EXPECT_EQ(text.capacity(), 0U);
  EXPECT_EQ(text.view(), ""sv);
}

TEST(TextBuffer, RandomAppendsGiveTheBytesOfTheSameAppendsToAString) {
  std::mt19937 random(7);
  TextBuffer text;
  std::string expected;
  std::size_t growths = 0;
  for (int step = 0; step < 20000; ++step) {
    const std::size_t capacity = text.capacity();
    if (random() % 4 == 0) {
      const char c = static_cast<char>('a' + random() % 26);
      text += c;
      expected += c;
    } else {
      // Lengths from 0 up to past the first capacity, so one append can outgrow a doubling.
      const std::string piece(random() % (step % 100 == 0 ? 9000 : 40), static_cast<char>('A' + step % 26));
      text.append(piece);
      expected += piece;
    }
    growths += text.capacity() != capacity;
    ASSERT_EQ(text.size(), expected.size()) << step;
  }
  EXPECT_EQ(text.view(), expected);
  EXPECT_GT(growths, 3U);  // the bytes survived several moves to larger storage
}

TEST(TextBuffer, AnEmptyViewWithNoDataAppendsNothing) {
  TextBuffer text;
  text.append(std::string_view());
  text += std::string_view();
  EXPECT_TRUE(text.empty());
  EXPECT_EQ(text.capacity(), 0U);
}

TEST(TextBuffer, ResizeDropsTheTailAndRefusesToGrow) {
  TextBuffer text;
  text += "abcdef"sv;
  text.resize(6);
  EXPECT_EQ(text.view(), "abcdef"sv);
  text.resize(2);
  EXPECT_EQ(text.view(), "ab"sv);
  EXPECT_THROW(text.resize(3), std::length_error);
  text += 'z';
  EXPECT_EQ(text.view(), "abz"sv);
}

TEST(TextBuffer, ClearKeepsTheStorageForTheNextChunk) {
  TextBuffer text;
  text.append(std::string(10000, 'x'));
  const std::size_t capacity = text.capacity();
  const char* const storage = text.data();
  text.clear();
  EXPECT_TRUE(text.empty());
  text += "again"sv;
  EXPECT_EQ(text.view(), "again"sv);
  EXPECT_EQ(text.capacity(), capacity);
  EXPECT_EQ(text.data(), storage);
}

TEST(TextBuffer, ReserveKeepsTheBytes) {
  TextBuffer text;
  text += "kept"sv;
  text.reserve(100000);
  EXPECT_GE(text.capacity(), 100000U);
  EXPECT_EQ(text.view(), "kept"sv);
  text.reserve(10);  // never shrinks
  EXPECT_GE(text.capacity(), 100000U);
}

TEST(TextBuffer, AMovedFromBufferIsEmptyAndUsable) {
  TextBuffer text;
  text += "moved"sv;
  TextBuffer other(std::move(text));
  EXPECT_EQ(other.view(), "moved"sv);
  EXPECT_TRUE(text.empty());  // NOLINT(bugprone-use-after-move): the documented state
  EXPECT_EQ(text.capacity(), 0U);
  text += "fresh"sv;
  EXPECT_EQ(text.view(), "fresh"sv);
  TextBuffer third;
  third = std::move(other);
  EXPECT_EQ(third.view(), "moved"sv);
  EXPECT_TRUE(other.empty());  // NOLINT(bugprone-use-after-move)
}

// The GraphML appenders are compiled for both output types; the bytes must not differ.
TEST(TextBuffer, GraphmlAppendersWriteTheSameBytesAsToAString) {
  const std::string_view samples[] = {"plain", "a < b & c > d \"q\" \\", "tab\there\nline", "cr\rhere",
                                      "bell\x07", "caf\xC3\xA9", "bad \xC3(", "nonchar \xEF\xBF\xBE", ""};
  for (const std::string_view sample : samples) {
    std::string expected;
    TextBuffer text;
    graphml::append_escaped_text(expected, sample);
    graphml::append_escaped_text(text, sample);
    graphml::append_escaped_attribute(expected, sample);
    graphml::append_escaped_attribute(text, sample);
    graphml::append_json_string(expected, sample);
    graphml::append_json_string(text, sample);
    graphml::append_json_string_xml(expected, sample);
    graphml::append_json_string_xml(text, sample);
    EXPECT_EQ(graphml::append_plain_text(expected, sample), graphml::append_plain_text(text, sample)) << sample;
    graphml::append_number(expected, std::uint64_t{18446744073709551615ULL});
    graphml::append_number(text, std::uint64_t{18446744073709551615ULL});
    graphml::append_number(expected, 0.1 + 0.2);
    graphml::append_number(text, 0.1 + 0.2);
    graphml::append_number(expected, 0.9F);
    graphml::append_number(text, 0.9F);
    EXPECT_EQ(text.view(), expected) << sample;
  }
}

// So are the JSON-LD ones (RapidJSON-style strings, numbers, slugs, statement ids).
TEST(TextBuffer, JsonAppendersWriteTheSameBytesAsToAString) {
  const std::string_view samples[] = {"plain", "quote \" back \\ slash", "ctl \b\f\n\r\t\x01\x1F", "caf\xC3\xA9 / Z\xC3\xBCrich",
                                      "Person/Evo Morales;x", ""};
  for (const std::string_view sample : samples) {
    std::string expected;
    TextBuffer text;
    EXPECT_TRUE(json::append_string(expected, sample));
    EXPECT_TRUE(json::append_string(text, sample));
    json::append_uint(expected, 1234567890123ULL);
    json::append_uint(text, 1234567890123ULL);
    append_slug(expected, sample);
    append_slug(text, sample);
    append_hex64(expected, fnv1a64(sample));
    append_hex64(text, fnv1a64(sample));
    EXPECT_EQ(text.view(), expected) << sample;
  }
  TextBuffer refused;
  EXPECT_FALSE(json::append_string(refused, "bad \xC3("));
}

}  // namespace
}  // namespace text2kg::io
