// Trains the pronoun ranker of the coreference stage on GUM train's chains and writes
// models/coref_pronouns.tsv; scripts/train/coref.sh runs it. The mentions come from our own
// pipeline on GUM train's raw text (what users get; --gold-parse: from gold tokens and
// parses with our named-entity recogniser, text2kg-coref-eval's gold setting).
#include <chrono>
#include <iostream>

#include "../bench_nlp/treebank.hpp"
#include "text2kg/coref/coref_statistics.hpp"
#include "text2kg/coref/name_spans.hpp"
#include "text2kg/coref/pronoun_ranker_training.hpp"
#include "text2kg/nlp/conll_eval.hpp"
#include "text2kg/nlp/stage_registry.hpp"

int main(int argc, char** argv) {
  using namespace text2kg;
  if (tools::flag(argc, argv, "help")) {
    std::cout << "usage: text2kg-train-coref [--shared=DIR] [--models=DIR] [--output=FILE] [--epochs=N] [--seed=N] [--gold-parse]\n"
                 "Learns the pronoun ranker from GUM train (DIR/data/gum/train) and writes FILE\n"
                 "(default: MODELS/coref_pronouns.tsv) with the other models of MODELS.\n";
    return 0;
  }
  try {
    const std::filesystem::path shared = tools::option(argc, argv, "shared", tools::default_shared_dir().string());
    const std::filesystem::path models = tools::option(argc, argv, "models", tools::default_model_dir().string());
    const std::filesystem::path output = tools::option(argc, argv, "output", (models / "coref_pronouns.tsv").string());
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
    const auto start = std::chrono::steady_clock::now();
    const coref::PronounRanker ranker = coref::train_pronoun_ranker(docs, entities, stats, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ranker.save(output, "text2kg pronoun ranker: hashed feature (lib/text2kg/coref/pronoun_ranker.cpp) and weight; learned "
                        "from GUM train (CC BY 4.0) by tools/train_coref, " + std::string(gold_parse ? "gold parses, " : "our pipeline, ") + std::to_string(options.epochs) + " epochs, seed " +
                        std::to_string(options.seed));
    std::cout << "trained in " << seconds << " s on " << docs.size() << " documents: " << ranker.size()
              << " weights; wrote " << output.string() << '\n';
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "text2kg-train-coref: error: " << e.what() << '\n';
    return 1;
  }
}
