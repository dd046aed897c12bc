#include "text2kg/extract/title_heads.hpp"

#include <algorithm>
#include <array>

#include "text2kg/coref/mention_features.hpp"

namespace text2kg::extract {
namespace {

/// Modifiers that describe the title itself and stay with it.
bool stays_with_title(std::string_view rel) {
  static constexpr std::array<std::string_view, 6> kOwn = {"amod", "compound", "nmod:poss", "nmod", "det", "nummod"};
  return std::find(kOwn.begin(), kOwn.end(), rel) != kOwn.end();
}

bool can_be_title(const Document& doc, std::uint32_t t) {
  const Upos upos = doc.tokens()[t].upos;
  return upos == Upos::NOUN || (upos == Upos::PROPN && coref::is_title_word(doc.form(t)));
}

}  // namespace

void reattach_titles_over_names(const Document& doc, TokenRange sentence, SentenceArcs& arcs) {
  const auto at = [&](std::uint32_t t) { return t - sentence.begin; };
  const auto head_of = [&](std::uint32_t t) { return arcs.heads[at(t)]; };
  for (std::uint32_t title = sentence.begin; title + 1 < sentence.end; ++title) {
    const std::uint32_t name = title + 1;
    if (!can_be_title(doc, title) || doc.tokens()[name].upos != Upos::PROPN) continue;
    if (head_of(name) != static_cast<std::int32_t>(title) || arcs.deprels[at(name)] != "flat") continue;
    // the name's words: flat proper nouns under the title or, nested, under one another
    std::vector<std::uint32_t> words = {name};
    for (bool grew = true; grew;) {
      grew = false;
      for (std::uint32_t t = sentence.begin; t < sentence.end; ++t) {
        if (t == title || std::find(words.begin(), words.end(), t) != words.end()) continue;
        const std::int32_t h = head_of(t);
        const bool under = h == static_cast<std::int32_t>(title) ||
                           std::find(words.begin(), words.end(), static_cast<std::uint32_t>(std::max(h, 0))) != words.end();
        if (h >= 0 && under && arcs.deprels[at(t)] == "flat" && doc.tokens()[t].upos == Upos::PROPN) {
          words.push_back(t);
          grew = true;
        }
      }
    }
    for (const std::uint32_t w : words) {
      if (w == name) continue;
      arcs.heads[at(w)] = static_cast<std::int32_t>(name);
      arcs.deprels[at(w)] = "flat";
    }
    for (std::uint32_t t = sentence.begin; t < sentence.end; ++t) {
      if (head_of(t) == static_cast<std::int32_t>(title) && t != name && !stays_with_title(arcs.deprels[at(t)])) {
        arcs.heads[at(t)] = static_cast<std::int32_t>(name);
      }
    }
    arcs.heads[at(name)] = head_of(title);
    arcs.deprels[at(name)] = arcs.deprels[at(title)];
    arcs.heads[at(title)] = static_cast<std::int32_t>(name);
    arcs.deprels[at(title)] = "nmod:desc";
  }
}

}  // namespace text2kg::extract
