#include "text2kg/coref/coref_stage.hpp"

#include <algorithm>
#include <array>

#include "text2kg/coref/mention_features.hpp"
#include "text2kg/coref/name_spans.hpp"

namespace text2kg::coref {
namespace {

int kind_rank(MentionKind kind) {
  switch (kind) {
    case MentionKind::Proper: return 0;
    case MentionKind::Nominal: return 1;
    case MentionKind::Pronoun: return 2;
  }
  return 3;
}

}  // namespace

std::filesystem::path extent_model_file(const std::filesystem::path& table) {
  return table.parent_path() / "coref_extents.tsv";
}

std::filesystem::path pronoun_ranker_file(const std::filesystem::path& table) {
  return table.parent_path() / "coref_pronouns.tsv";
}

CorefOptions with_ranker(CorefOptions options, std::shared_ptr<const PronounRanker> ranker) {
  options.choose_antecedent = [ranker](const SieveContext& c, std::uint32_t m, std::span<const std::uint32_t> candidates) {
    return ranker->choose(c, m, candidates);
  };
  return options;
}

std::filesystem::path link_filter_file(const std::filesystem::path& table) {
  return table.parent_path() / "coref_links.tsv";
}

CorefOptions with_link_filter(CorefOptions options, std::shared_ptr<const LinkFilter> filter) {
  options.accept_link = [filter](const SieveContext& c, Sieve sieve, std::uint32_t m, std::uint32_t a, std::uint32_t refused) {
    return filter->accept(c, sieve, m, a, refused);
  };
  return options;
}

std::unique_ptr<nlp::Stage> CorefStage::load(const std::filesystem::path& table) {
  CorefOptions options;
  // a model directory without the ranker (an older one) keeps the sieve's own order
  if (const auto ranker_file = pronoun_ranker_file(table); std::filesystem::exists(ranker_file)) {
    options = with_ranker(options, std::make_shared<const PronounRanker>(PronounRanker::load(ranker_file)));
  }
  if (const auto extents = extent_model_file(table); std::filesystem::exists(extents)) {
    options.extents = std::make_shared<const ExtentModel>(ExtentModel::load(extents));
  }
  if (const auto links = link_filter_file(table); std::filesystem::exists(links)) {
    options = with_link_filter(options, std::make_shared<const LinkFilter>(LinkFilter::load(links)));
  }
  return std::make_unique<CorefStage>(CorefStatistics::load(table), std::move(options));
}

void CorefStage::process(Document& doc) const {
  tidy_name_spans(doc, stats_);
  write_chains(doc, resolve_coreference(doc, stats_, options_));
}

void write_chains(Document& doc, const CorefResult& result) {
  auto& mentions = doc.mutable_mentions();
  auto& chains = doc.mutable_chains();
  chains.clear();
  for (Mention& m : mentions) m.chain.reset();
  std::vector<std::uint32_t> members;  // one cluster's, reused: most clusters are singletons
  for (const auto& cluster : result.clusters) {
    // the doc mentions of the cluster; a coordination as a whole is scored, not stored
    members.clear();
    const std::size_t first_added = mentions.size();
    std::array<int, kEntityTypeCount> types{};
    for (const std::uint32_t i : cluster) {
      const CorefMention& c = result.mentions[i];
      if (c.coordination) continue;
      if (c.type != EntityType::None) types[static_cast<std::size_t>(c.type)] += c.kind == MentionKind::Proper ? 100 : 1;
    }
    const auto best = std::max_element(types.begin(), types.end());
    const EntityType type = *best > 0 ? static_cast<EntityType>(best - types.begin()) : EntityType::None;
    for (const std::uint32_t i : cluster) {
      const CorefMention& c = result.mentions[i];
      if (c.coordination) continue;
      if (c.entity_mention && !mentions[*c.entity_mention].chain) {
        members.push_back(*c.entity_mention);
        continue;
      }
      Mention m;
      m.tokens = c.name;
      m.head = c.head;
      m.kind = c.kind;
      m.type = type;
      members.push_back(static_cast<std::uint32_t>(mentions.size()));
      mentions.push_back(m);
    }
    if (members.size() < 2) {
      mentions.resize(first_added);  // not a chain after all: drop what was added for it
      continue;
    }
    std::sort(members.begin(), members.end(), [&](std::uint32_t a, std::uint32_t b) {
      return mentions[a].tokens.begin < mentions[b].tokens.begin;
    });
    CorefChain chain;
    chain.mentions = members;
    chain.representative = members.front();
    const auto better = [&](std::uint32_t a, std::uint32_t b) {
      const Mention& x = mentions[a];
      const Mention& y = mentions[b];
      if (kind_rank(x.kind) != kind_rank(y.kind)) return kind_rank(x.kind) < kind_rank(y.kind);
      const bool xt = is_title_word(doc.form(x.tokens.begin)) && x.tokens.size() > 1;
      const bool yt = is_title_word(doc.form(y.tokens.begin)) && y.tokens.size() > 1;
      if (xt != yt) return !xt;
      if (x.tokens.size() != y.tokens.size()) return x.tokens.size() > y.tokens.size();
      return x.tokens.begin < y.tokens.begin;
    };
    for (const std::uint32_t m : members) {
      if (better(m, chain.representative)) chain.representative = m;
    }
    const auto index = static_cast<std::uint32_t>(chains.size());
    for (const std::uint32_t m : members) {
      mentions[m].chain = index;
      if (mentions[m].type == EntityType::None) mentions[m].type = type;
    }
    // every mention resolves to the representative's type: one key per chain
    const EntityType chain_type = mentions[chain.representative].type;
    for (const std::uint32_t m : members) {
      if (mentions[m].kind != MentionKind::Proper) mentions[m].type = chain_type;
    }
    chains.push_back(std::move(chain));
  }
  // a name the recogniser missed but the statistics type is a mention of its own, chain or not
  std::vector<bool> has_name(doc.tokens().size(), false);
  for (const Mention& m : mentions) {
    if (m.kind == MentionKind::Proper) has_name[m.head] = true;
  }
  for (const CorefMention& c : result.mentions) {
    if (c.kind != MentionKind::Proper || c.entity_mention || c.coordination || c.nested || c.type == EntityType::None ||
        has_name[c.head]) {
      continue;
    }
    Mention m;
    m.tokens = c.name;
    m.head = c.head;
    m.kind = MentionKind::Proper;
    m.type = c.type;
    mentions.push_back(m);
  }
  doc.add_layers(Layer::Coref);
}

}  // namespace text2kg::coref
