// Trains the pronoun ranker of the coreference stage on GUM train's chains and writes
// models/coref_pronouns.tsv (with --extents: the extent model, models/coref_extents.tsv, from
// GUM train's mentions; with --links: the link filter, models/coref_links.tsv, from its
// chains); scripts/train/coref.sh runs it. The mentions come from our own
// pipeline on GUM train's raw text (what users get; --gold-parse: from gold tokens and
// parses with our named-entity recogniser, text2kg-coref-eval's gold setting).
#include <chrono>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

#include "../bench_nlp/treebank.hpp"
#include "text2kg/coref/coref_stage.hpp"
#include "text2kg/coref/coref_statistics.hpp"
#include "text2kg/coref/extent_model_training.hpp"
#include "text2kg/coref/link_filter_training.hpp"
#include "text2kg/coref/name_spans.hpp"
#include "text2kg/coref/pronoun_ranker_training.hpp"
#include "text2kg/nlp/conll_eval.hpp"
#include "text2kg/nlp/stage_registry.hpp"

namespace {

/// The first line of a learnt model's file: what it is, where its features are defined and
/// how it was learnt, so a model file says how to rebuild it.
std::string model_comment(std::string_view model, std::string_view source, std::string_view flag, bool gold_parse,
                          int epochs, std::uint32_t seed) {
  std::ostringstream out;
  out << "text2kg " << model << ": hashed feature (lib/text2kg/coref/" << source
      << ") and weight; learned from GUM train (CC BY 4.0) by tools/train_coref" << flag << ", "
      << (gold_parse ? "gold parses, " : "our pipeline, ") << epochs << " epochs, seed " << seed;
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace text2kg;
  if (tools::flag(argc, argv, "help")) {
    std::cout << "usage: text2kg-train-coref [--shared=DIR] [--models=DIR] [--output=FILE] [--epochs=N] [--seed=N] [--gold-parse] [--extents | --links]\n"
                 "Learns the pronoun ranker from GUM train (DIR/data/gum/train) and writes FILE\n"
                 "(default: MODELS/coref_pronouns.tsv) with the other models of MODELS; the ranker\n"
                 "sees the extents of MODELS/coref_extents.tsv and the link filter of MODELS/coref_links.tsv when they exist.\n"
                 "--extents: learns the extent model instead (default FILE: MODELS/coref_extents.tsv).\n"
                 "--links: learns the link filter of the noun-phrase sieves (default FILE: MODELS/coref_links.tsv).\n";
    return 0;
  }
  try {
    const std::filesystem::path shared = tools::option(argc, argv, "shared", tools::default_shared_dir().string());
    const std::filesystem::path models = tools::option(argc, argv, "models", tools::default_model_dir().string());
    const bool extents = tools::flag(argc, argv, "extents");
    const bool links = tools::flag(argc, argv, "links");
    const std::string default_file = extents ? "coref_extents.tsv" : links ? "coref_links.tsv" : "coref_pronouns.tsv";
    const std::filesystem::path output = tools::option(argc, argv, "output", (models / default_file).string());
    coref::PronounRankerTraining options;
    options.epochs = std::stoi(tools::option(argc, argv, "epochs", "10"));
    options.seed = static_cast<std::uint32_t>(std::stoul(tools::option(argc, argv, "seed", "1")));
    options.log = &std::cerr;
    const auto stats = coref::CorefStatistics::load(nlp::model_file("coref", models));
    const bool gold_parse = tools::flag(argc, argv, "gold-parse");
    const std::vector<Document> gold = tools::gum(shared, "train");
    std::vector<Document> docs = gold_parse ? gold : nlp::raw_documents(gold);
    std::vector<std::unique_ptr<nlp::Stage>> stages;
    for (const std::string_view name : nlp::kDefaultStages) {
      if (name != "coref" && (!gold_parse || name == "ner")) stages.push_back(nlp::load_stage(name, models));
    }
    std::vector<std::vector<std::int32_t>> entities;
    for (std::size_t d = 0; d < docs.size(); ++d) {
      for (const auto& stage : stages) {
        stage->process(docs[d]);
        docs[d].add_layers(stage->provided_layers());  // as nlp::Pipeline does
      }
      coref::tidy_name_spans(docs[d], stats);  // as the coref stage does
      const auto gold_entities = coref::gold_token_entities(gold[d]);
      entities.push_back(gold_parse ? gold_entities : coref::project_token_entities(gold[d], gold_entities, docs[d]));
    }
    if (extents) {
      std::vector<std::vector<TokenRange>> mentions;
      for (std::size_t d = 0; d < docs.size(); ++d) mentions.push_back(coref::project_gold_mentions(gold[d], docs[d]));
      coref::ExtentModelTraining training;
      training.epochs = options.epochs;
      training.seed = options.seed;
      training.log = &std::cerr;
      const coref::ExtentModel model = coref::train_extent_model(docs, mentions, stats, training);
      model.save(output, model_comment("extent model", "extent_model.cpp", " --extents", gold_parse, training.epochs, training.seed));
      std::cout << "extent model: " << model.size() << " weights; wrote " << output.string() << '\n';
      return 0;
    }
    if (const auto file = coref::extent_model_file(nlp::model_file("coref", models)); std::filesystem::exists(file)) {
      options.extents = std::make_shared<const coref::ExtentModel>(coref::ExtentModel::load(file));
    }
    if (links) {
      coref::LinkFilterTraining training;
      training.epochs = options.epochs;
      training.seed = options.seed;
      training.log = &std::cerr;
      training.extents = options.extents;
      const coref::LinkFilter filter = coref::train_link_filter(docs, entities, stats, training);
      filter.save(output, model_comment("link filter", "link_filter.cpp", " --links", gold_parse, training.epochs, training.seed));
      std::cout << "link filter: " << filter.size() << " weights; wrote " << output.string() << '\n';
      return 0;
    }
    if (const auto file = coref::link_filter_file(nlp::model_file("coref", models)); std::filesystem::exists(file)) {
      options.links = std::make_shared<const coref::LinkFilter>(coref::LinkFilter::load(file));
    }
    const auto start = std::chrono::steady_clock::now();
    const coref::PronounRanker ranker = coref::train_pronoun_ranker(docs, entities, stats, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ranker.save(output, model_comment("pronoun ranker", "pronoun_ranker.cpp", "", gold_parse, options.epochs, options.seed));
    std::cout << "trained in " << seconds << " s on " << docs.size() << " documents: " << ranker.size()
              << " weights; wrote " << output.string() << '\n';
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "text2kg-train-coref: error: " << e.what() << '\n';
    return 1;
  }
}
