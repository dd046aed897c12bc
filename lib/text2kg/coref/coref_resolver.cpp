#include "text2kg/coref/coref_resolver.hpp"

#include <algorithm>

namespace text2kg::coref {
namespace {

bool is_subject(const CorefMention& m) { return m.subject; }

/// Earlier mentions in the order a sieve tries them.
void candidates(std::span<const CorefMention> mentions, std::span<const std::uint32_t> sentence_start,
                std::uint32_t anaphor, bool pronoun, std::uint32_t window, std::vector<std::uint32_t>& out) {
  out.clear();
  const CorefMention& m = mentions[anaphor];
  const std::uint32_t s = m.sentence;
  // a pronoun looks at the subjects of its own sentence first, then at the rest, left to right
  if (pronoun) {
    for (std::uint32_t a = sentence_start[s]; a < anaphor; ++a) {
      if (is_subject(mentions[a])) out.push_back(a);
    }
    for (std::uint32_t a = sentence_start[s]; a < anaphor; ++a) {
      if (!is_subject(mentions[a])) out.push_back(a);
    }
  } else {
    for (std::uint32_t a = sentence_start[s]; a < anaphor; ++a) out.push_back(a);
  }
  const std::uint32_t stop = pronoun && s > window ? s - window : 0;  // window UINT32_MAX: no limit
  for (std::uint32_t prev = s; prev-- > stop;) {
    const std::uint32_t begin = sentence_start[prev], end = sentence_start[prev + 1];
    if (pronoun) {
      for (std::uint32_t a = begin; a < end; ++a) {
        if (is_subject(mentions[a])) out.push_back(a);
      }
      for (std::uint32_t a = begin; a < end; ++a) {
        if (!is_subject(mentions[a])) out.push_back(a);
      }
    } else {
      for (std::uint32_t a = begin; a < end; ++a) out.push_back(a);
    }
  }
}

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
  result.mentions = detect_mentions(doc, stats);
  const auto& mentions = result.mentions;
  // first mention index of every sentence (mentions are sorted by position)
  std::vector<std::uint32_t> sentence_start(doc.sentences().size() + 1, static_cast<std::uint32_t>(mentions.size()));
  for (std::uint32_t i = static_cast<std::uint32_t>(mentions.size()); i-- > 0;) sentence_start[mentions[i].sentence] = i;
  for (std::size_t s = doc.sentences().size(); s-- > 0;) sentence_start[s] = std::min(sentence_start[s], sentence_start[s + 1]);

  Clustering clustering(mentions.size());
  const SieveContext context{doc, mentions, clustering};
  std::vector<std::uint32_t> order;
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
      if ((mention.kind == MentionKind::Pronoun) != pronoun_sieve) continue;
      // only a cluster's first mention looks for an antecedent (its first noun phrase in the
      // noun-phrase sieves: a quoted "I" before the speaker's name must not hide the name)
      if (!first_of_kind(mentions, clustering, m)) continue;
      // I, we, you: the same speaker or addressee, however far back; he, she, it, they: near by
      const bool third = mention.agreement.person == person::kThird;
      candidates(mentions, sentence_start, m, pronoun_sieve, third ? options.pronoun_window : UINT32_MAX, order);
      const bool agreement = sieve != Sieve::ExactMatch && sieve != Sieve::PreciseConstructs;
      for (const std::uint32_t a : order) {
        // a pronoun's cluster is reached through its other mentions in the noun-phrase sieves
        if (!pronoun_sieve && mentions[a].kind == MentionKind::Pronoun) continue;
        if (clustering.same(m, a)) continue;
        if (!sieve_matches(sieve, context, m, a) || !cluster_compatible(context, m, a, agreement)) continue;
        clustering.merge(m, a);
        break;
      }
    }
  }
  result.clusters = clustering.clusters();
  return result;
}

}  // namespace text2kg::coref
