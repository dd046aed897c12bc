#include "text2kg/coref/candidate_filter.hpp"

#include <algorithm>

namespace text2kg::coref {
namespace {

void count(std::vector<std::uint32_t>& counts, std::uint32_t id) {
  if (id >= counts.size()) counts.resize(id + 1, 0);
  ++counts[id];
}

std::uint32_t count_of(const std::vector<std::uint32_t>& counts, std::uint32_t id) {
  return id < counts.size() ? counts[id] : 0;
}

bool contains(const std::vector<std::uint32_t>& words, std::uint32_t id) {
  return std::find(words.begin(), words.end(), id) != words.end();
}

}  // namespace

CandidateFilter::CandidateFilter(const Document& doc, std::span<const CorefMention> mentions)
    : mentions_(mentions), capitals_(mentions.size(), false) {
  std::vector<std::uint32_t> distinct;
  for (std::uint32_t i = 0; i < mentions.size(); ++i) {
    const CorefMention& m = mentions[i];
    if (m.kind == MentionKind::Pronoun) continue;
    count(exact_count_, m.exact_id);
    if (m.kind != MentionKind::Proper) continue;
    count(proper_head_count_, m.head_id);
    distinct = m.name_ids;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (const std::uint32_t w : distinct) count(name_word_count_, w);
    capitals_[i] = is_capitals_name(doc, m);
    capitals_names_ += capitals_[i];
  }
}

bool CandidateFilter::may_link(Sieve sieve, std::uint32_t i) const {
  const CorefMention& m = mentions_[i];
  const bool proper = m.kind == MentionKind::Proper;
  switch (sieve) {
    case Sieve::ExactMatch:
      return count_of(exact_count_, m.exact_id) >= 2;
    case Sieve::PreciseConstructs:
      return m.appositive || m.copular || (proper && (capitals_[i] || capitals_names_ > 0));
    case Sieve::ProperHeadMatch:
      return proper && count_of(proper_head_count_, m.head_id) >= 2;
    case Sieve::RelaxedHeadMatch: {
      // another name must hold the head word (the mention's own name may hold it too)
      const std::uint32_t own = proper && contains(m.name_ids, m.head_id) ? 1 : 0;
      return proper && count_of(name_word_count_, m.head_id) > own;
    }
    case Sieve::Speaker:
    case Sieve::StrictHeadMatch:
    case Sieve::StrictHeadNoModifiers:
    case Sieve::Pronouns:
      return true;
  }
  return true;
}

}  // namespace text2kg::coref
