#pragma once

#include <filesystem>
#include <memory>

#include "text2kg/coref/coref_resolver.hpp"
#include "text2kg/coref/coref_statistics.hpp"
#include "text2kg/nlp/stage.hpp"

namespace text2kg::coref {

/// Stage "coref": needs Deps and Entities; runs resolve_coreference and writes every chain
/// of two or more mentions to the Document: recognised names keep their Mention, the
/// other members (noun phrases, pronouns) are added as Nominal / Pronoun mentions over the
/// head and its left modifiers, each mention gets its chain, and the chain its
/// representative (a name before a description before a pronoun; a name without a title
/// before one with; then the longer, then the earlier) and, for the added mentions, the
/// chain's type. Provides Coref.
class CorefStage : public nlp::Stage {
 public:
  explicit CorefStage(CorefStatistics stats, CorefOptions options = {})
      : stats_(std::move(stats)), options_(std::move(options)) {}
  /// Loads models/coref.tsv and, beside it, the pronoun ranker coref_pronouns.tsv and the
  /// extent model coref_extents.tsv and the link filter coref_links.tsv when present; throws text2kg::InputError naming the file and line.
  static std::unique_ptr<nlp::Stage> load(const std::filesystem::path& table);

  std::string_view name() const override { return "coref"; }
  Layers required_layers() const override { return Layer::Tokens | Layer::Sentences | Layer::Deps | Layer::Entities; }
  Layers provided_layers() const override { return Layer::Coref; }
  void process(Document& doc) const override;

  const CorefStatistics& statistics() const { return stats_; }
  const CorefOptions& options() const { return options_; }

 private:
  CorefStatistics stats_;
  CorefOptions options_;
};

/// The extent model's file beside the statistics table `table`.
std::filesystem::path extent_model_file(const std::filesystem::path& table);
/// The pronoun ranker's file beside the statistics table `table`.
std::filesystem::path pronoun_ranker_file(const std::filesystem::path& table);
/// `options` with the pronoun sieve choosing by `ranker`.
CorefOptions with_ranker(CorefOptions options, std::shared_ptr<const PronounRanker> ranker);
/// The link filter's file beside the statistics table `table`.
std::filesystem::path link_filter_file(const std::filesystem::path& table);
/// `options` with the noun-phrase sieves' links judged by `filter`.
CorefOptions with_link_filter(CorefOptions options, std::shared_ptr<const LinkFilter> filter);

/// Writes clusters of a CorefResult (those with >= 2 mentions) to the document as chains.
void write_chains(Document& doc, const CorefResult& result);

}  // namespace text2kg::coref
