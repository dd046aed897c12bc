#include "text2kg/nlp/ner_propagation.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <string>
#include <unordered_set>

namespace text2kg::nlp {

namespace {

/// Name -> how often it was found as each type.
using VoteTable = std::map<std::string, std::array<std::uint32_t, kNerTypeCount>>;

std::string name_of(const std::vector<std::string_view>& words, TokenRange range) {
  std::string name;
  for (auto w = range.begin; w < range.end; ++w) {
    if (w > range.begin) name += ' ';
    name += words[w];
  }
  return name;
}

bool capitalised(std::string_view word) { return !word.empty() && word.front() >= 'A' && word.front() <= 'Z'; }

bool covered_by(const std::vector<NerSpan>& found, std::uint32_t w) {
  return std::any_of(found.begin(), found.end(), [&](const NerSpan& span) { return span.words.contains(w); });
}

/// The last words of the people named in full ("Morales" of "Evo Morales"), unless the word
/// is itself a name found with another type.
std::unordered_set<std::string_view> surnames(std::span<const std::vector<std::string_view>> words,
                                              std::span<std::vector<NerSpan>> spans,
                                              const VoteTable& votes) {
  const auto person = static_cast<std::size_t>(ner_type_index(EntityType::Person));
  std::unordered_set<std::string_view> out;
  for (std::size_t s = 0; s < words.size(); ++s) {
    for (const NerSpan& span : spans[s]) {
      if (span.type != EntityType::Person || span.words.size() < 2) continue;
      const std::string_view last = words[s][span.words.end - 1];
      if (!capitalised(last) || last.size() < 2 || !std::all_of(last.begin(), last.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); })) continue;
      const auto vote = votes.find(std::string(last));
      if (vote != votes.end() && std::max_element(vote->second.begin(), vote->second.end()) - vote->second.begin() != static_cast<std::ptrdiff_t>(person)) continue;
      out.insert(last);
    }
  }
  return out;
}

/// News names a person in full once and by surname after: a surname standing alone is that
/// person, unless a capitalised word the tagger left unmarked runs on from it ("Morales
/// Street", "Juan Morales": another name the tagger missed).
void propagate_surnames(std::span<const std::vector<std::string_view>> words, std::span<std::vector<NerSpan>> spans,
                        const VoteTable& votes) {
  const auto known = surnames(words, spans, votes);
  if (known.empty()) return;
  for (std::size_t s = 0; s < words.size(); ++s) {
    const auto& sentence = words[s];
    auto& found = spans[s];
    bool added = false;
    for (std::uint32_t w = 0; w < sentence.size(); ++w) {
      // Every known surname is capitalised: that test is cheaper than the hash lookup.
      if (!capitalised(sentence[w]) || !known.contains(sentence[w]) || covered_by(found, w)) continue;
      const bool name_before = w > 1 && capitalised(sentence[w - 1]) && !covered_by(found, w - 1);
      const bool name_after = w + 1 < sentence.size() && capitalised(sentence[w + 1]) && !covered_by(found, w + 1);
      if (name_before || name_after) continue;
      found.push_back(NerSpan{{w, w + 1}, EntityType::Person});
      added = true;
    }
    if (added) {
      std::sort(found.begin(), found.end(), [](const NerSpan& a, const NerSpan& b) { return a.words.begin < b.words.begin; });
    }
  }
}

/// A person named in full ("Marcelo Ebrard") is evidence that the surname standing alone
/// ("by Ebrard") names a person too: each full name adds a Person vote to its last word,
/// when that word was itself found as a name.
VoteTable with_surname_votes(std::span<const std::vector<std::string_view>> words,
                             std::span<const std::vector<NerSpan>> spans, const VoteTable& votes) {
  const auto person = static_cast<std::size_t>(ner_type_index(EntityType::Person));
  VoteTable out = votes;
  for (std::size_t s = 0; s < words.size(); ++s) {
    for (const NerSpan& span : spans[s]) {
      if (span.type != EntityType::Person || span.words.size() < 2) continue;
      const auto last = out.find(std::string(words[s][span.words.end - 1]));
      if (last != out.end()) ++last->second[person];
    }
  }
  return out;
}

}  // namespace

void propagate_names(std::span<const std::vector<std::string_view>> words, std::span<std::vector<NerSpan>> spans) {
  VoteTable votes;
  std::size_t longest = 0;
  std::unordered_set<std::string_view> first_words;  // a cheap test before building any name
  for (std::size_t s = 0; s < words.size(); ++s) {
    for (const NerSpan& span : spans[s]) {
      if (!capitalised(words[s][span.words.begin])) continue;
      const int type = ner_type_index(span.type);
      if (type < 0) continue;
      auto& counts = votes.try_emplace(name_of(words[s], span.words)).first->second;
      ++counts[static_cast<std::size_t>(type)];
      longest = std::max<std::size_t>(longest, span.words.size());
      first_words.insert(words[s][span.words.begin]);
    }
  }
  if (votes.empty()) return;
  const VoteTable typed = with_surname_votes(words, spans, votes);
  for (std::size_t s = 0; s < words.size(); ++s) {
    const auto& sentence = words[s];
    auto& found = spans[s];
    const auto covered = [&](std::uint32_t w) { return covered_by(found, w); };
    bool added = false;
    // One name, one type: a name found more often as another type takes the majority's.
    for (NerSpan& span : found) {
      const auto vote = typed.find(name_of(sentence, span.words));
      if (vote == typed.end()) continue;
      const auto& counts = vote->second;
      const auto best = static_cast<std::size_t>(std::max_element(counts.begin(), counts.end()) - counts.begin());
      const int own = ner_type_index(span.type);
      if (own >= 0 && counts[best] > counts[static_cast<std::size_t>(own)]) span.type = kNerTypes[best];
    }
    for (std::uint32_t begin = 0; begin < sentence.size(); ++begin) {
      // Only capitalised names were counted: that test is cheaper than the hash lookup.
      if (!capitalised(sentence[begin]) || !first_words.contains(sentence[begin]) || covered(begin)) continue;
      // The longest known name starting here that runs over no recognised word.
      for (std::size_t length = std::min(longest, sentence.size() - begin); length > 0; --length) {
        const TokenRange range{begin, begin + static_cast<std::uint32_t>(length)};
        bool free = true;
        for (auto w = range.begin; w < range.end && free; ++w) free = !covered(w);
        if (!free) continue;
        const auto vote = typed.find(name_of(sentence, range));
        if (vote == typed.end()) continue;
        const auto& counts = vote->second;
        const auto best = static_cast<std::uint32_t>(std::max_element(counts.begin(), counts.end()) - counts.begin());
        found.push_back(NerSpan{range, kNerTypes[best]});
        added = true;
        begin = range.end - 1;
        break;
      }
    }
    if (added) {
      std::sort(found.begin(), found.end(), [](const NerSpan& a, const NerSpan& b) { return a.words.begin < b.words.begin; });
    }
  }
  propagate_surnames(words, spans, typed);
}

}  // namespace text2kg::nlp
