// The shared output machinery of the writers: the byte scanners, JSON strings as RapidJSON
// prints them, slugs, CSV fields, the output buffer and the two-thread chunk pipeline.
#include <gtest/gtest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>
#include <atomic>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "text2kg/io/graphml_buffer.hpp"
#include "text2kg/io/graphml_format.hpp"
#include "text2kg/io/json_text.hpp"
#include "text2kg/io/jsonld_iri.hpp"
#include "text2kg/io/neo4j_writer.hpp"
#include "text2kg/io/text_buffer.hpp"
#include "text2kg/io/text_scan.hpp"

namespace text2kg::io {
namespace {

bool naive_notable(unsigned char c) {
  return c < 0x20 || c >= 0x80 || c == '&' || c == '<' || c == '>' || c == '"' || c == '\\';
}

// Every length around the 16-byte SIMD step, every position of the one special byte.
TEST(TextScan, FindsTheFirstSpecialByteAtEveryPositionAroundTheSimdStep) {
  const std::string specials = std::string("\x00\x01\x1f&<>\"\\\x80\xC3\xff", 11);
  for (std::size_t size = 0; size <= 40; ++size) {
    for (std::size_t at = 0; at < size; ++at) {
      for (const char special : specials) {
        std::string text(size, 'a');
        text[at] = special;
        for (std::size_t from = 0; from <= at; from += 5) {
          EXPECT_EQ(scan::next_notable(text, from), at) << size << " " << at;
        }
        EXPECT_EQ(scan::next_notable(text, at + 1), size);
      }
      for (const char special : {',', '"', '\r', '\n'}) {
        std::string text(size, 'a');
        text[at] = special;
        EXPECT_EQ(scan::next_csv_special(text, 0), at);
        EXPECT_EQ(scan::next_csv_special(text, at + 1), size);
      }
    }
    EXPECT_EQ(scan::next_notable(std::string(size, 'z'), 0), size);
    EXPECT_EQ(scan::next_csv_special(std::string(size, ';'), 0), size);
  }
  for (int c = 0; c < 256; ++c) {
    const std::string text(1, static_cast<char>(c));
    EXPECT_EQ(scan::next_notable(text, 0) == 0, naive_notable(static_cast<unsigned char>(c))) << c;
    EXPECT_EQ(scan::kNotable[static_cast<std::size_t>(c)], naive_notable(static_cast<unsigned char>(c))) << c;
  }
}

/// What RapidJSON's validating Writer prints for `text`, or nullopt when it refuses it.
std::optional<std::string> rapidjson_string(std::string_view text) {
  // RapidJSON's UTF-8 validator reads every continuation byte a lead byte announces, even past
  // the given length when the text ends in a cut sequence: give it zero bytes to read there.
  std::string padded(text);
  padded.append(4, '\0');
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>, rapidjson::CrtAllocator,
                    rapidjson::kWriteValidateEncodingFlag>
      writer(buffer);
  if (!writer.String(padded.data(), static_cast<rapidjson::SizeType>(text.size()))) return std::nullopt;
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::optional<std::string> ours(std::string_view text) {
  std::string out = "prefix";
  if (!json::append_string(out, text)) return std::nullopt;
  EXPECT_EQ(out.substr(0, 6), "prefix");
  return out.substr(6);
}

TEST(JsonText, EveryByteIsEscapedExactlyAsRapidJsonDoes) {
  for (int c = 0; c < 0x80; ++c) {
    std::string text = "x";
    text += static_cast<char>(c);
    text += 'y';
    EXPECT_EQ(ours(text), rapidjson_string(text)) << c;
  }
  EXPECT_EQ(ours("tab\there \"q\" back\\slash\n\r\b\f\x01\x1f"), rapidjson_string("tab\there \"q\" back\\slash\n\r\b\f\x01\x1f"));
  EXPECT_EQ(*ours(std::string("a\0b", 3)), "\"a\\u0000b\"");
  EXPECT_EQ(*ours("\x7f"), "\"\x7f\"");
  EXPECT_EQ(*ours(""), "\"\"");
}

// Multi-byte characters and ill-formed bytes at every offset around the 16-byte step, so a
// sequence is split across it; ill-formed text is refused exactly when RapidJSON refuses it.
TEST(JsonText, Utf8SplitAcrossTheSimdStepAndIllFormedBytesAsRapidJson) {
  const std::vector<std::string> pieces = {"\xC3\xB1", "\xE2\x9C\x93", "\xF0\x9F\x98\x80", "\xEF\xBF\xBE",
                                           "\xC3\x28", "\xE2\x9C", "\xED\xA0\x80", "\xC0\xAF", "\xF4\x90\x80\x80",
                                           "\xFF", "\x80"};
  for (const std::string& piece : pieces) {
    for (std::size_t before = 0; before <= 34; ++before) {
      std::string text(before, 'a');
      text += piece;
      text += "\"tail\\";
      text += std::string(before % 7, 'b');
      EXPECT_EQ(ours(text), rapidjson_string(text)) << before;
    }
  }
  std::mt19937 random(7);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int size = static_cast<int>(random() % 40);
    for (int i = 0; i < size; ++i) {
      const unsigned r = random() % 10;
      if (r < 6) {
        text += static_cast<char>('a' + random() % 26);
      } else if (r < 8) {
        text += pieces[random() % 4];  // well-formed
      } else {
        text += static_cast<char>(random() % 256);
      }
    }
    EXPECT_EQ(ours(text), rapidjson_string(text)) << round;
  }
}

TEST(JsonText, UnsignedIntegersAsRapidJson) {
  for (const std::uint64_t value : {std::uint64_t{0}, std::uint64_t{9}, std::uint64_t{10}, std::uint64_t{4294967296},
                                    std::numeric_limits<std::uint64_t>::max()}) {
    std::string out;
    json::append_uint(out, value);
    EXPECT_EQ(out, std::to_string(value));
  }
}

TEST(JsonldIri, AppendSlugAndHexMatchTheirStringForms) {
  for (int c = 0; c < 256; ++c) {
    std::string text = "ab";
    text += static_cast<char>(c);
    text += "/c";
    std::string out = "x";
    append_slug(out, text);
    std::string expected = "x";
    expected += slug(text);
    EXPECT_EQ(out, expected);
    EXPECT_EQ(unslug(slug(text)), text);
  }
  EXPECT_EQ(slug("person/Añez x"), "person/%41%C3%B1ez%20x");  // upper case too: keys are lower case
  std::string hex = "h";
  append_hex64(hex, 0x0123456789abcdefULL);
  EXPECT_EQ(hex, "h0123456789abcdef");
  EXPECT_EQ(hex64(0), "0000000000000000");
}

TEST(CsvField, QuotesOnlyWhenNeededAndDoublesQuotesAtEveryPosition) {
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("plain text; with semicolons"), "plain text; with semicolons");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("\""), "\"\"\"\"");
  EXPECT_EQ(csv_field("line\r\nend"), "\"line\r\nend\"");
  for (std::size_t size = 1; size <= 36; ++size) {
    for (std::size_t at = 0; at < size; ++at) {
      std::string text(size, 'x');
      text[at] = '"';
      std::string expected = "\"";
      expected += text.substr(0, at);
      expected += "\"\"";
      expected += text.substr(at + 1);
      expected += '"';
      EXPECT_EQ(csv_field(text), expected) << size << " " << at;
    }
  }
}

// The one-pass XML paths give exactly what the two-pass compositions gave.
TEST(GraphmlFormat, FusedPlainTextAndJsonInXmlEqualTheirCompositions) {
  const std::vector<std::string> pieces = {"a", "b c", "&", "<", ">", "\"", "\\", "\t", "\n", "\r", std::string(1, '\0'),
                                           "\x01", "\x1f", "\xC3\xB1", "\xE2\x9C\x93", "\xEF\xBF\xBE", "\xEF\xBF\xBF",
                                           "\xC3\x28", "\xFF", "\xF0\x9F\x98\x80"};
  std::mt19937 random(11);
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    const int size = static_cast<int>(random() % 12);
    for (int i = 0; i < size; ++i) text += pieces[random() % (round % 2 ? pieces.size() : 13)];
    if (round % 3 == 0) text = std::string(random() % 20, 'x') + text;  // past the 16-byte step
    std::string fused = "<";
    const bool survives = graphml::append_plain_text(fused, text);
    EXPECT_EQ(survives, graphml::survives_xml(text)) << round;
    std::string expected = "<";
    if (survives) graphml::append_escaped_text(expected, text);
    EXPECT_EQ(fused, expected) << round;

    std::string json;
    graphml::append_json_string(json, text);
    std::string composed;
    graphml::append_escaped_text(composed, json);
    std::string one_pass;
    graphml::append_json_string_xml(one_pass, text);
    EXPECT_EQ(one_pass, composed) << round;
  }
}

// ---- OutputBuffer and format_in_order ------------------------------------------------

/// Item i: a few bytes that depend on i only, with multi-byte characters and a size that varies.
template <typename Out>
void item_text(Out& out, std::size_t i) {
  out += "<i";
  out += std::to_string(i);
  out += '>';
  for (std::size_t k = 0; k < i % 13; ++k) out += (k % 3 == 0) ? "\xE2\x9C\x93" : "\xC3\xB1";
  out += '\n';
}

std::string expected_items(std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) item_text(out, i);
  return out;
}

struct CountingFormatter {
  std::size_t items = 0;
};

/// format_in_order with chunks formatted into `Text` gives the sequential bytes for any count,
/// chunk size (items at, before and after each chunk boundary) and output block size.
template <typename Text>
void expect_sequential_bytes() {
  for (const std::size_t capacity : {std::size_t{16}, std::size_t{1000}, OutputBuffer::kDefaultCapacity}) {
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{3}, std::size_t{7}, std::size_t{64}}) {
      for (const std::size_t count : {std::size_t{0}, std::size_t{1}, chunk - 1, chunk, chunk + 1, 5 * chunk + 2,
                                      std::size_t{1000}}) {
        std::ostringstream stream;
        OutputBuffer buffer(stream, "test", capacity);
        buffer.append("head|");
        std::array<CountingFormatter, 2> formatters{};
        format_in_order<Text>(count, formatters, buffer,
                              [](CountingFormatter& f, Text& out, std::size_t i) {
                                ++f.items;
                                item_text(out, i);
                              },
                              chunk);
        buffer.append("|tail");
        buffer.finish();
        std::string expected = "head|";
        expected += expected_items(count);
        expected += "|tail";
        EXPECT_EQ(stream.str(), expected) << capacity << " " << chunk << " " << count;
        EXPECT_EQ(formatters[0].items + formatters[1].items, count);
      }
    }
  }
}

TEST(FormatInOrder, BytesAreTheSequentialOnesForAnyCountChunkAndBufferSize) { expect_sequential_bytes<std::string>(); }

TEST(FormatInOrder, ChunksInTextBuffersGiveTheSameBytes) { expect_sequential_bytes<TextBuffer>(); }

/// With chunks formatted into `Text`: an exception thrown while formatting any item (in the
/// first chunk, mid-chunk, at a chunk boundary, in the last) stops both threads, is rethrown,
/// and only whole chunks before it have gone out.
template <typename Text>
void expect_exception_stops_both_threads() {
  for (const std::size_t failing : {std::size_t{0}, std::size_t{5}, std::size_t{37}, std::size_t{38}, std::size_t{999}}) {
    std::ostringstream stream;
    OutputBuffer buffer(stream, "test", 64);
    std::array<CountingFormatter, 2> formatters{};
    std::atomic<std::size_t> formatted{0};
    EXPECT_THROW(format_in_order<Text>(1000, formatters, buffer,
                                       [&](CountingFormatter&, Text& out, std::size_t i) {
                                         if (i == failing) throw std::runtime_error("failing item");
                                         ++formatted;
                                         item_text(out, i);
                                       },
                                       4),
                 std::runtime_error)
        << failing;
    buffer.flush();
    // What went out is whole chunks, in order, from the start, none past the failing item.
    const std::string written = stream.str();
    EXPECT_EQ(written, expected_items(1000).substr(0, written.size()));
    EXPECT_LE(written.size(), expected_items(failing).size());
  }
}

TEST(FormatInOrder, AnExceptionFromEitherThreadStopsBothAndIsRethrown) {
  expect_exception_stops_both_threads<std::string>();
}

TEST(FormatInOrder, AnExceptionWithTextBufferChunksStopsBothAndIsRethrown) {
  expect_exception_stops_both_threads<TextBuffer>();
}

/// A stream that fails after `limit` bytes.
struct FailingSink : std::streambuf {
  std::size_t limit = 0, taken = 0;
  std::streamsize xsputn(const char*, std::streamsize count) override {
    if (taken + static_cast<std::size_t>(count) > limit) return 0;
    taken += static_cast<std::size_t>(count);
    return count;
  }
  int_type overflow(int_type c) override { return taken < limit ? (++taken, c) : traits_type::eof(); }
};

TEST(FormatInOrder, AFailingStreamThrowsErrorAndTheWorkerIsJoined) {
  FailingSink sink;
  sink.limit = 5000;
  std::ostream stream(&sink);
  OutputBuffer buffer(stream, "test", 256);
  std::array<CountingFormatter, 2> formatters{};
  EXPECT_THROW(format_in_order(100000, formatters, buffer,
                               [](CountingFormatter&, std::string& out, std::size_t i) { item_text(out, i); }, 16),
               Error);
}

}  // namespace
}  // namespace text2kg::io
