// text2kg-train-tokenizer: trains models/tokenizer.bin from UD English EWT train (+ GUM train).
#include <chrono>
#include <iostream>
#include <string_view>

#include "common_training.hpp"
#include "text2kg/base/atomic_file.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/nlp/tokenizer.hpp"

int main(int argc, char** argv) {
  using namespace text2kg;
  try {
    const auto options = training::parse_options(argc, argv, "tokenizer.bin");
    const auto start = std::chrono::steady_clock::now();
    const auto gold = training::read_training_documents(options);
    const nlp::TokenizerModel model = nlp::train_tokenizer(gold, options.epochs);
    AtomicFile out(options.output);
    model.save(out.stream());
    out.commit();
    const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
    std::cerr << "text2kg-train-tokenizer: " << gold.size() << " documents, " << model.whole_tokens.size()
              << " whole tokens, " << model.hyphen_prefixes.size() << " hyphen prefixes, "
              << model.multiword_lexicon.size() << " multiword entries, " << model.boundary.used_rows()
              << " boundary rows; " << seconds.count() << " s -> " << options.output.string() << '\n';
    return 0;
  } catch (const UsageError& e) {
    std::cerr << "text2kg-train-tokenizer: " << e.what() << '\n' << training::kUsage;
    return 2;
  } catch (const Error& e) {
    std::cerr << "text2kg-train-tokenizer: error: " << e.what() << '\n';
    return 1;
  }
}
