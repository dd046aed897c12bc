#include "text2kg/coref/pronoun_ranker.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>
#include <sstream>

#include "text2kg/base/ascii.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/coref/weights_file.hpp"
#include "text2kg/nlp/feature_hash.hpp"

namespace text2kg::coref {
namespace {

using nlp::FeatureHash;

std::uint64_t bucket(std::uint64_t n, std::initializer_list<std::uint64_t> bounds) {
  std::uint64_t b = 0;
  for (const std::uint64_t bound : bounds) {
    if (n <= bound) return b;
    ++b;
  }
  return b;
}

/// The candidate's grammatical role, from its head's relation (subtypes dropped).
std::string_view role_of(const Document& doc, const CorefMention& m) {
  const std::string_view rel = doc.tokens()[m.head].deprel;
  const std::string_view base = rel.substr(0, rel.find(':'));
  if (rel == "nmod:poss") return rel;
  for (const std::string_view r : {"nsubj", "obj", "iobj", "obl", "nmod", "conj", "appos", "root", "csubj", "ccomp", "xcomp"}) {
    if (base == r) return r;
  }
  return "other";
}

/// Salience of a candidate's cluster just before the pronoun: its mentions in the
/// pronoun's sentence and the two before, whether one of them is a subject, and whether
/// one of them is a pronoun of the same form ("he ... he").
struct ClusterSalience {
  std::uint64_t recent = 0;
  bool recent_subject = false;
  bool same_pronoun = false;
  bool has_name = false;                   ///< among its last kLookBack mentions
  EntityType type = EntityType::None;      ///< the most frequent recognised type there
};

/// How many of a cluster's mentions before the pronoun the features look at: a long
/// chain ("I" in an interview) must not make each pronoun cost its whole length.
constexpr std::size_t kLookBack = 32;

ClusterSalience salience_of(const SieveContext& c, std::uint32_t mi, std::uint32_t ai, std::string_view pronoun) {
  ClusterSalience s;
  const std::uint32_t sentence = c.mentions[mi].sentence;
  // members are in textual order: walk back from the pronoun over the last three sentences
  const auto& members = c.clusters.members(c.clusters.cluster_of(ai));
  std::array<int, kEntityTypeCount> named{}, nominal{};
  std::size_t seen = 0;
  for (auto it = std::lower_bound(members.begin(), members.end(), mi); it != members.begin() && seen < kLookBack; ++seen) {
    const CorefMention& mention = c.mentions[*--it];
    if (mention.kind == MentionKind::Proper) s.has_name = true;
    if (mention.type != EntityType::None) (mention.kind == MentionKind::Proper ? named : nominal)[static_cast<std::size_t>(mention.type)]++;
    if (mention.sentence + 2 < sentence) continue;
    ++s.recent;
    s.recent_subject |= mention.subject;
    s.same_pronoun |= mention.kind == MentionKind::Pronoun && mention.head_word == pronoun;
  }
  const auto best = [](const std::array<int, kEntityTypeCount>& counts) {
    const auto top = std::max_element(counts.begin(), counts.end());
    return *top > 0 ? static_cast<EntityType>(top - counts.begin()) : EntityType::None;
  };
  s.type = best(named) != EntityType::None ? best(named) : best(nominal);
  s.recent = std::min<std::uint64_t>(s.recent, 3);
  return s;
}

}  // namespace

void pronoun_pair_features(const SieveContext& c, std::uint32_t mi, std::uint32_t ai, std::uint32_t rank,
                           std::vector<std::uint64_t>& out) {
  const CorefMention& m = c.mentions[mi];
  const CorefMention& a = c.mentions[ai];
  const std::string_view pronoun = m.head_word;  // lower case
  const ClusterSalience salience = salience_of(c, mi, ai, pronoun);
  const std::uint64_t sentences = std::min<std::uint64_t>(m.sentence - a.sentence, 3);
  const std::uint64_t between = bucket(mi - ai, {1, 2, 3, 6, 10});
  const std::uint64_t kind = static_cast<std::uint64_t>(a.kind);
  const std::string_view role = role_of(c.doc, a);
  const std::uint64_t cluster = bucket(c.clusters.members(c.clusters.cluster_of(ai)).size(), {1, 2, 4});
  const std::uint64_t type = static_cast<std::uint64_t>(salience.type);
  const std::uint64_t order = std::min<std::uint64_t>(rank, 3);
  const bool first_in_sentence = ai == 0 || c.mentions[ai - 1].sentence != a.sentence;
  const bool same_form = a.kind == MentionKind::Pronoun && a.head_word == pronoun;
  out.clear();
  out.push_back(FeatureHash(1).value());
  out.push_back(FeatureHash(2).add(sentences).value());
  out.push_back(FeatureHash(3).add(kind).value());
  out.push_back(FeatureHash(4).add(a.subject ? 1U : 0U).add(sentences).value());
  out.push_back(FeatureHash(5).add(role).value());
  out.push_back(FeatureHash(6).add(between).value());
  out.push_back(FeatureHash(7).add(pronoun).add(kind).value());
  out.push_back(FeatureHash(8).add(pronoun).add(sentences).value());
  out.push_back(FeatureHash(9).add(cluster).value());
  out.push_back(FeatureHash(10).add(salience.has_name ? 1U : 0U).add(kind).value());
  out.push_back(FeatureHash(11).add(same_form ? 1U : 0U).value());
  out.push_back(FeatureHash(12).add(pronoun).add(type).value());
  out.push_back(FeatureHash(13).add(m.subject ? 1U : 0U).add(a.subject ? 1U : 0U).add(sentences).value());
  out.push_back(FeatureHash(14).add(m.quoted ? 1U : 0U).add(a.quoted ? 1U : 0U).value());
  out.push_back(FeatureHash(15).add(first_in_sentence ? 1U : 0U).add(sentences).value());
  out.push_back(FeatureHash(16).add(a.copular ? 1U : 0U).add(a.appositive ? 1U : 0U).value());
  out.push_back(FeatureHash(17).add(pronoun).add(role).value());
  out.push_back(FeatureHash(18).add(sentences).add(role).value());
  out.push_back(FeatureHash(19).add(pronoun).add(static_cast<std::uint64_t>(a.agreement.animacy)).value());
  out.push_back(FeatureHash(20).add(pronoun).add(a.kind == MentionKind::Pronoun ? std::string_view{} : std::string_view(a.head_word)).value());
  out.push_back(FeatureHash(21).add(order).value());
  out.push_back(FeatureHash(22).add(order).add(pronoun).value());
  out.push_back(FeatureHash(23).add(order).add(between).value());
  out.push_back(FeatureHash(24).add(salience.recent).value());
  out.push_back(FeatureHash(25).add(salience.recent_subject ? 1U : 0U).add(sentences).value());
  out.push_back(FeatureHash(26).add(salience.same_pronoun ? 1U : 0U).add(pronoun).value());
  out.push_back(FeatureHash(27).add(salience.recent).add(pronoun).value());
}

void pronoun_alone_features(const SieveContext& c, std::uint32_t mi, std::span<const std::uint32_t> candidates,
                            std::vector<std::uint64_t>& out) {
  const CorefMention& m = c.mentions[mi];
  const std::string_view pronoun = m.head_word;
  const std::uint64_t count = bucket(candidates.size(), {1, 2, 4});
  const std::uint64_t nearest = std::min<std::uint64_t>(m.sentence - c.mentions[candidates.front()].sentence, 3);
  const std::string_view role = role_of(c.doc, m);
  out.clear();
  out.push_back(FeatureHash(100).value());
  out.push_back(FeatureHash(101).add(pronoun).value());
  out.push_back(FeatureHash(102).add(count).value());
  out.push_back(FeatureHash(103).add(pronoun).add(m.quoted ? 1U : 0U).value());
  out.push_back(FeatureHash(104).add(pronoun).add(role).value());
  out.push_back(FeatureHash(105).add(pronoun).add(nearest).value());
  out.push_back(FeatureHash(106).add(pronoun).add(count).value());
}

double PronounRanker::score(std::span<const std::uint64_t> features) const { return table_.score(features); }

std::optional<std::uint32_t> PronounRanker::choose(const SieveContext& context, std::uint32_t pronoun,
                                                   std::span<const std::uint32_t> candidates) const {
  std::vector<std::uint64_t> features;
  pronoun_alone_features(context, pronoun, candidates, features);
  std::optional<std::uint32_t> best;
  double best_score = score(features);
  for (std::uint32_t rank = 0; rank < candidates.size(); ++rank) {
    pronoun_pair_features(context, pronoun, candidates[rank], rank, features);
    const double s = score(features);
    if (s > best_score) {
      best = candidates[rank];
      best_score = s;
    }
  }
  return best;
}

PronounRanker PronounRanker::load(const std::filesystem::path& file) {
  return PronounRanker(load_weights(file, "pronoun ranker"));
}

void PronounRanker::save(const std::filesystem::path& file, std::string_view comment) const {
  save_weights(weights_, file, comment);
}

}  // namespace text2kg::coref
