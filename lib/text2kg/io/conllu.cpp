#include "text2kg/io/conllu.hpp"

#include <array>
#include <charconv>

#include "text2kg/base/error.hpp"
#include "text2kg/base/text_file.hpp"

namespace text2kg::io {
namespace {

struct WordLine {
  std::array<std::string_view, 10> columns;
};

std::string_view strip_space_after(std::string_view misc, bool& space_after, std::string& rest) {
  space_after = true;
  rest.clear();
  if (misc == "_") return rest;
  std::size_t start = 0;
  while (start <= misc.size()) {
    auto end = misc.find('|', start);
    if (end == std::string_view::npos) end = misc.size();
    const std::string_view item = misc.substr(start, end - start);
    if (item == "SpaceAfter=No") {
      space_after = false;
    } else if (!item.empty()) {
      if (!rest.empty()) rest += '|';
      rest += item;
    }
    start = end + 1;
  }
  return rest;
}

int parse_int(std::string_view text, const std::string& name, std::size_t line) {
  int value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    throw InputError::at_line(name, line, "expected a number, found '" + std::string(text) + "'");
  }
  return value;
}

/// Builds one Document while sentences stream in.
class DocumentBuilder {
 public:
  explicit DocumentBuilder(std::string name) : name_(std::move(name)) {}

  bool empty() const { return sentences_.empty(); }

  void start_document(std::string id) { id_ = std::move(id); }
  void start_paragraph() { new_paragraph_ = true; }
  void set_sent_id(std::string id) { sent_id_ = std::move(id); }

  void add_sentence(const std::vector<WordLine>& words, const std::vector<std::pair<std::size_t, WordLine>>& mwts,
                    std::size_t first_line);

  Document finish();

 private:
  std::string name_;
  std::string id_;
  std::string text_;
  std::vector<Token> tokens_;
  std::vector<MultiwordToken> mwts_;
  std::vector<Sentence> sentences_;
  std::string sent_id_;
  bool new_paragraph_ = false;
  bool has_pos_ = false, has_lemmas_ = false, has_deps_ = false;
};

void DocumentBuilder::add_sentence(const std::vector<WordLine>& words,
                                   const std::vector<std::pair<std::size_t, WordLine>>& mwts,
                                   std::size_t first_line) {
  if (!text_.empty()) text_ += (new_paragraph_ ? "\n\n" : " ");
  Sentence sentence;
  sentence.starts_paragraph = new_paragraph_ || sentences_.empty();
  sentence.id = std::move(sent_id_);
  sent_id_.clear();
  new_paragraph_ = false;
  const auto base = static_cast<std::uint32_t>(tokens_.size());
  const auto sentence_index = static_cast<std::uint32_t>(sentences_.size());
  std::size_t next_mwt = 0;
  std::string rest;
  bool mwt_space_after = true;  // of the multiword token being read
  for (std::size_t w = 0; w < words.size(); ++w) {
    const auto& c = words[w].columns;
    // A multiword token starting at this word: write its surface once.
    if (next_mwt < mwts.size() && mwts[next_mwt].first == w) {
      const auto& mc = mwts[next_mwt].second.columns;
      const std::string_view range = mc[0];
      const auto dash = range.find('-');
      const int first = parse_int(range.substr(0, dash), name_, first_line);
      const int last = parse_int(range.substr(dash + 1), name_, first_line);
      bool space_after = true;
      strip_space_after(mc[9], space_after, rest);
      MultiwordToken mwt;
      mwt.chars.begin = static_cast<std::uint32_t>(text_.size());
      text_ += mc[1];
      mwt.chars.end = static_cast<std::uint32_t>(text_.size());
      mwt.words = {base + static_cast<std::uint32_t>(first - 1), base + static_cast<std::uint32_t>(last)};
      if (space_after && mwt.words.end < base + words.size()) text_ += ' ';
      mwt_space_after = space_after && mwt.words.end < base + words.size();
      mwts_.push_back(mwt);
      ++next_mwt;
    }
    Token token;
    token.sentence = sentence_index;
    const bool inside_mwt = !mwts_.empty() && mwts_.back().words.contains(base + static_cast<std::uint32_t>(w)) &&
                            mwts_.back().words.begin >= base;
    bool space_after = true;
    token.misc = std::string(strip_space_after(c[9], space_after, rest));
    token.space_after = space_after;
    if (inside_mwt) {
      token.chars = mwts_.back().chars;
      token.form_override = std::string(c[1]);
      // no space between the words of "don't"; after its last word, the space after it
      token.space_after = base + w + 1 == mwts_.back().words.end && mwt_space_after;
    } else {
      token.chars.begin = static_cast<std::uint32_t>(text_.size());
      text_ += c[1];
      token.chars.end = static_cast<std::uint32_t>(text_.size());
      if (space_after && w + 1 < words.size()) text_ += ' ';
    }
    if (c[3] != "_") {
      const auto upos = parse_upos(c[3]);
      if (!upos) throw InputError::at_line(name_, first_line + w, "unknown UPOS '" + std::string(c[3]) + "'");
      token.upos = *upos;
      has_pos_ = true;
    }
    if (c[4] != "_") token.xpos = std::string(c[4]);
    token.feats = std::string(c[5]);
    if (c[2] != "_" || c[1] == "_") {
      token.lemma = std::string(c[2]);
      has_lemmas_ = true;
    }
    if (c[6] != "_") {
      const int head = parse_int(c[6], name_, first_line + w);
      if (head < 0 || static_cast<std::size_t>(head) > words.size()) {
        throw InputError::at_line(name_, first_line + w, "head " + std::to_string(head) + " outside the sentence");
      }
      token.head = head == 0 ? -1 : static_cast<std::int32_t>(base) + head - 1;
      token.deprel = std::string(c[7]);
      has_deps_ = true;
    }
    tokens_.push_back(std::move(token));
  }
  sentence.tokens = {base, static_cast<std::uint32_t>(tokens_.size())};
  if (!sentence.tokens.empty()) {
    sentence.chars = {tokens_[base].chars.begin, tokens_.back().chars.end};
  }
  sentences_.push_back(std::move(sentence));
}

Document DocumentBuilder::finish() {
  std::string id = id_.empty() ? name_ : id_;
  Document doc(std::move(id), std::move(text_));
  doc.mutable_tokens() = std::move(tokens_);
  doc.mutable_sentences() = std::move(sentences_);
  doc.mutable_multiword_tokens() = std::move(mwts_);
  Layers layers = Layer::Tokens | Layer::Sentences;
  if (has_pos_) layers |= Layer::Pos;
  if (has_lemmas_) layers |= Layer::Lemmas;
  if (has_deps_) layers |= Layer::Deps;
  doc.add_layers(layers);
  *this = DocumentBuilder(name_);
  return doc;
}

WordLine split_columns(std::string_view line, const std::string& name, std::size_t number) {
  WordLine word;
  std::size_t start = 0;
  for (std::size_t i = 0; i < 10; ++i) {
    const auto tab = line.find('\t', start);
    if ((tab == std::string_view::npos) != (i == 9)) {
      throw InputError::at_line(name, number, "expected 10 tab-separated columns");
    }
    word.columns[i] = line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
    start = tab + 1;
  }
  return word;
}

std::string_view comment_value(std::string_view line, std::string_view key) {
  // "# key = value"
  if (line.rfind("# ", 0) != 0) return {};
  std::string_view rest = line.substr(2);
  if (rest.rfind(key, 0) != 0) return {};
  rest.remove_prefix(key.size());
  const auto eq = rest.find_first_not_of(' ');
  if (eq == std::string_view::npos || rest[eq] != '=') return {};
  const auto value = rest.find_first_not_of(' ', eq + 1);
  return value == std::string_view::npos ? std::string_view() : rest.substr(value);
}

}  // namespace

std::vector<Document> read_conllu(std::string_view content, const std::string& name) {
  std::vector<Document> docs;
  DocumentBuilder builder(name);
  std::vector<WordLine> words;
  std::vector<std::pair<std::size_t, WordLine>> mwts;
  std::size_t line_number = 0;
  std::size_t sentence_line = 0;
  std::size_t start = 0;
  const auto flush_sentence = [&] {
    if (words.empty()) return;
    builder.add_sentence(words, mwts, sentence_line);
    words.clear();
    mwts.clear();
  };
  while (start < content.size()) {
    auto end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = content.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    start = end + 1;
    ++line_number;
    if (line.empty()) {
      flush_sentence();
      continue;
    }
    if (line[0] == '#') {
      if (const auto id = comment_value(line, "newdoc id"); !id.empty() || line.rfind("# newdoc", 0) == 0) {
        flush_sentence();
        if (!builder.empty()) docs.push_back(builder.finish());
        builder.start_document(std::string(id));
        builder.start_paragraph();
      } else if (line.rfind("# newpar", 0) == 0 && comment_value(line, "newpar_block").empty()) {
        builder.start_paragraph();
      } else if (const auto sid = comment_value(line, "sent_id"); !sid.empty()) {
        builder.set_sent_id(std::string(sid));
      }
      continue;
    }
    if (words.empty() && mwts.empty()) sentence_line = line_number;
    WordLine word = split_columns(line, name, line_number);
    const std::string_view id = word.columns[0];
    if (id.find('.') != std::string_view::npos) continue;  // empty node
    if (id.find('-') != std::string_view::npos) {
      mwts.emplace_back(words.size(), word);
      continue;
    }
    if (parse_int(id, name, line_number) != static_cast<int>(words.size()) + 1) {
      throw InputError::at_line(name, line_number, "word id " + std::string(id) + " out of sequence");
    }
    words.push_back(word);
  }
  flush_sentence();
  if (!builder.empty()) docs.push_back(builder.finish());
  return docs;
}

std::vector<Document> read_conllu_file(const std::filesystem::path& path) {
  TextFileLimits limits;
  limits.allow_empty = false;
  const std::string content = read_text_file(path, limits);
  return read_conllu(content, path.string());
}

void write_conllu(const Document& doc, std::ostream& out) {
  out << "# newdoc id = " << doc.id() << '\n';
  const auto tokens = doc.tokens();
  const auto mwts = doc.multiword_tokens();
  std::size_t next_mwt = 0;
  const Layers layers = doc.layers();
  for (std::size_t s = 0; s < doc.sentences().size(); ++s) {
    const Sentence& sentence = doc.sentences()[s];
    if (sentence.starts_paragraph && s > 0) out << "# newpar\n";
    out << "# sent_id = " << (sentence.id.empty() ? std::string(doc.id()) + "-" + std::to_string(s + 1) : sentence.id)
        << '\n';
    std::string text(doc.text_of(sentence.chars));
    for (char& c : text) {
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    }
    out << "# text = " << text << '\n';
    for (std::uint32_t t = sentence.tokens.begin; t < sentence.tokens.end; ++t) {
      while (next_mwt < mwts.size() && mwts[next_mwt].words.end <= t) ++next_mwt;
      if (next_mwt < mwts.size() && mwts[next_mwt].words.begin == t) {
        const MultiwordToken& mwt = mwts[next_mwt];
        const bool space = mwt.words.end < tokens.size() && tokens[mwt.words.end].chars.begin > mwt.chars.end;
        out << (t - sentence.tokens.begin + 1) << '-' << (mwt.words.end - sentence.tokens.begin) << '\t'
            << doc.text_of(mwt.chars) << "\t_\t_\t_\t_\t_\t_\t_\t" << (space ? "_" : "SpaceAfter=No") << '\n';
      }
      const Token& token = tokens[t];
      const bool in_mwt = !token.form_override.empty() && next_mwt < mwts.size() && mwts[next_mwt].words.contains(t);
      std::string misc = token.misc;
      if (!token.space_after && !in_mwt && t + 1 < sentence.tokens.end) {
        misc = misc.empty() ? "SpaceAfter=No" : "SpaceAfter=No|" + misc;
      }
      const auto or_blank = [](std::string_view v) { return v.empty() ? std::string_view("_") : v; };
      out << (t - sentence.tokens.begin + 1) << '\t' << doc.form(t) << '\t'
          << (layers.has(Layer::Lemmas) ? or_blank(token.lemma) : "_") << '\t'
          << (layers.has(Layer::Pos) ? to_string(token.upos) : "_") << '\t'
          << (layers.has(Layer::Pos) ? or_blank(token.xpos) : "_") << '\t' << or_blank(token.feats) << '\t';
      if (layers.has(Layer::Deps)) {
        out << (token.head < 0 ? 0 : token.head - static_cast<std::int32_t>(sentence.tokens.begin) + 1) << '\t'
            << or_blank(token.deprel);
      } else {
        out << "_\t_";
      }
      out << "\t_\t" << or_blank(misc) << '\n';
    }
    out << '\n';
  }
}

}  // namespace text2kg::io
