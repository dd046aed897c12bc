#include "text2kg/coref/coref_resolver.hpp"

#include <algorithm>

#include "text2kg/coref/candidate_filter.hpp"

namespace text2kg::coref {
namespace {

bool is_subject(const CorefMention& m) { return m.subject; }

/// Calls `visit` on the earlier mentions in the order a sieve tries them, until it returns
/// true: the anaphor's own sentence left to right (a pronoun: its subjects first), then the
/// earlier sentences, nearest first, at most `window` back for a pronoun.
template <class Visit>
void for_each_candidate(std::span<const CorefMention> mentions, std::span<const std::uint32_t> sentence_start,
                        std::uint32_t anaphor, bool pronoun, std::uint32_t window, Visit&& visit) {
  const std::uint32_t s = mentions[anaphor].sentence;
  const auto sentence = [&](std::uint32_t begin, std::uint32_t end) {
    if (!pronoun) {
      for (std::uint32_t a = begin; a < end; ++a) {
        if (visit(a)) return true;
      }
      return false;
    }
    for (std::uint32_t a = begin; a < end; ++a) {
      if (is_subject(mentions[a]) && visit(a)) return true;
    }
    for (std::uint32_t a = begin; a < end; ++a) {
      if (!is_subject(mentions[a]) && visit(a)) return true;
    }
    return false;
  };
  if (sentence(sentence_start[s], anaphor)) return;
  const std::uint32_t stop = pronoun && s > window ? s - window : 0;  // window UINT32_MAX: no limit
  for (std::uint32_t prev = s; prev-- > stop;) {
    if (sentence(sentence_start[prev], sentence_start[prev + 1])) return;
  }
}

/// for_each_candidate's order (a noun phrase's: its own sentence, then the earlier ones,
/// nearest first, each left to right) over an ascending list of earlier mentions.
template <class Visit>
void for_each_listed(std::span<const CorefMention> mentions, std::span<const std::uint32_t> listed, Visit&& visit) {
  std::size_t end = listed.size();
  while (end > 0) {
    const std::uint32_t sentence = mentions[listed[end - 1]].sentence;
    std::size_t begin = end;
    while (begin > 0 && mentions[listed[begin - 1]].sentence == sentence) --begin;
    for (std::size_t k = begin; k < end; ++k) {
      if (visit(listed[k])) return;
    }
    end = begin;
  }
}

/// How many candidates (clusters) a chosen pronoun weighs at most, nearest first.
constexpr std::size_t kMaxChoices = 8;

bool first_of_kind(std::span<const CorefMention> mentions, const Clustering& clustering, std::uint32_t m) {
  const bool pronoun = mentions[m].kind == MentionKind::Pronoun;
  for (const std::uint32_t x : clustering.members(clustering.cluster_of(m))) {
    if (x == m) return true;
    if (pronoun || mentions[x].kind != MentionKind::Pronoun) return false;
  }
  return true;
}

}  // namespace

CorefResult resolve_coreference(const Document& doc, const CorefStatistics& stats, const CorefOptions& options) {
  CorefResult result;
  result.mentions = detect_mentions(doc, stats, options.extents.get());
  const auto& mentions = result.mentions;
  // first mention index of every sentence (mentions are sorted by position)
  std::vector<std::uint32_t> sentence_start(doc.sentences().size() + 1, static_cast<std::uint32_t>(mentions.size()));
  for (std::uint32_t i = static_cast<std::uint32_t>(mentions.size()); i-- > 0;) sentence_start[mentions[i].sentence] = i;
  for (std::size_t s = doc.sentences().size(); s-- > 0;) sentence_start[s] = std::min(sentence_start[s], sentence_start[s + 1]);

  std::vector<std::uint32_t> head_clusters;
  std::vector<std::uint32_t> accepted;  // a chosen pronoun's candidates
  std::vector<std::uint32_t> listed;    // the candidates a noun-phrase sieve's index gives

  const CandidateFilter filter(doc, mentions);
  Clustering clustering(mentions.size());
  ClusterFacts facts(mentions.size());
  const SieveContext context{doc, mentions, clustering, &facts};
  for (const Sieve sieve : options.sieves) {
    if (sieve == Sieve::Speaker) {
      // the speaker may come after the quotation: no candidate order, the sentence decides
      for (std::uint32_t m = 0; m < mentions.size(); ++m) {
        if (const auto speaker = quoted_speaker(context, m)) clustering.merge(m, *speaker);
      }
      continue;
    }
    const bool pronoun_sieve = sieve == Sieve::Pronouns;
    for (std::uint32_t m = 0; m < mentions.size(); ++m) {
      const CorefMention& mention = mentions[m];
      if ((mention.kind == MentionKind::Pronoun) != pronoun_sieve || !filter.may_link(sieve, m)) continue;
      // only a cluster's first mention looks for an antecedent (its first noun phrase in the
      // noun-phrase sieves: a quoted "I" before the speaker's name must not hide the name)
      if (!first_of_kind(mentions, clustering, m)) continue;
      // I, we, you: the same speaker or addressee, however far back; he, she, it, they: near by
      const bool third = mention.agreement.person == person::kThird;
      const bool agreement = sieve != Sieve::ExactMatch && sieve != Sieve::PreciseConstructs;
      // strict head match needs the anaphor's head in the antecedent's cluster: those clusters
      const bool strict = sieve == Sieve::StrictHeadMatch || sieve == Sieve::StrictHeadNoModifiers;
      if (strict) {
        head_clusters.clear();
        for (const std::uint32_t x : filter.with_head(mention.head_id)) head_clusters.push_back(clustering.cluster_of(x));
        if (head_clusters.size() < 2) continue;  // only the anaphor itself has this head
      }
      const std::uint32_t window = third ? options.pronoun_window : UINT32_MAX;
      const bool choosing = pronoun_sieve && options.choose_antecedent;
      accepted.clear();
      std::uint32_t refused = 0;  // links the filter refused this mention in this sieve
      const auto visit = [&](std::uint32_t a) {
        // a pronoun's cluster is reached through its other mentions in the noun-phrase sieves
        if (!pronoun_sieve && mentions[a].kind == MentionKind::Pronoun) return false;
        if (clustering.same(m, a)) return false;
        if (strict && std::find(head_clusters.begin(), head_clusters.end(), clustering.cluster_of(a)) == head_clusters.end()) {
          return false;
        }
        if (!sieve_matches(sieve, context, m, a) || !cluster_compatible(context, m, a, agreement)) return false;
        // a description links only on evidence of its own (sieve_matches), which GUM's few such
        // links gave the filter too little to learn from
        const bool judged = !pronoun_sieve && sieve != Sieve::Description;
        if (judged && options.accept_link && !options.accept_link(context, sieve, m, a, refused++)) return false;
        if (choosing) {
          // candidates already in one accepted cluster add nothing new; the nearest few
          // are enough (I / you look back over the whole document)
          const bool seen = std::any_of(accepted.begin(), accepted.end(), [&](std::uint32_t x) { return clustering.same(x, a); });
          if (!seen) accepted.push_back(a);
          return accepted.size() >= kMaxChoices;
        }
        clustering.merge(m, a);
        return true;
      };
      // a noun-phrase sieve walks only the mentions it could link (the same visiting order)
      if (filter.candidates(sieve, m, clustering, listed)) {
        for_each_listed(mentions, listed, visit);
      } else {
        for_each_candidate(mentions, sentence_start, m, pronoun_sieve, window, visit);
      }
      if (choosing && !accepted.empty()) {
        if (const auto chosen = options.choose_antecedent(context, m, accepted)) clustering.merge(m, *chosen);
      }
    }
  }
  result.clusters = clustering.clusters();
  return result;
}

}  // namespace text2kg::coref
