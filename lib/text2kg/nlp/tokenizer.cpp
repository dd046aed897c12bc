#include "text2kg/nlp/tokenizer.hpp"
#include "text2kg/nlp/line_layout.hpp"

#include <algorithm>
#include <array>
#include <fstream>

#include "text2kg/base/error.hpp"
#include "text2kg/nlp/feature_hash.hpp"

namespace text2kg::nlp {
namespace {

constexpr std::string_view kMagic = "text2kg-tokenizer v1";

/// One character of the text: its code point and byte length. Tolerates ill-formed bytes
/// (each becomes a one-byte U+FFFD), so the tokenizer never reads past the text.
struct Char {
  char32_t cp;
  std::uint32_t len;
};

Char char_at(std::string_view text, std::size_t pos) {
  const auto b0 = static_cast<unsigned char>(text[pos]);
  if (b0 < 0x80) return {b0, 1};
  const std::uint32_t len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 1;
  if (len == 1 || pos + len > text.size()) return {0xFFFD, 1};
  char32_t cp = b0 & (0x7F >> len);
  for (std::uint32_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(text[pos + k]);
    if ((b & 0xC0) != 0x80) return {0xFFFD, 1};
    cp = (cp << 6) | (b & 0x3F);
  }
  return {cp, len};
}

/// The character that ends just before `end` (for peeling from the right).
Char char_before(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t start = end - 1;
  while (start > begin && end - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  const Char c = char_at(text, start);
  if (start + c.len != end) return {0xFFFD, 1};
  return c;
}

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0xA0 ||
         (cp >= 0x2000 && cp <= 0x200B) || cp == 0x3000 || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF;
}
bool is_digit(char32_t cp) { return cp >= '0' && cp <= '9'; }
bool is_alpha(char32_t cp) { return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 && cp < 0x2000); }
bool is_alnum(char32_t cp) { return is_digit(cp) || is_alpha(cp); }
bool is_apostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == '`'; }

/// Characters that are always a token of their own (runs of the same one stay together).
bool always_splits(char32_t cp) {
  switch (cp) {
    case '(': case ')': case '[': case ']': case '{': case '}': case '"': case ';': case '!': case '?':
    case '*': case '|': case '<': case '>': case '=': case '~': case '^':
    case 0x201C: case 0x201D: case 0x201E: case 0xAB: case 0xBB: case 0x2026: case 0x2014: case 0x2013:
    case 0x2012: case 0x2015: case 0xBF: case 0xA1: case 0x2022: case 0xB7:
      return true;
    default:
      return false;
  }
}
/// Characters split off at the start of a chunk.
bool splits_leading(char32_t cp) {
  return always_splits(cp) || is_apostrophe(cp) || cp == '$' || cp == 0xA3 || cp == 0x20AC || cp == ',' ||
         cp == ':' || cp == '-' || cp == '.' || cp == '/' || cp == '%';
}
/// Characters split off at the end of a chunk ('.' is decided separately).
bool splits_trailing(char32_t cp) {
  return always_splits(cp) || is_apostrophe(cp) || cp == ',' || cp == ':' || cp == '%' || cp == '-' ||
         cp == '/' || cp == '$';
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

/// Lower-cased, with curly apostrophes made straight: the key of the clitic rules.
std::string clitic_key(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const Char c = char_at(s, i);
    if (c.cp == 0x2019 || c.cp == 0x2018) {
      out += '\'';
    } else if (c.len == 1 && c.cp >= 'A' && c.cp <= 'Z') {
      out += static_cast<char>(c.cp - 'A' + 'a');
    } else {
      out.append(s.substr(i, c.len));
    }
    i += c.len;
  }
  return out;
}

bool is_clitic(std::string_view key) {
  return key == "'s" || key == "'re" || key == "'ll" || key == "'ve" || key == "'d" || key == "'m" || key == "n't";
}

bool looks_like_url_or_email(std::string_view s) {
  if (s.find_first_of("\"<>()[]") != std::string_view::npos) return false;
  if (s.find("://") != std::string_view::npos || s.rfind("www.", 0) == 0) return true;
  const auto at = s.find('@');
  return at != std::string_view::npos && at > 0 && s.find('.', at) != std::string_view::npos &&
         s.find('.', at) + 1 < s.size();
}

/// "U.S", "p.m", "e.g" (the part before a final period): one or two letters between periods.
bool looks_like_initials(std::string_view s) {
  if (s.empty()) return false;
  std::size_t run = 0;
  for (const char c : s) {
    if (c == '.') {
      if (run == 0) return false;
      run = 0;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      if (++run > 2) return false;
    } else {
      return false;
    }
  }
  // a single letter ("J") is an initial; longer strings need an inner period ("U.S")
  return s.size() == 1 || s.find('.') != std::string_view::npos;
}

/// Collects surface tokens for one whitespace-free chunk.
class ChunkSplitter {
 public:
  ChunkSplitter(const TokenizerModel& model, std::string_view text, std::vector<SurfaceToken>& out)
      : model_(model), text_(text), out_(out) {}

  void split(std::size_t begin, std::size_t end);

 private:
  void emit(std::size_t begin, std::size_t end) {
    if (begin < end) out_.push_back({static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end), 0, false});
  }
  std::size_t run_end(std::size_t pos, std::size_t end, char32_t cp) const {
    while (pos < end) {
      const Char c = char_at(text_, pos);
      if (c.cp != cp) break;
      pos += c.len;
    }
    return pos;
  }
  bool keeps_final_period(std::size_t begin, std::size_t end) const;
  void split_middle(std::size_t begin, std::size_t end);
  bool keeps_hyphen(std::size_t word_begin, std::size_t hyphen, std::size_t word_end) const;
  /// Length of the longest learned punctuation token (":)", "!?") starting at `pos`, or 0.
  std::size_t punct_token_at(std::size_t pos, std::size_t end) const;
  /// Length of the longest learned punctuation token ending at `end`, or 0.
  std::size_t punct_token_before(std::size_t begin, std::size_t end) const;
  bool splits_number_suffix(std::size_t digits_end, std::size_t end) const;

  const TokenizerModel& model_;
  std::string_view text_;
  std::vector<SurfaceToken>& out_;
};

bool ChunkSplitter::keeps_final_period(std::size_t begin, std::size_t end) const {
  // [begin, end) ends with a single '.'
  const std::string_view with_period = text_.substr(begin, end - begin);
  if (with_period.size() < 2) return false;
  if (model_.whole_tokens.count(lower_ascii(with_period)) != 0) return true;
  return looks_like_initials(with_period.substr(0, with_period.size() - 1));
}

bool ChunkSplitter::keeps_hyphen(std::size_t word_begin, std::size_t hyphen, std::size_t word_end) const {
  const std::string_view word_text = text_.substr(word_begin, word_end - word_begin);
  const std::string word = lower_ascii(word_text);
  if (model_.whole_tokens.count(word) != 0) return true;
  // phone numbers and codes ("303-832-8160", "3-5213") stay whole; year ranges split
  if (std::all_of(word.begin(), word.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; })) {
    const auto first = word.find('-');
    const auto second = word.find('-', first + 1);
    if (second != std::string::npos) return true;
    return first <= 3 && word.size() - first - 1 >= 4;
  }
  return model_.hyphen_prefixes.count(lower_ascii(text_.substr(word_begin, hyphen - word_begin))) != 0;
}

std::size_t ChunkSplitter::punct_token_at(std::size_t pos, std::size_t end) const {
  for (std::size_t n = std::min<std::size_t>(6, end - pos); n >= 2; --n) {
    if (model_.punct_tokens.count(std::string(text_.substr(pos, n))) != 0) return n;
  }
  return 0;
}

std::size_t ChunkSplitter::punct_token_before(std::size_t begin, std::size_t end) const {
  for (std::size_t n = std::min<std::size_t>(6, end - begin); n >= 2; --n) {
    if (model_.punct_tokens.count(std::string(text_.substr(end - n, n))) != 0) return n;
  }
  return 0;
}

bool ChunkSplitter::splits_number_suffix(std::size_t digits_end, std::size_t end) const {
  return model_.number_suffixes.count(lower_ascii(text_.substr(digits_end, end - digits_end))) != 0;
}

void ChunkSplitter::split_middle(std::size_t begin, std::size_t end) {
  if (begin >= end) return;
  const std::string_view middle = text_.substr(begin, end - begin);
  if (looks_like_url_or_email(middle) || model_.whole_tokens.count(lower_ascii(middle)) != 0) {
    emit(begin, end);
    return;
  }
  // a number with a unit written on ("375mm", "650k"), as the treebank splits them
  std::size_t digits = begin;
  while (digits < end && is_digit(static_cast<unsigned char>(text_[digits]))) ++digits;
  if (digits > begin && digits < end && splits_number_suffix(digits, end)) {
    emit(begin, digits);
    emit(digits, end);
    return;
  }
  std::size_t piece = begin;
  char32_t previous = 0;
  std::size_t pos = begin;
  while (pos < end) {
    const Char c = char_at(text_, pos);
    const std::size_t next = pos + c.len;
    const char32_t following = next < end ? char_at(text_, next).cp : 0;
    if (!is_alnum(c.cp) && pos > piece) {
      if (const std::size_t n = punct_token_at(pos, end); n > 0) {
        emit(piece, pos);
        emit(pos, pos + n);
        piece = pos = pos + n;
        previous = 0;
        continue;
      }
    }
    bool split_here = always_splits(c.cp);
    if (c.cp == ',' || c.cp == ':' || c.cp == '/') {
      split_here = !(is_digit(previous) && is_digit(following));
    } else if (c.cp == '.') {
      split_here = following == '.';  // "past...and": an ellipsis between words
    } else if (c.cp == '-' || c.cp == 0x2010 || c.cp == 0x2011) {
      if (!is_alnum(previous) || !is_alnum(following)) {
        split_here = true;
      } else {
        // the hyphenated word reaches to the next splitting character
        std::size_t word_end = next;
        while (word_end < end) {
          const Char w = char_at(text_, word_end);
          if (!is_alnum(w.cp) && w.cp != '-' && !is_apostrophe(w.cp)) break;
          word_end += w.len;
        }
        split_here = !keeps_hyphen(piece, pos, word_end);
      }
    } else if (c.cp == '%' || c.cp == '$') {
      split_here = true;
    }
    if (split_here) {
      emit(piece, pos);
      const std::size_t run = run_end(pos, end, c.cp);
      emit(pos, run);
      piece = run;
      pos = run;
      previous = c.cp;
      if (looks_like_url_or_email(text_.substr(piece, end - piece))) {
        emit(piece, end);  // "Reynolds"<rreynol...@cogeco.ca": the address after the bracket
        return;
      }
      continue;
    }
    previous = c.cp;
    pos = next;
  }
  emit(piece, end);
}

void ChunkSplitter::split(std::size_t begin, std::size_t end) {
  const std::string_view chunk = text_.substr(begin, end - begin);
  const std::string key = clitic_key(chunk);
  if (is_clitic(key) || model_.whole_tokens.count(key) != 0 || model_.punct_tokens.count(std::string(chunk)) != 0) {
    emit(begin, end);
    return;
  }
  // Leading punctuation, one token per character run.
  while (begin < end) {
    if (const std::size_t n = punct_token_at(begin, end); n > 0 && begin + n < end) {
      emit(begin, begin + n);
      begin += n;
      continue;
    }
    const Char c = char_at(text_, begin);
    if (!splits_leading(c.cp) || begin + c.len >= end) break;
    if (c.cp == '.' && begin + 1 < end && is_digit(char_at(text_, begin + 1).cp)) break;  // ".5"
    if (c.cp == '-' && begin + 1 < end && is_digit(char_at(text_, begin + 1).cp)) break;  // "-3"
    const std::size_t run = run_end(begin, end, c.cp);
    emit(begin, std::min(run, end));
    begin = run;
  }
  const bool url = looks_like_url_or_email(text_.substr(begin, end - begin));
  // Trailing punctuation, collected right to left.
  std::array<std::pair<std::size_t, std::size_t>, 16> trailing{};
  std::size_t trailing_count = 0;
  while (end > begin && trailing_count < trailing.size()) {
    const Char c = char_before(text_, begin, end);
    std::size_t start = end - c.len;
    if (const std::size_t n = punct_token_before(begin, end); n > 0 && end - n > begin) {
      start = end - n;
    } else if (c.cp == '.') {
      while (start > begin && text_[start - 1] == '.') --start;
      if (start == begin) break;
      if (end - start == 1 && keeps_final_period(begin, end)) break;
    } else if (!splits_trailing(c.cp) || (url && (c.cp == '/' || c.cp == '-'))) {
      break;
    } else if (is_apostrophe(c.cp) && c.cp != 0x2018 && end - begin > 2 + c.len &&
               (text_[start - 1] == 's' || text_[start - 1] == 'S')) {
      break;  // plural possessive "soldiers'": a multiword token, split later
    } else {
      while (start > begin) {
        const Char p = char_before(text_, begin, start);
        if (p.cp != c.cp) break;
        start -= p.len;
      }
      if (start == begin) break;
    }
    trailing[trailing_count++] = {start, end};
    end = start;
  }
  split_middle(begin, end);
  while (trailing_count > 0) {
    const auto [b, e] = trailing[--trailing_count];
    emit(b, e);
  }
}

/// A compact shape: X upper, x lower, d digit, other characters themselves, runs collapsed.
std::string_view shape_of(std::string_view form, std::array<char, 8>& buffer) {
  std::size_t n = 0;
  char last = 0;
  for (std::size_t i = 0; i < form.size() && n < buffer.size();) {
    const Char c = char_at(form, i);
    i += c.len;
    char k;
    if (c.cp >= 'A' && c.cp <= 'Z') {
      k = 'X';
    } else if (is_alpha(c.cp)) {
      k = 'x';
    } else if (is_digit(c.cp)) {
      k = 'd';
    } else if (c.len == 1) {
      k = static_cast<char>(c.cp);
    } else {
      k = static_cast<char>('0' + (c.cp & 0x3F));  // a stable stand-in per punctuation mark
    }
    if (k != last) buffer[n++] = k;
    last = k;
  }
  return {buffer.data(), n};
}

std::string_view lower_into(std::string_view form, std::array<char, 24>& buffer) {
  const std::size_t n = std::min(form.size(), buffer.size());
  for (std::size_t i = 0; i < n; ++i) {
    const char c = form[i];
    buffer[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return {buffer.data(), n};
}

void write_lines(std::ostream& out, char tag, std::vector<std::string> lines) {
  std::sort(lines.begin(), lines.end());
  out << tag << ' ' << lines.size() << '\n';
  for (const auto& line : lines) out << line << '\n';
}

}  // namespace

void segment_text(const TokenizerModel& model, std::string_view text, std::vector<SurfaceToken>& out) {
  out.clear();
  ChunkSplitter splitter(model, text, out);
  std::size_t pos = 0;
  while (pos < text.size()) {
    // whitespace: count line breaks for the previous token
    std::uint8_t newlines = 0;
    bool had_space = false;
    while (pos < text.size()) {
      const Char c = char_at(text, pos);
      if (!is_space(c.cp)) break;
      had_space = true;
      if (c.cp == '\n' && newlines < 2) ++newlines;
      pos += c.len;
    }
    if (!out.empty() && had_space) {
      out.back().space_after = true;
      out.back().newlines_after = newlines;
    }
    const std::size_t begin = pos;
    while (pos < text.size()) {
      const Char c = char_at(text, pos);
      if (is_space(c.cp)) break;
      pos += c.len;
    }
    if (pos > begin) splitter.split(begin, pos);
  }
}

bool split_multiword(const TokenizerModel& model, std::string_view surface, std::vector<std::string>& words) {
  words.clear();
  if (surface.size() < 2) return false;
  const std::string key = clitic_key(surface);
  if (const auto it = model.multiword_lexicon.find(key); it != model.multiword_lexicon.end()) {
    if (it->second.size() < 2) return false;  // the treebank keeps this one whole
    std::size_t total = 0;
    for (const auto& w : it->second) total += w.size();
    std::string joined;
    for (const auto& w : it->second) joined += w;
    if (joined == key && total == surface.size()) {
      std::size_t at = 0;
      for (const auto& w : it->second) {
        words.emplace_back(surface.substr(at, w.size()));
        at += w.size();
      }
    } else {
      const bool all_upper = std::none_of(surface.begin(), surface.end(), [](char c) { return c >= 'a' && c <= 'z'; });
      const bool capital = surface[0] >= 'A' && surface[0] <= 'Z';
      for (std::size_t i = 0; i < it->second.size(); ++i) {
        std::string w = it->second[i];
        for (std::size_t k = 0; k < w.size(); ++k) {
          if ((all_upper || (capital && i == 0 && k == 0)) && w[k] >= 'a' && w[k] <= 'z') w[k] = static_cast<char>(w[k] - 32);
        }
        words.push_back(std::move(w));
      }
    }
    return true;
  }
  // Clitic rules on the surface itself: the words are substrings, so case and curly
  // apostrophes stay as written. The key has the same length up to curly apostrophes, so
  // match on the surface's tail.
  static constexpr std::array<std::string_view, 8> kClitics = {"n't", "'s", "'re", "'ll", "'ve", "'d", "'m", "s'"};
  for (const std::string_view clitic : kClitics) {
    if (key.size() <= clitic.size() || key.compare(key.size() - clitic.size(), clitic.size(), clitic) != 0) continue;
    // the clitic's length on the surface: walk back over its characters (a curly
    // apostrophe takes three bytes)
    std::size_t tail = surface.size();
    for (std::size_t chars = clitic.size(); chars > 0 && tail > 0; --chars) {
      --tail;
      while (tail > 0 && (static_cast<unsigned char>(surface[tail]) & 0xC0) == 0x80) --tail;
    }
    const std::size_t clitic_bytes = surface.size() - tail;
    // "s'": the clitic is the apostrophe alone ("soldiers'" -> soldiers ')
    const std::size_t word_bytes = clitic == "s'" ? clitic_bytes - 1 : clitic_bytes;
    const std::string_view stem = surface.substr(0, surface.size() - word_bytes);
    if (stem.empty() || !std::any_of(stem.begin(), stem.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        })) {
      return false;
    }
    words.emplace_back(stem);
    words.emplace_back(surface.substr(stem.size()));
    return true;
  }
  return false;
}

void boundary_features(std::string_view text, std::span<const SurfaceToken> tokens, std::size_t i,
                       std::size_t tokens_in_sentence, std::vector<std::uint64_t>& features) {
  features.clear();
  const auto form_of = [&](std::ptrdiff_t k) -> std::string_view {
    if (k < 0) return "<s>";
    if (static_cast<std::size_t>(k) >= tokens.size()) return "</s>";
    return text.substr(tokens[k].begin, tokens[k].end - tokens[k].begin);
  };
  const auto at = static_cast<std::ptrdiff_t>(i);
  std::array<char, 24> l0{}, l1{}, lp{};
  std::array<char, 8> s0{}, s1{}, sp{}, s2{};
  const std::string_view w0 = lower_into(form_of(at), l0);
  const std::string_view w1 = lower_into(form_of(at + 1), l1);
  const std::string_view wp = lower_into(form_of(at - 1), lp);
  const std::string_view h0 = shape_of(form_of(at), s0);
  const std::string_view h1 = shape_of(form_of(at + 1), s1);
  const std::string_view hp = shape_of(form_of(at - 1), sp);
  const std::string_view h2 = shape_of(form_of(at + 2), s2);
  const std::uint64_t space = tokens[i].newlines_after * 2U + (tokens[i].space_after ? 1U : 0U);
  const std::uint64_t length = tokens_in_sentence < 4 ? tokens_in_sentence : tokens_in_sentence < 8 ? 4 : tokens_in_sentence < 16 ? 5 : 6;
  features.push_back(FeatureHash(1).value());
  features.push_back(FeatureHash(2).add(w0).value());
  features.push_back(FeatureHash(3).add(w1).value());
  features.push_back(FeatureHash(4).add(wp).value());
  features.push_back(FeatureHash(5).add(h0).value());
  features.push_back(FeatureHash(6).add(h1).value());
  features.push_back(FeatureHash(7).add(h0).add(h1).value());
  features.push_back(FeatureHash(8).add(w0).add(h1).value());
  features.push_back(FeatureHash(9).add(space).value());
  features.push_back(FeatureHash(10).add(space).add(h1).add(h0).value());
  features.push_back(FeatureHash(11).add(length).add(h0).value());
  features.push_back(FeatureHash(12).add(hp).add(h0).value());
  features.push_back(FeatureHash(13).add(w0).add(w1).value());
  features.push_back(FeatureHash(14).add(h0).add(h1).add(h2).value());
  features.push_back(FeatureHash(15).add(wp).add(w0).value());
}

void TokenizerModel::save(std::ostream& out) const {
  out << kMagic << '\n';
  write_lines(out, 'W', {whole_tokens.begin(), whole_tokens.end()});
  write_lines(out, 'P', {hyphen_prefixes.begin(), hyphen_prefixes.end()});
  write_lines(out, 'T', {punct_tokens.begin(), punct_tokens.end()});
  write_lines(out, 'N', {number_suffixes.begin(), number_suffixes.end()});
  std::vector<std::string> lexicon;
  for (const auto& [surface, words] : multiword_lexicon) {
    std::string line = surface + '\t';
    for (std::size_t i = 0; i < words.size(); ++i) line += (i ? " " : "") + words[i];
    lexicon.push_back(std::move(line));
  }
  write_lines(out, 'M', std::move(lexicon));
  boundary.save(out);
}

TokenizerModel TokenizerModel::load(std::istream& in, const std::string& name) {
  TokenizerModel model;
  std::string line;
  std::size_t line_number = 1;
  if (!std::getline(in, line) || line != kMagic) throw InputError::at_line(name, 1, "not a text2kg tokenizer model");
  const auto read_section = [&](char tag, auto&& add) {
    ++line_number;
    if (!std::getline(in, line) || line.size() < 3 || line[0] != tag || line[1] != ' ') {
      throw InputError::at_line(name, line_number, std::string("expected section '") + tag + "'");
    }
    const std::size_t count = std::stoul(line.substr(2));
    for (std::size_t i = 0; i < count; ++i) {
      ++line_number;
      if (!std::getline(in, line)) throw InputError::at_line(name, line_number, "truncated model");
      add(line);
    }
  };
  read_section('W', [&](const std::string& l) { model.whole_tokens.insert(l); });
  read_section('P', [&](const std::string& l) { model.hyphen_prefixes.insert(l); });
  read_section('T', [&](const std::string& l) { model.punct_tokens.insert(l); });
  read_section('N', [&](const std::string& l) { model.number_suffixes.insert(l); });
  read_section('M', [&](const std::string& l) {
    const auto tab = l.find('\t');
    if (tab == std::string::npos) throw InputError::at_line(name, line_number, "expected surface<TAB>words");
    std::vector<std::string> words;
    std::size_t start = tab + 1;
    while (start <= l.size()) {
      auto space = l.find(' ', start);
      if (space == std::string::npos) space = l.size();
      words.push_back(l.substr(start, space - start));
      start = space + 1;
    }
    model.multiword_lexicon.emplace(l.substr(0, tab), std::move(words));
  });
  try {
    model.boundary = LinearModel::load(in);
  } catch (const Error& e) {
    throw InputError::in_file(name, std::string("boundary classifier: ") + e.what());
  }
  if (model.boundary.classes() != 2) throw InputError::in_file(name, "boundary classifier must have 2 classes");
  return model;
}

std::unique_ptr<Tokenizer> Tokenizer::load(const std::filesystem::path& model_file) {
  std::ifstream in(model_file, std::ios::binary);
  if (!in) throw InputError::in_file(model_file.string(), "cannot open tokenizer model");
  return std::make_unique<Tokenizer>(TokenizerModel::load(in, model_file.string()));
}

void Tokenizer::process(Document& doc) const {
  const std::string_view text = doc.text();
  std::vector<SurfaceToken> surface;
  segment_text(model_, text, surface);
  // a headline or a dateline on a line of its own ends there, although no full stop says so
  const bool lines_are_paragraphs = line_breaks_end_paragraphs(text);
  std::vector<std::uint64_t> features;
  std::array<float, 2> scores{};
  std::vector<std::string> words;
  std::uint32_t sentence_first = 0;
  std::size_t in_sentence = 0;
  bool paragraph = true;
  for (std::size_t i = 0; i < surface.size(); ++i) {
    const SurfaceToken& s = surface[i];
    const ByteSpan chars{s.begin, s.end};
    if (split_multiword(model_, text.substr(s.begin, s.end - s.begin), words)) {
      MultiwordToken mwt;
      mwt.chars = chars;
      mwt.words.begin = static_cast<std::uint32_t>(doc.tokens().size());
      for (std::size_t k = 0; k < words.size(); ++k) {
        // no space between the words of "don't"; after its last word, the space after it
        const std::uint32_t t = doc.add_token(chars, k + 1 == words.size() && s.space_after);
        doc.mutable_tokens()[t].form_override = std::move(words[k]);
      }
      mwt.words.end = static_cast<std::uint32_t>(doc.tokens().size());
      doc.mutable_multiword_tokens().push_back(mwt);
    } else {
      doc.add_token(chars, s.space_after);
    }
    ++in_sentence;
    const bool paragraph_ends = s.newlines_after >= 2 || (s.newlines_after == 1 && lines_are_paragraphs) || i + 1 == surface.size();
    bool ends = paragraph_ends;
    if (!ends) {
      boundary_features(text, surface, i, in_sentence, features);
      ends = model_.boundary.predict(features, scores) == 1;
    }
    if (ends) {
      doc.add_sentence(sentence_first, paragraph);
      sentence_first = static_cast<std::uint32_t>(doc.tokens().size());
      in_sentence = 0;
      paragraph = paragraph_ends;
    }
  }
  doc.add_layers(Layer::Tokens | Layer::Sentences);
}

}  // namespace text2kg::nlp
