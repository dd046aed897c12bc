#pragma once
// --pronouns: how each pronoun's antecedent choice compares with GUM's chains, by pronoun
// form, so that a change to the ranker or to the pronoun constraints can be judged by
// what it fixes and what it breaks rather than by the CoNLL F1 alone.

#include <cstdint>
#include <iomanip>
#include <map>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "text2kg/coref/coref_resolver.hpp"

namespace text2kg::tools {

/// What became of one pronoun, against the gold entity of its head word.
enum class PronounOutcome {
  RightLink,      ///< joined a candidate of its own entity
  RightAlone,     ///< left alone, and no earlier mention is of its entity
  WrongLink,      ///< joined another entity while one of its own was a candidate
  LinkedNotAlone, ///< joined something though no earlier mention is of its entity
  AloneMissed,    ///< left alone while a candidate was of its entity
  Unreachable,    ///< an earlier mention is of its entity, but no candidate is
};

class PronounAudit {
 public:
  /// The gold entity of each token of the document being resolved (-1: none).
  void set_document(std::vector<std::int32_t> token_entities) { entity_ = std::move(token_entities); }

  /// Wraps the chooser: records what `inner` decided, and returns it unchanged.
  coref::AntecedentChooser wrap(coref::AntecedentChooser inner) {
    return [this, inner = std::move(inner)](const coref::SieveContext& c, std::uint32_t m,
                                            std::span<const std::uint32_t> candidates) {
      const auto chosen = inner(c, m, candidates);
      record(c, m, candidates, chosen);
      return chosen;
    };
  }

  void print(std::ostream& out) const {
    out << "| pronoun | count | right link | right alone | wrong link | linked, should be alone | alone, antecedent offered | antecedent not offered |\n"
           "|---|---|---|---|---|---|---|---|\n";
    std::array<std::uint64_t, 6> total{};
    for (const auto& [form, counts] : by_form_) {
      print_row(out, form, counts);
      for (std::size_t i = 0; i < total.size(); ++i) total[i] += counts[i];
    }
    print_row(out, "**all**", total);
  }

 private:
  void record(const coref::SieveContext& c, std::uint32_t m, std::span<const std::uint32_t> candidates,
              std::optional<std::uint32_t> chosen) {
    const std::int32_t target = entity_of(c, m);
    const auto of_target = [&](std::uint32_t a) {
      if (target < 0) return false;
      for (const std::uint32_t x : c.clusters.members(c.clusters.cluster_of(a))) {
        if (entity_of(c, x) == target) return true;
      }
      return false;
    };
    bool offered = false;
    for (const std::uint32_t a : candidates) offered |= of_target(a);
    bool earlier = false;
    for (std::uint32_t a = 0; a < m && target >= 0 && !earlier; ++a) earlier = entity_of(c, a) == target;
    PronounOutcome outcome;
    if (chosen) {
      outcome = of_target(*chosen) ? PronounOutcome::RightLink : offered ? PronounOutcome::WrongLink
                : earlier ? PronounOutcome::Unreachable : PronounOutcome::LinkedNotAlone;
    } else {
      outcome = offered ? PronounOutcome::AloneMissed : earlier ? PronounOutcome::Unreachable : PronounOutcome::RightAlone;
    }
    ++by_form_[std::string(c.mentions[m].head_word)][static_cast<std::size_t>(outcome)];
  }

  std::int32_t entity_of(const coref::SieveContext& c, std::uint32_t mention) const {
    const std::uint32_t head = c.mentions[mention].head;
    return head < entity_.size() ? entity_[head] : -1;
  }

  static void print_row(std::ostream& out, const std::string& form, const std::array<std::uint64_t, 6>& counts) {
    std::uint64_t n = 0;
    for (const std::uint64_t x : counts) n += x;
    out << "| " << form << " | " << n;
    for (const std::uint64_t x : counts) out << " | " << x;
    out << " |\n";
  }

  std::vector<std::int32_t> entity_;
  std::map<std::string, std::array<std::uint64_t, 6>> by_form_;
};

}  // namespace text2kg::tools
