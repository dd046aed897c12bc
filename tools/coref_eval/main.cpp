// Coreference on GUM dev: MUC, B-cubed, CEAF-e and CoNLL F1 (their mean), over all genres
// and the news genre, with mentions from gold tokens and parses and from our own pipeline on
// raw text. Singletons are left out of key and response (the CoNLL-2012 setting) unless
// --singletons is given. A command, not a test: scripts/evaluate.sh runs it.
#include <chrono>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "../bench_nlp/treebank.hpp"
#include "pronoun_audit.hpp"
#include "text2kg/base/text_file.hpp"
#include "text2kg/coref/coref_resolver.hpp"
#include "text2kg/coref/coref_stage.hpp"
#include "text2kg/coref/corefud_reader.hpp"
#include "text2kg/coref/name_spans.hpp"
#include "text2kg/coref/pronoun_ranker_training.hpp"
#include "text2kg/extract/entity_resolution.hpp"
#include "text2kg/nlp/conll_eval.hpp"
#include "text2kg/nlp/pipeline.hpp"
#include "text2kg/nlp/stage_registry.hpp"

namespace {

using namespace text2kg;

struct Setting {
  std::string name;
  coref::CorefScores all, news;
};

void print_row(const std::string& setting, const std::string& subset, const coref::CorefScores& s) {
  const auto pct = [](double x) { return x * 100.0; };
  std::cout << "| " << setting << " | " << subset << " | " << s.documents << " | " << std::fixed << std::setprecision(1);
  for (const coref::MetricCounts* m : {&s.muc, &s.b_cubed, &s.ceaf_e}) {
    std::cout << pct(m->precision()) << " / " << pct(m->recall()) << " / " << pct(m->f1()) << " | ";
  }
  std::cout << "**" << pct(s.conll_f1()) << "** | " << s.key_mentions << " / " << s.response_mentions << " / "
            << s.matched_mentions << " |\n";
}

std::vector<coref::Cluster> response_clusters(const Document& doc, const coref::CorefResult& result) {
  std::vector<coref::Cluster> out;
  for (const auto& cluster : result.clusters) {
    coref::Cluster c;
    for (const std::uint32_t m : cluster) {
      const coref::ScoredMention span = coref::scored_span(doc, result.mentions[m].extent);
      if (std::find(c.begin(), c.end(), span) == c.end()) c.push_back(span);
    }
    out.push_back(std::move(c));
  }
  return out;
}

/// --missed-links: each key mention our candidates hold whose nearest earlier key mention
/// (also held) ended in another response cluster, as "missed-link\tANAPHOR-KIND\tANTECEDENT-KIND
/// \tsame-head|other-head\tanaphor\tantecedent" on stderr: where the recall is lost.
void print_missed_links(const Document& doc, const coref::CorefResult& resolved, std::span<const coref::Cluster> key) {
  std::map<coref::ScoredMention, std::size_t> index;  // candidate span -> mention
  std::map<coref::ScoredMention, std::size_t> cluster_of;
  for (std::size_t m = 0; m < resolved.mentions.size(); ++m) index.emplace(coref::scored_span(doc, resolved.mentions[m].extent), m);
  for (std::size_t c = 0; c < resolved.clusters.size(); ++c) {
    for (const std::uint32_t m : resolved.clusters[c]) cluster_of.emplace(coref::scored_span(doc, resolved.mentions[m].extent), c);
  }
  const auto kind = [&](std::size_t m) {
    const MentionKind k = resolved.mentions[m].kind;
    return k == MentionKind::Pronoun ? "pronoun" : k == MentionKind::Proper ? "proper" : "nominal";
  };
  const auto text = [&](const coref::ScoredMention& m) { return doc.text().substr(m.begin, m.end - m.begin); };
  for (const auto& chain : key) {
    std::vector<coref::ScoredMention> held;
    for (const auto& m : chain) {
      if (index.contains(m)) held.push_back(m);
    }
    std::sort(held.begin(), held.end());
    for (std::size_t i = 1; i < held.size(); ++i) {
      if (cluster_of.at(held[i]) == cluster_of.at(held[i - 1])) continue;
      const std::size_t m = index.at(held[i]), a = index.at(held[i - 1]);
      std::cerr << "missed-link\t" << kind(m) << '\t' << kind(a) << '\t'
                << (resolved.mentions[m].head_word == resolved.mentions[a].head_word ? "same-head" : "other-head") << '\t'
                << text(held[i]) << '\t' << text(held[i - 1]) << '\n';
    }
  }
}

std::vector<coref::Sieve> parse_sieves(const std::string& list) {
  std::vector<coref::Sieve> out;
  std::stringstream in(list);
  for (std::string name; std::getline(in, name, ',');) {
    bool found = false;
    for (int s = 0; s <= static_cast<int>(coref::Sieve::Description); ++s) {
      if (coref::to_string(static_cast<coref::Sieve>(s)) == name) {
        out.push_back(static_cast<coref::Sieve>(s));
        found = true;
      }
    }
    if (!found) throw UsageError("unknown sieve '" + name + "' (speaker, exact, precise, strict-head, strict-head-nomod, proper-head, relaxed-head, pronoun, description)");
  }
  return out;
}

/// --text=FILE: the chains the full pipeline finds in a plain-text file, for reading.
int print_chains(const std::filesystem::path& file, const std::filesystem::path& models) {
  Document doc(file.stem().string(), read_text_file(file));
  nlp::Pipeline pipeline;
  for (const std::string_view name : nlp::kDefaultStages) pipeline.add(nlp::load_stage(name, models));
  pipeline.run(doc);
  for (std::size_t c = 0; c < doc.chains().size(); ++c) {
    const CorefChain& chain = doc.chains()[c];
    const Mention& rep = doc.mentions()[chain.representative];
    std::cout << "chain " << c << " [" << to_string(rep.type) << "]:";
    for (const std::uint32_t m : chain.mentions) {
      const Mention& mention = doc.mentions()[m];
      std::cout << (m == chain.representative ? " *" : " ") << "[" << coref::lower_text(doc, mention.tokens) << "]";
    }
    std::cout << '\n';
  }
  for (const Entity& e : extract::document_entities(doc)) {
    std::cout << "entity " << e.key << " (" << e.mention_count << "):";
    for (const std::string& alias : e.aliases) std::cout << " [" << alias << "]";
    std::cout << '\n';
  }
  return 0;
}

/// The key mention's head: its first word whose head lies outside it.
std::uint32_t head_of(const Document& doc, TokenRange range) {
  for (std::uint32_t t = range.begin; t < range.end; ++t) {
    const std::int32_t h = doc.tokens()[t].head;
    if (h < 0 || !range.contains(static_cast<std::uint32_t>(h))) return t;
  }
  return range.begin;
}

std::vector<coref::Cluster> oracle_extents(const Document& doc, const coref::CorefResult& resolved, std::span<const coref::Cluster> key) {
  std::map<std::uint32_t, std::uint32_t> token_at_begin, token_at_end;
  for (std::uint32_t t = 0; t < doc.tokens().size(); ++t) {
    token_at_begin[doc.tokens()[t].chars.begin] = t;
    token_at_end[doc.tokens()[t].chars.end] = t + 1;
  }
  std::map<std::uint32_t, coref::ScoredMention> key_by_head;
  std::set<coref::ScoredMention> keys;
  for (const auto& cluster : key) {
    for (const auto& k : cluster) {
      keys.insert(k);
      const auto b = token_at_begin.find(k.begin), e = token_at_end.find(k.end);
      if (b == token_at_begin.end() || e == token_at_end.end()) continue;
      key_by_head.emplace(head_of(doc, {b->second, e->second}), k);
    }
  }
  std::vector<coref::Cluster> out;
  for (const auto& cluster : resolved.clusters) {
    coref::Cluster c;
    for (const std::uint32_t m : cluster) {
      coref::ScoredMention span = coref::scored_span(doc, resolved.mentions[m].extent);
      const auto it = key_by_head.find(resolved.mentions[m].head);
      if (!keys.contains(span) && it != key_by_head.end() && !resolved.mentions[m].coordination) span = it->second;
      if (std::find(c.begin(), c.end(), span) == c.end()) c.push_back(span);
    }
    out.push_back(std::move(c));
  }
  return out;
}

/// --extent-errors: each key mention the candidates miss, by how the candidate with its
/// head (the key's token whose head lies outside it) differs: "long" (same start, runs on:
/// with the relation of the first word beyond), "short", "start" (same end), "both", "none".
void print_extent_errors(const Document& doc, const coref::CorefResult& resolved, std::span<const coref::Cluster> key) {
  std::map<std::uint32_t, std::uint32_t> token_at_begin, token_at_end;
  for (std::uint32_t t = 0; t < doc.tokens().size(); ++t) {
    token_at_begin[doc.tokens()[t].chars.begin] = t;
    token_at_end[doc.tokens()[t].chars.end] = t + 1;
  }
  std::set<coref::ScoredMention> candidates;
  for (const auto& m : resolved.mentions) candidates.insert(coref::scored_span(doc, m.extent));
  // response mentions in chains that are no key mention: a key with the same head (extent) or none
  {
    std::set<coref::ScoredMention> keys;
    std::set<std::uint32_t> key_heads;
    for (const auto& cluster : key) {
      for (const auto& k : cluster) {
        keys.insert(k);
        const auto b = token_at_begin.find(k.begin), e = token_at_end.find(k.end);
        if (b != token_at_begin.end() && e != token_at_end.end()) key_heads.insert(head_of(doc, {b->second, e->second}));
      }
    }
    for (const auto& cluster : resolved.clusters) {
      if (cluster.size() < 2) continue;
      for (const std::uint32_t i : cluster) {
        const auto& m = resolved.mentions[i];
        if (keys.contains(coref::scored_span(doc, m.extent))) continue;
        std::cerr << "response\t" << (key_heads.contains(m.head) ? "extent" : "spurious") << '\t'
                  << (m.kind == MentionKind::Pronoun ? "pronoun" : m.kind == MentionKind::Proper ? "proper" : "nominal") << '\t'
                  << coref::lower_text(doc, m.extent) << '\n';
      }
    }
  }
  for (const auto& cluster : key) {
    for (const auto& k : cluster) {
      if (candidates.contains(k)) continue;
      const auto b = token_at_begin.find(k.begin), e = token_at_end.find(k.end);
      if (b == token_at_begin.end() || e == token_at_end.end()) {
        std::cerr << "extent\ttokens\t-\t" << doc.text().substr(k.begin, k.end - k.begin) << '\n';
        continue;
      }
      const TokenRange range{b->second, e->second};
      std::uint32_t head = range.begin;
      for (std::uint32_t t = range.begin; t < range.end; ++t) {
        const std::int32_t h = doc.tokens()[t].head;
        if (h < 0 || !range.contains(static_cast<std::uint32_t>(h))) {
          head = t;
          break;
        }
      }
      const coref::CorefMention* best = nullptr;
      for (const auto& m : resolved.mentions) {
        if (m.head == head && !m.coordination) best = &m;
      }
      std::string kind = "none", rel = "-";
      if (best != nullptr) {
        const TokenRange x = best->extent;
        if (x.begin == range.begin && x.end > range.end) {
          kind = "long";
          rel = doc.tokens()[range.end].deprel;
          std::uint32_t top = range.end;
          for (std::uint32_t t = range.end; t < x.end; ++t) {
            const std::int32_t h = doc.tokens()[t].head;
            if (h >= 0 && static_cast<std::uint32_t>(h) < range.end && static_cast<std::uint32_t>(h) >= x.begin) {
              top = t;
              break;
            }
          }
          rel = doc.tokens()[top].deprel;
          std::vector<coref::ExtentCut> cuts;
          coref::extent_cuts(doc, best->extent, best->head, best->name, best->kind == MentionKind::Proper, cuts);
          bool reachable = false;
          for (const auto& cut : cuts) reachable |= cut.right && cut.extent.end == range.end;
          rel += reachable ? " reachable" : " unreachable";
        } else if (x.begin == range.begin) {
          kind = "short";
          // the first word left out that hangs from outside the candidate: its relation and head
          for (std::uint32_t t = x.end; t < range.end; ++t) {
            const std::int32_t h = doc.tokens()[t].head;
            if (h < 0 || static_cast<std::uint32_t>(h) < x.begin || static_cast<std::uint32_t>(h) >= x.end) {
              if (h >= 0 && x.contains(static_cast<std::uint32_t>(h))) continue;
              rel = doc.tokens()[t].deprel + (h < 0 ? std::string("<root") : "<" + doc.tokens()[static_cast<std::uint32_t>(h)].deprel);
              break;
            }
            if (doc.tokens()[t].upos != Upos::PUNCT) {
              rel = doc.tokens()[t].deprel + "<in";
              break;
            }
          }
        } else if (x.end == range.end) {
          kind = x.begin < range.begin ? "early" : "late";
        } else {
          kind = "both";
        }
      }
      std::cerr << "extent\t" << kind << "\t" << rel << "\t" << doc.text().substr(k.begin, k.end - k.begin);
      if (best != nullptr) std::cerr << "\t|\t" << coref::lower_text(doc, best->extent);
      if (best == nullptr) {
        std::cerr << "\t| head " << doc.form(head) << "/" << to_string(doc.tokens()[head].upos) << "/" << doc.tokens()[head].deprel << " |";
        for (const auto& m : resolved.mentions) {
          if (m.extent.begin < range.end && range.begin < m.extent.end) std::cerr << " [" << coref::lower_text(doc, m.extent) << "]";
        }
      }
      std::cerr << '\n';
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (tools::flag(argc, argv, "help")) {
    std::cout << "usage: text2kg-coref-eval [--shared=DIR] [--models=DIR] [--split=dev] [--setting=gold|tags|tokens|predicted|both]\n"
                 "                          [--singletons] [--sieves=exact,precise,...] [--per-doc]\n"
                 "                          [--mention-recall] [--missed] [--dump] [--no-ranker] [--no-extents] [--no-links] [--pronouns]\n"
                 "                          [--extent-errors] [--oracle-extents] [--missed-links]\n"
                 "       text2kg-coref-eval --text=FILE   (the chains found in a plain-text file)\n"
                 "Scores coreference on GUM (Entity= in MISC) with MUC, B3, CEAF-e and CoNLL F1.\n";
    return 0;
  }
  try {
    const std::filesystem::path shared = tools::option(argc, argv, "shared", tools::default_shared_dir().string());
    const std::filesystem::path models = tools::option(argc, argv, "models", tools::default_model_dir().string());
    const std::string split = tools::option(argc, argv, "split", "dev");
    const std::string which = tools::option(argc, argv, "setting", "both");
    const bool singletons = tools::flag(argc, argv, "singletons");
    const bool per_doc = tools::flag(argc, argv, "per-doc");
    const bool diagnose = tools::flag(argc, argv, "mention-recall") || tools::flag(argc, argv, "missed");
    const bool diagnose_print = tools::flag(argc, argv, "missed");
    const bool extent_errors = tools::flag(argc, argv, "extent-errors");
    if (which != "gold" && which != "tags" && which != "tokens" && which != "predicted" && which != "both") {
      throw UsageError("--setting must be gold, tags, tokens, predicted or both");
    }
    coref::CorefOptions options;
    const std::string sieves = tools::option(argc, argv, "sieves", "");
    if (!sieves.empty()) options.sieves = parse_sieves(sieves);
    const auto stats = coref::CorefStatistics::load(nlp::model_file("coref", models));
    // as the coref stage does, unless --no-ranker (the sieve's own candidate order)
    const auto ranker_file = coref::pronoun_ranker_file(nlp::model_file("coref", models));
    if (!tools::flag(argc, argv, "no-ranker") && std::filesystem::exists(ranker_file)) {
      options = coref::with_ranker(options, std::make_shared<const coref::PronounRanker>(coref::PronounRanker::load(ranker_file)));
    }
    const auto extents_file = coref::extent_model_file(nlp::model_file("coref", models));
    if (!tools::flag(argc, argv, "no-extents") && std::filesystem::exists(extents_file)) {
      options.extents = std::make_shared<const coref::ExtentModel>(coref::ExtentModel::load(extents_file));
    }
    const auto links_file = coref::link_filter_file(nlp::model_file("coref", models));
    if (!tools::flag(argc, argv, "no-links") && std::filesystem::exists(links_file)) {
      options = coref::with_link_filter(options, std::make_shared<const coref::LinkFilter>(coref::LinkFilter::load(links_file)));
    }
    if (const std::string text = tools::option(argc, argv, "text", ""); !text.empty()) return print_chains(text, models);
    const bool audit_pronouns = tools::flag(argc, argv, "pronouns") && options.choose_antecedent;

    const std::vector<Document> gold = tools::gum(shared, split);
    std::vector<std::vector<coref::Cluster>> key;
    for (const Document& doc : gold) {
      auto clusters = coref::gold_clusters(doc, coref::read_gold_mentions(doc));
      key.push_back(singletons ? clusters : coref::without_singletons(clusters));
    }
    std::cout << "GUM " << split << ": " << gold.size() << " documents; mentions: GUM's every referring expression; "
              << (singletons ? "singletons kept in key and response" : "singletons removed from key and response (CoNLL-2012 setting)")
              << "; exact-extent matching by byte span\n\n";
    std::cout << "| mentions from | genre | docs | MUC P / R / F1 | B3 P / R / F1 | CEAF-e P / R / F1 | CoNLL F1 | key / response / exact-matching mentions |\n";
    std::cout << "|---|---|---|---|---|---|---|---|\n";
    std::vector<Setting> results;
    for (const std::string setting : {"gold", "tags", "tokens", "predicted"}) {
      // "tags" (gold tokens and tags, our parse) and "tokens" (gold tokens and sentences, our
      // analyses) are diagnostics, asked for by name: they split the gap between the two others
      const bool diagnostic = setting == "tags" || setting == "tokens";
      if (which != setting && (which != "both" || diagnostic)) continue;
      std::vector<Document> docs;
      std::vector<std::unique_ptr<nlp::Stage>> stages;
      if (setting == "gold") {
        docs = gold;  // gold tokens, tags, lemmas and trees; our names
        stages.push_back(nlp::load_stage("ner", models));
      } else if (setting == "tags") {
        docs = gold;  // gold tokens, tags and lemmas; our trees and names
        stages.push_back(nlp::load_stage("parser", models));
        stages.push_back(nlp::load_stage("ner", models));
      } else if (setting == "tokens") {
        docs = nlp::gold_tokenized_documents(gold);
        for (const std::string_view name : nlp::kDefaultStages) {
          if (name != "coref" && name != "tokenizer") stages.push_back(nlp::load_stage(name, models));
        }
      } else {
        docs = nlp::raw_documents(gold);
        for (const std::string_view name : nlp::kDefaultStages) {
          if (name != "coref") stages.push_back(nlp::load_stage(name, models));
        }
      }
      tools::PronounAudit audit;
      coref::CorefOptions run = options;
      if (audit_pronouns) run.choose_antecedent = audit.wrap(options.choose_antecedent);
      const char* description = setting == "gold"     ? "gold tokens + parse, our NER"
                                : setting == "tags"   ? "gold tokens + tags, our parser + NER"
                                : setting == "tokens" ? "gold tokens, our tagger + parser + NER"
                                                      : "our pipeline on raw text";
      Setting result{description, {}, {}};
      double seconds = 0;
      std::size_t key_total = 0, key_found = 0, candidate_total = 0;
      for (std::size_t d = 0; d < docs.size(); ++d) {
        Document& doc = docs[d];
        for (const auto& stage : stages) {
          stage->process(doc);
          doc.add_layers(stage->provided_layers());  // as nlp::Pipeline does
        }
        if (audit_pronouns) audit.set_document(coref::project_token_entities(gold[d], coref::gold_token_entities(gold[d]), doc));
        const auto start = std::chrono::steady_clock::now();
        coref::tidy_name_spans(doc, stats);  // as the coref stage does
        const coref::CorefResult resolved = coref::resolve_coreference(doc, stats, run);
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (diagnose) {
          std::set<coref::ScoredMention> candidates;
          for (const auto& m : resolved.mentions) candidates.insert(coref::scored_span(doc, m.extent));
          for (const auto& cluster : key[d]) {
            for (const auto& m : cluster) {
              ++key_total;
              if (candidates.contains(m)) {
                ++key_found;
              } else if (diagnose_print) {
                std::cerr << "missed: " << doc.text().substr(m.begin, m.end - m.begin) << '\n';
              }
            }
          }
          candidate_total += candidates.size();
          if (extent_errors) print_extent_errors(doc, resolved, key[d]);
          if (diagnose_print) {
            std::set<coref::ScoredMention> keys;
            for (const auto& cluster : key[d]) keys.insert(cluster.begin(), cluster.end());
            for (const auto& cluster : resolved.clusters) {
              if (cluster.size() < 2) continue;
              for (const std::uint32_t m : cluster) {
                const auto span = coref::scored_span(doc, resolved.mentions[m].extent);
                if (!keys.contains(span)) std::cerr << "spurious: " << doc.text().substr(span.begin, span.end - span.begin) << '\n';
              }
            }
          }
        }
        auto response = response_clusters(doc, resolved);
        if (tools::flag(argc, argv, "missed-links")) print_missed_links(doc, resolved, key[d]);
        if (tools::flag(argc, argv, "oracle-extents")) response = oracle_extents(doc, resolved, key[d]);
        if (tools::flag(argc, argv, "dump")) {
          std::cerr << "document: " << doc.id() << '\n';
          std::map<coref::ScoredMention, std::size_t> gold_id;
          for (std::size_t k = 0; k < key[d].size(); ++k) {
            for (const auto& m : key[d][k]) gold_id[m] = k;
          }
          for (const auto& cluster : response) {
            if (cluster.size() < 2) continue;
            std::cerr << "cluster:";
            for (const auto& m : cluster) {
              const auto it = gold_id.find(m);
              std::cerr << " [" << doc.text().substr(m.begin, m.end - m.begin) << "]"
                        << (it == gold_id.end() ? std::string("-") : std::to_string(it->second));
            }
            std::cerr << '\n';
          }
        }
        if (!singletons) response = coref::without_singletons(response);
        coref::CorefScores one;
        one.add(key[d], response);
        result.all.add(key[d], response);
        if (doc.id().starts_with("GUM_news")) result.news.add(key[d], response);
        if (per_doc) print_row(setting, std::string(doc.id()), one);
      }
      print_row(result.name, "all", result.all);
      print_row(result.name, "news", result.news);
      if (diagnose) {
        std::cout << "\n" << setting << ": candidate mentions " << candidate_total << "; key mentions (in chains) " << key_total
                  << ", found among candidates " << key_found << "\n\n";
      }
      if (audit_pronouns) {
        std::cout << "\n" << setting << ": pronoun decisions against GUM's chains\n\n";
        audit.print(std::cout);
      }
      std::cerr << setting << ": coreference " << std::fixed << std::setprecision(3) << seconds << " s\n";
    }
    return 0;
  } catch (const UsageError& e) {
    std::cerr << "text2kg-coref-eval: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "text2kg-coref-eval: error: " << e.what() << '\n';
    return 1;
  }
}
