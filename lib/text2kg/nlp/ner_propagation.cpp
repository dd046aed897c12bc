#include "text2kg/nlp/ner_propagation.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <unordered_set>

namespace text2kg::nlp {

namespace {

std::string name_of(const std::vector<std::string_view>& words, TokenRange range) {
  std::string name;
  for (auto w = range.begin; w < range.end; ++w) {
    if (w > range.begin) name += ' ';
    name += words[w];
  }
  return name;
}

}  // namespace

void propagate_names(std::span<const std::vector<std::string_view>> words, std::span<std::vector<NerSpan>> spans) {
  // name -> votes per type
  std::map<std::string, std::array<std::uint32_t, kNerTypeCount>> votes;
  std::size_t longest = 0;
  std::unordered_set<std::string_view> first_words;  // a cheap test before building any name
  for (std::size_t s = 0; s < words.size(); ++s) {
    for (const NerSpan& span : spans[s]) {
      const char first = words[s][span.words.begin].front();
      if (first < 'A' || first > 'Z') continue;
      const int type = ner_type_index(span.type);
      if (type < 0) continue;
      auto& counts = votes.try_emplace(name_of(words[s], span.words)).first->second;
      ++counts[static_cast<std::size_t>(type)];
      longest = std::max<std::size_t>(longest, span.words.size());
      first_words.insert(words[s][span.words.begin]);
    }
  }
  if (votes.empty()) return;
  for (std::size_t s = 0; s < words.size(); ++s) {
    const auto& sentence = words[s];
    auto& found = spans[s];
    const auto covered = [&](std::uint32_t w) {
      return std::any_of(found.begin(), found.end(), [&](const NerSpan& span) { return span.words.contains(w); });
    };
    bool added = false;
    // One name, one type: a name found more often as another type takes the majority's.
    for (NerSpan& span : found) {
      const auto vote = votes.find(name_of(sentence, span.words));
      if (vote == votes.end()) continue;
      const auto& counts = vote->second;
      const auto best = static_cast<std::size_t>(std::max_element(counts.begin(), counts.end()) - counts.begin());
      const int own = ner_type_index(span.type);
      if (own >= 0 && counts[best] > counts[static_cast<std::size_t>(own)]) span.type = kNerTypes[best];
    }
    for (std::uint32_t begin = 0; begin < sentence.size(); ++begin) {
      if (!first_words.contains(sentence[begin]) || covered(begin)) continue;
      // The longest known name starting here that runs over no recognised word.
      for (std::size_t length = std::min(longest, sentence.size() - begin); length > 0; --length) {
        const TokenRange range{begin, begin + static_cast<std::uint32_t>(length)};
        bool free = true;
        for (auto w = range.begin; w < range.end && free; ++w) free = !covered(w);
        if (!free) continue;
        const auto vote = votes.find(name_of(sentence, range));
        if (vote == votes.end()) continue;
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
}

}  // namespace text2kg::nlp
