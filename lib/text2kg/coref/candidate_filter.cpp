#include "text2kg/coref/candidate_filter.hpp"

#include <algorithm>

namespace text2kg::coref {
namespace {

bool contains(const std::vector<std::uint32_t>& words, std::uint32_t id) {
  return std::find(words.begin(), words.end(), id) != words.end();
}

/// The entries of an ascending list below `m`.
void before(std::span<const std::uint32_t> list, std::uint32_t m, std::vector<std::uint32_t>& out) {
  out.insert(out.end(), list.begin(), std::lower_bound(list.begin(), list.end(), m));
}

/// Every earlier mention in the clusters that hold one of `seeds`, ascending.
void cluster_members_before(std::span<const std::uint32_t> seeds, std::uint32_t m, const Clustering& clusters,
                            std::vector<std::uint32_t>& seen, std::vector<std::uint32_t>& out) {
  seen.clear();
  for (const std::uint32_t x : seeds) {
    const std::uint32_t cluster = clusters.cluster_of(x);
    if (std::find(seen.begin(), seen.end(), cluster) != seen.end()) continue;
    seen.push_back(cluster);
    before(clusters.members(cluster), m, out);
  }
  std::sort(out.begin(), out.end());
}

}  // namespace

void IdLists::finish() {
  // a counting sort by id: stable, so each list keeps the order of add()
  std::uint32_t ids = 0;
  for (const Pair& p : pairs_) ids = std::max(ids, p.id + 1);
  start_.assign(ids + 1, 0);
  for (const Pair& p : pairs_) ++start_[p.id + 1];
  for (std::size_t i = 1; i < start_.size(); ++i) start_[i] += start_[i - 1];
  mentions_.resize(pairs_.size());
  std::vector<std::uint32_t> next(start_.begin(), start_.end() - 1);
  for (const Pair& p : pairs_) mentions_[next[p.id]++] = p.mention;
  pairs_ = {};
}

CandidateFilter::CandidateFilter(const Document& doc, std::span<const CorefMention> mentions)
    : mentions_(mentions), capitals_(mentions.size(), false), sentence_start_(doc.sentences().size() + 1) {
  // mentions are in textual order: the first of every sentence
  for (std::size_t s = 0, i = 0; s <= doc.sentences().size(); ++s) {
    while (i < mentions.size() && mentions[i].sentence < s) ++i;
    sentence_start_[s] = static_cast<std::uint32_t>(i);
  }
  std::vector<std::uint32_t> distinct;
  for (std::uint32_t i = 0; i < mentions.size(); ++i) {
    const CorefMention& m = mentions[i];
    if (m.kind == MentionKind::Pronoun) continue;
    by_exact_.add(m.exact_id, i);
    if (!m.coordination) by_head_.add(m.head_id, i);
    if (m.kind != MentionKind::Proper) continue;
    names_by_head_.add(m.head_id, i);
    names_.push_back(i);
    distinct = m.name_ids;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (const std::uint32_t w : distinct) names_by_word_.add(w, i);
    capitals_[i] = is_capitals_name(doc, m);
    capitals_names_ += capitals_[i];
    if (capitals_[i]) capitals_names_list_.push_back(i);
  }
  by_exact_.finish();
  by_head_.finish();
  names_by_head_.finish();
  names_by_word_.finish();
}

bool CandidateFilter::may_link(Sieve sieve, std::uint32_t i) const {
  const CorefMention& m = mentions_[i];
  const bool proper = m.kind == MentionKind::Proper;
  switch (sieve) {
    case Sieve::ExactMatch:
      return by_exact_.of(m.exact_id).size() >= 2;
    case Sieve::PreciseConstructs:
      return m.appositive || m.copular || (proper && (capitals_[i] || capitals_names_ > 0));
    case Sieve::ProperHeadMatch:
      return proper && names_by_head_.of(m.head_id).size() >= 2;
    case Sieve::RelaxedHeadMatch: {
      // another name must hold the head word (the mention's own name may hold it too)
      const std::uint32_t own = proper && contains(m.name_ids, m.head_id) ? 1 : 0;
      return proper && names_by_word_.of(m.head_id).size() > own;
    }
    case Sieve::Speaker:
    case Sieve::StrictHeadMatch:
    case Sieve::StrictHeadNoModifiers:
    case Sieve::Pronouns:
      return true;
    case Sieve::Description:
      return m.kind == MentionKind::Nominal && m.type != EntityType::None;
  }
  return true;
}

bool CandidateFilter::candidates(Sieve sieve, std::uint32_t i, const Clustering& clusters, std::vector<std::uint32_t>& out) const {
  out.clear();
  const CorefMention& m = mentions_[i];
  switch (sieve) {
    case Sieve::ExactMatch:
      before(by_exact_.of(m.exact_id), i, out);
      return true;
    case Sieve::PreciseConstructs: {
      // apposition and predicate nominative stay in the sentence; an acronym pairs names
      for (std::uint32_t a = sentence_start_[m.sentence]; a < i; ++a) out.push_back(a);
      if (m.kind == MentionKind::Proper && (capitals_[i] || capitals_names_ > 0)) {
        before(capitals_[i] ? names_ : capitals_names_list_, i, out);
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
      }
      return true;
    }
    case Sieve::StrictHeadMatch:
    case Sieve::StrictHeadNoModifiers:
      cluster_members_before(by_head_.of(m.head_id), i, clusters, seen_clusters_, out);
      return true;
    case Sieve::ProperHeadMatch:
      before(names_by_head_.of(m.head_id), i, out);
      return true;
    case Sieve::RelaxedHeadMatch:
      cluster_members_before(names_by_word_.of(m.head_id), i, clusters, seen_clusters_, out);
      return true;
    case Sieve::Description:
      // only the sentence before holds the subject it may stand for
      if (m.sentence > 0) {
        for (std::uint32_t a = sentence_start_[m.sentence - 1]; a < sentence_start_[m.sentence]; ++a) out.push_back(a);
      }
      return true;
    case Sieve::Speaker:
    case Sieve::Pronouns:
      return false;
  }
  return false;
}

}  // namespace text2kg::coref
