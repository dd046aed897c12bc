#include "text2kg/io/json_text.hpp"

#include <charconv>

#include "text2kg/base/utf8.hpp"
#include "text2kg/io/text_scan.hpp"

namespace text2kg::io::json {
namespace {

/// RapidJSON's escape table: the letter after the backslash, 'u' for \u00XX, 0 for none.
constexpr char escape_of(unsigned char byte) {
  switch (byte) {
    case '\b': return 'b';
    case '\t': return 't';
    case '\n': return 'n';
    case '\f': return 'f';
    case '\r': return 'r';
    case '"': return '"';
    case '\\': return '\\';
    default: return byte < 0x20 ? 'u' : 0;
  }
}

}  // namespace

template <typename Out>
bool append_string(Out& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += '"';
  std::size_t run = 0;
  bool checked = false;  // the text from the first non-ASCII byte on is validated once
  for (std::size_t i = scan::next_notable(text, 0); i < text.size(); i = scan::next_notable(text, i + 1)) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x80) {
      if (!checked && utf8::find_invalid(text.substr(i))) return false;
      checked = true;
      continue;
    }
    const char escape = escape_of(byte);
    if (escape == 0) continue;  // & < > need nothing in JSON
    out.append(text.data() + run, i - run);
    run = i + 1;
    out += '\\';
    out += escape;
    if (escape == 'u') {
      out += "00";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
  return true;
}

template <typename Out>
void append_uint(Out& out, std::uint64_t value) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, static_cast<std::size_t>(end - digits));
}

template bool append_string(std::string&, std::string_view);
template bool append_string(TextBuffer&, std::string_view);
template void append_uint(std::string&, std::uint64_t);
template void append_uint(TextBuffer&, std::uint64_t);

}  // namespace text2kg::io::json
