// Trains the dependency parser on UD English EWT train (optionally + GUM train) with
// predicted tags (jackknifed: each fold tagged by a tagger trained on the other folds) and
// writes models/parser.bin; reports UAS/LAS from gold tokens, tags from models/tagger.bin.
#include <chrono>
#include <iostream>

#include "text2kg/nlp/parser.hpp"
#include "text2kg/nlp/tag_parse_eval.hpp"
#include "text2kg/nlp/tagger.hpp"
#include "treebank.hpp"

namespace {

using namespace text2kg;

/// Replaces gold tags by predicted ones, keeping the gold tree.
void retag(std::vector<Document>& docs, const nlp::Tagger& tagger) {
  for (Document& doc : docs) tagger.process(doc);
}

void jackknife(std::vector<Document>& train, int folds, const nlp::TaggerTrainingOptions& options) {
  std::vector<Document> tagged;
  for (int fold = 0; fold < folds; ++fold) {
    std::vector<Document> rest;
    for (std::size_t i = 0; i < train.size(); ++i) {
      if (static_cast<int>(i % static_cast<std::size_t>(folds)) != fold) rest.push_back(train[i]);
    }
    const auto tagger = nlp::Tagger::train(rest, options);
    for (std::size_t i = 0; i < train.size(); ++i) {
      if (static_cast<int>(i % static_cast<std::size_t>(folds)) == fold) tagger->process(train[i]);
    }
    std::cerr << "jackknife fold " << fold + 1 << "/" << folds << " tagged\n";
  }
}

void report(std::string_view name, const std::vector<Document>& gold, const nlp::Tagger& tagger, const nlp::Parser& parser) {
  const nlp::Stage* stages[] = {&tagger, &parser};
  std::cout << name << ": " << nlp::evaluate_tag_parse(gold, stages).summary() << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  if (tools::flag(argc, argv, "help")) {
    std::cout << "usage: train_parser [--shared=DIR] [--tagger=FILE] [--output=FILE] [--epochs=N] [--bits=N] [--label-bits=N] [--seed=N]\n"
                 "                    [--explore=P] [--jackknife=K] [--tagger-epochs=N] [--with-gum] [--log-dev]\n"
                 "                    [--clusters=TSV]   (word clusters for the jackknifed taggers and the parser)\n"
                 "                    [--tagger-clusters-only] (not for the parser) [--fast-hash]\n"
                 "                    [--beam=K]   (K > 1: beam search of width K, learnt with early update)\n";
    return 0;
  }
  try {
    const std::filesystem::path shared = tools::option(argc, argv, "shared", tools::default_shared_dir().string());
    const std::filesystem::path output =
        tools::option(argc, argv, "output", (tools::default_model_dir() / "parser.bin").string());
    const std::filesystem::path tagger_file =
        tools::option(argc, argv, "tagger", (tools::default_model_dir() / "tagger.bin").string());
    nlp::ParserTrainingOptions options;
    options.epochs = std::stoi(tools::option(argc, argv, "epochs", "12"));
    options.bucket_bits = static_cast<std::uint32_t>(std::stoul(tools::option(argc, argv, "bits", "20")));
    options.label_bucket_bits = static_cast<std::uint32_t>(std::stoul(tools::option(argc, argv, "label-bits", "18")));
    options.seed = static_cast<std::uint32_t>(std::stoul(tools::option(argc, argv, "seed", "1")));
    options.explore = std::stod(tools::option(argc, argv, "explore", "0.9"));
    options.beam = std::stoul(tools::option(argc, argv, "beam", "1"));
    options.log = &std::cerr;
    const int folds = std::stoi(tools::option(argc, argv, "jackknife", "10"));
    nlp::TaggerTrainingOptions tagger_options;
    tagger_options.epochs = std::stoi(tools::option(argc, argv, "tagger-epochs", "6"));
    const std::string clusters_file = tools::option(argc, argv, "clusters", "");
    nlp::WordClusters clusters;
    if (!clusters_file.empty()) clusters = nlp::WordClusters::load_tsv(clusters_file);
    tagger_options.clusters = &clusters;
    if (!tools::flag(argc, argv, "tagger-clusters-only")) options.clusters = &clusters;
    options.fast_hash = tools::flag(argc, argv, "fast-hash");

    const auto tagger = nlp::Tagger::load(tagger_file);
    std::vector<Document> train = tools::ewt(shared, "train");
    if (tools::flag(argc, argv, "with-gum")) {
      for (Document& doc : tools::gum(shared, "train")) train.push_back(std::move(doc));
    }
    const auto start = std::chrono::steady_clock::now();
    if (folds > 1) {
      jackknife(train, folds, tagger_options);
    } else {
      retag(train, *tagger);
    }
    const std::vector<Document> ewt_dev = tools::ewt(shared, "dev");
    const std::vector<Document> gum_dev = tools::gum(shared, "dev");
    std::vector<Document> tagged_dev = ewt_dev;
    if (tools::flag(argc, argv, "log-dev")) {
      retag(tagged_dev, *tagger);
      options.dev = tagged_dev;
    }
    const auto parser = nlp::Parser::train(train, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    parser->save(output);
    std::cout << "trained in " << seconds << " s: " << parser->labels().size() - 1 << " labels; wrote "
              << output.string() << " (" << std::filesystem::file_size(output) << " bytes)\n";
    const auto loaded = nlp::Parser::load(output);  // figures are for the saved (quantised) model
    report("EWT dev", ewt_dev, *tagger, *loaded);
    const nlp::Stage* parser_only[] = {loaded.get()};  // gold tags: the tagger's share of the errors
    std::cout << "EWT dev, gold tags: " << nlp::evaluate_tag_parse(ewt_dev, parser_only).summary() << '\n';
    report("GUM dev", gum_dev, *tagger, *loaded);
    report("GUM news dev", tools::with_prefix(gum_dev, "GUM_news"), *tagger, *loaded);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "train_parser: error: " << e.what() << '\n';
    return 1;
  }
}
