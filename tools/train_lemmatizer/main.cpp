// text2kg-train-lemmatizer: trains models/lemmatizer.bin from UD English EWT train (+ GUM
// train) and WordNet's exception lists (Debian's wordnet-base).
#include <chrono>
#include <iostream>

#include "../train_tokenizer/common_training.hpp"
#include "text2kg/base/atomic_file.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/nlp/lemmatizer.hpp"

int main(int argc, char** argv) {
  using namespace text2kg;
  try {
    const auto options = training::parse_options(argc, argv, "lemmatizer.bin");
    const auto start = std::chrono::steady_clock::now();
    const auto gold = training::read_training_documents(options);
    const nlp::LemmatizerModel model = nlp::train_lemmatizer(gold, "/usr/share/wordnet");
    AtomicFile out(options.output);
    model.save(out.stream());
    out.commit();
    const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
    std::cerr << "text2kg-train-lemmatizer: " << gold.size() << " documents, " << model.lexicon.size()
              << " lexicon entries, " << model.suffix_rules.size() << " suffix rules, " << model.exceptions.size()
              << " WordNet exceptions; " << seconds.count() << " s -> " << options.output.string() << '\n';
    return 0;
  } catch (const UsageError& e) {
    std::cerr << "text2kg-train-lemmatizer: " << e.what() << '\n' << training::kUsage;
    return 2;
  } catch (const Error& e) {
    std::cerr << "text2kg-train-lemmatizer: error: " << e.what() << '\n';
    return 1;
  }
}
