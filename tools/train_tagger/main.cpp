// Trains the POS tagger on UD English EWT train (optionally + GUM train) and writes
// models/tagger.bin; reports accuracy from gold tokens on EWT dev, GUM dev and GUM news.
#include <chrono>
#include <iostream>

#include "text2kg/nlp/tag_parse_eval.hpp"
#include "text2kg/nlp/tagger.hpp"
#include "treebank.hpp"

namespace {

void report(std::string_view name, const std::vector<text2kg::Document>& gold, const text2kg::nlp::Tagger& tagger) {
  const text2kg::nlp::Stage* stages[] = {&tagger};
  std::cout << name << ": " << text2kg::nlp::evaluate_tag_parse(gold, stages).summary() << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  using namespace text2kg;
  if (tools::flag(argc, argv, "help")) {
    std::cout << "usage: train_tagger [--shared=DIR] [--output=FILE] [--epochs=N] [--bits=N] [--seed=N] [--one-pass] [--with-gum]"
                 " [--log-dev] [--clusters=TSV]\n";
    return 0;
  }
  try {
    const std::filesystem::path shared = tools::option(argc, argv, "shared", tools::default_shared_dir().string());
    const std::filesystem::path output =
        tools::option(argc, argv, "output", (tools::default_model_dir() / "tagger.bin").string());
    nlp::TaggerTrainingOptions options;
    options.epochs = std::stoi(tools::option(argc, argv, "epochs", "6"));
    options.bucket_bits = static_cast<std::uint32_t>(std::stoul(tools::option(argc, argv, "bits", "18")));
    options.seed = static_cast<std::uint32_t>(std::stoul(tools::option(argc, argv, "seed", "1")));
    options.two_pass = !tools::flag(argc, argv, "one-pass");
    options.log = &std::cerr;
    // Word clusters (models/ner_clusters.tsv): copied into the model file, which alone then
    // decides the features.
    const std::string clusters_file = tools::option(argc, argv, "clusters", "");
    nlp::WordClusters clusters;
    if (!clusters_file.empty()) clusters = nlp::WordClusters::load_tsv(clusters_file);
    options.clusters = &clusters;

    std::vector<Document> train = tools::ewt(shared, "train");
    if (tools::flag(argc, argv, "with-gum")) {
      for (Document& doc : tools::gum(shared, "train")) train.push_back(std::move(doc));
    }
    const std::vector<Document> ewt_dev = tools::ewt(shared, "dev");
    const std::vector<Document> gum_dev = tools::gum(shared, "dev");
    if (tools::flag(argc, argv, "log-dev")) options.dev = ewt_dev;

    const auto start = std::chrono::steady_clock::now();
    const auto tagger = nlp::Tagger::train(train, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    tagger->save(output);
    std::cout << "trained in " << seconds << " s: " << tagger->class_count() << " classes, "
              << tagger->dictionary_size() << " dictionary words; wrote " << output.string() << " ("
              << std::filesystem::file_size(output) << " bytes)\n";
    const auto loaded = nlp::Tagger::load(output);  // figures are for the saved (quantised) model
    report("EWT dev", ewt_dev, *loaded);
    report("GUM dev", gum_dev, *loaded);
    report("GUM news dev", tools::with_prefix(gum_dev, "GUM_news"), *loaded);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "train_tagger: error: " << e.what() << '\n';
    return 1;
  }
}
