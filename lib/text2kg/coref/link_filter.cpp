#include "text2kg/coref/link_filter.hpp"

#include <algorithm>

#include "text2kg/coref/weights_file.hpp"
#include "text2kg/nlp/feature_hash.hpp"

namespace text2kg::coref {
namespace {

std::uint64_t bucket(std::uint64_t n) {
  if (n <= 2) return n;
  if (n <= 4) return 3;
  if (n <= 8) return 4;
  if (n <= 16) return 5;
  return 6;
}

/// A word's hash, stable across runs and platforms (the model file keeps it).
std::uint64_t text_hash(std::string_view text) { return nlp::FeatureHash(0).add(text).value(); }

std::uint64_t mix(std::uint64_t x) { return nlp::murmur_finalise(x); }

/// Small values (each below 256) side by side in one word.
std::uint64_t pack(std::initializer_list<std::uint64_t> values) {
  std::uint64_t out = 0;
  for (const std::uint64_t v : values) out = out << 8 | (v & 0xFF);
  return out;
}

/// One feature: its template, its small values packed, the hashes of its words. Built from
/// whole words rather than byte by byte: a link is judged many times per document.
std::uint64_t feature(std::uint64_t id, std::uint64_t values, std::uint64_t text = 0) {
  return mix(mix(id * 0x9E3779B97F4A7C15ULL + values) ^ text);
}

/// What opens a mention: a determiner or pronoun itself, lower case ("the", "a", "this",
/// "their": closed classes), else "bare" (a bare noun is often generic: "people") or
/// "self" (the head alone).
std::uint64_t opener(const Document& doc, const CorefMention& m) {
  static const std::uint64_t kSelf = text_hash("self"), kBare = text_hash("bare");
  const Token& first = doc.tokens()[m.extent.begin];
  if (first.upos != Upos::DET && first.upos != Upos::PRON) return m.extent.begin == m.head ? kSelf : kBare;
  char lower[16];
  const std::string_view form = doc.form(m.extent.begin);
  const std::size_t size = std::min(form.size(), sizeof lower);
  for (std::size_t i = 0; i < size; ++i) lower[i] = form[i] >= 'A' && form[i] <= 'Z' ? static_cast<char>(form[i] - 'A' + 'a') : form[i];
  return text_hash({lower, size});
}

std::uint64_t relation(const Document& doc, const CorefMention& m) {
  const std::string_view rel = doc.tokens()[m.head].deprel;
  return text_hash(rel.substr(0, rel.find(':')));
}

std::uint64_t kind_code(const CorefMention& m) {
  return static_cast<std::uint64_t>(m.kind) * 2 + (m.coordination ? 1 : 0);
}

/// Whether every modifier of the anaphor also modifies the antecedent ("the new law" after
/// "the law" adds "new": often another entity).
bool modifiers_included(const CorefMention& m, const CorefMention& a) {
  return std::includes(a.modifier_ids.begin(), a.modifier_ids.end(), m.modifier_ids.begin(), m.modifier_ids.end());
}

/// How many of the anaphor's modifiers the antecedent lacks.
std::uint64_t new_modifiers(const CorefMention& m, const CorefMention& a) {
  std::uint64_t n = 0;
  for (const std::uint32_t w : m.modifier_ids) n += !std::binary_search(a.modifier_ids.begin(), a.modifier_ids.end(), w);
  return n;
}

/// Word pairs as one hash: (x, y) differs from (y, x).
std::uint64_t pair(std::uint64_t x, std::uint64_t y) { return x ^ mix(y + 0x632BE59BD9B4E019ULL); }

}  // namespace

void link_features(const SieveContext& c, Sieve sieve, std::uint32_t mi, std::uint32_t ai, std::uint32_t refused,
                   std::vector<std::uint64_t>& out) {
  const CorefMention& m = c.mentions[mi];
  const CorefMention& a = c.mentions[ai];
  const std::uint64_t mo = opener(c.doc, m), ao = opener(c.doc, a);
  const std::uint64_t head = text_hash(m.head_word), antecedent_head = text_hash(a.head_word);
  const std::uint64_t rel = relation(c.doc, m), arel = relation(c.doc, a);
  const auto s = static_cast<std::uint64_t>(sieve);
  const std::uint64_t sentences = bucket(m.sentence - a.sentence);
  const std::uint64_t cluster = bucket(c.clusters.members(c.clusters.cluster_of(ai)).size());
  const std::uint64_t plural = m.agreement.number == number::kPlural ? 1 : 0;
  const auto upos = static_cast<std::uint64_t>(c.doc.tokens()[m.head].upos);
  out.clear();
  out.push_back(feature(1, pack({s})));
  out.push_back(feature(2, pack({s, kind_code(m), kind_code(a)})));
  out.push_back(feature(3, pack({s}), pair(mo, ao)));
  out.push_back(feature(4, pack({s}), mo));
  out.push_back(feature(5, 0, head));
  out.push_back(feature(6, 0, pair(head, mo)));
  out.push_back(feature(7, pack({s, sentences})));
  out.push_back(feature(8, pack({bucket(m.extent.size()), bucket(a.extent.size())})));
  out.push_back(feature(9, pack({s}), rel));
  out.push_back(feature(10, 0, pair(rel, arel)));
  out.push_back(feature(11, pack({s, m.exact_id == a.exact_id ? 1U : 0U, modifiers_included(m, a) ? 1U : 0U})));
  out.push_back(feature(12, pack({bucket(m.modifier_ids.size()), bucket(a.modifier_ids.size())})));
  out.push_back(feature(13, pack({s, cluster})));
  out.push_back(feature(14, pack({static_cast<std::uint64_t>(m.type), static_cast<std::uint64_t>(a.type)})));
  out.push_back(feature(15, pack({plural}), mo));
  out.push_back(feature(16, pack({a.subject ? 1U : 0U, m.subject ? 1U : 0U})));
  out.push_back(feature(17, pack({bucket(mi - ai)})));
  out.push_back(feature(18, pack({m.quoted ? 1U : 0U, a.quoted ? 1U : 0U})));
  out.push_back(feature(19, pack({upos, sentences}), mo));
  out.push_back(feature(20, pack({s, bucket(refused)})));
  out.push_back(feature(21, pack({bucket(refused), sentences})));
  out.push_back(feature(22, 0, pair(antecedent_head, ao)));
  out.push_back(feature(23, pack({s}), head));
  out.push_back(feature(24, pack({s, bucket(new_modifiers(m, a))}), mo));
  out.push_back(feature(25, pack({s, m.sentence == a.sentence ? 1U : 0U}), pair(rel, arel)));
  out.push_back(feature(26, pack({s, m.appositive ? 1U : 0U, m.copular ? 1U : 0U, kind_code(m), kind_code(a)})));
}

LinkFilter::LinkFilter(std::unordered_map<std::uint64_t, float> weights)
    : weights_(std::move(weights)), table_(weights_) {}

double LinkFilter::score(std::span<const std::uint64_t> features) const { return table_.score(features); }

bool LinkFilter::accept(const SieveContext& context, Sieve sieve, std::uint32_t anaphor, std::uint32_t antecedent,
                        std::uint32_t refused) const {
  thread_local std::vector<std::uint64_t> features;
  link_features(context, sieve, anaphor, antecedent, refused, features);
  return score(features) >= 0;
}

LinkFilter LinkFilter::load(const std::filesystem::path& file) { return LinkFilter(load_weights(file, "link filter")); }

void LinkFilter::save(const std::filesystem::path& file, std::string_view comment) const { save_weights(weights_, file, comment); }

}  // namespace text2kg::coref
