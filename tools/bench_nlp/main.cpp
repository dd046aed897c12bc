// Speed of the NLP stages, single-threaded: words per second per stage and for the whole
// chain, model load times and peak RSS, on EWT dev + GUM dev repeated to >= 1 MB of text.
// Stages run in the order given on gold tokens and sentences; a stage list that starts
// with "tokenizer" runs from raw text instead. With the NER and coreference stages after the
// others it also gives the share they add (issue 5's budget: under 20%).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "text2kg/nlp/conll_eval.hpp"
#include "text2kg/nlp/stage_registry.hpp"
#include "text2kg/extract/carb_view.hpp"
#include "text2kg/extract/extractor.hpp"
#include "treebank.hpp"

namespace {

using namespace text2kg;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/// One pass of a stage over every document, recording its layers as Pipeline::run does.
double time_stage(const nlp::Stage& stage, std::vector<Document>& docs) {
  const auto start = Clock::now();
  for (Document& doc : docs) {
    stage.process(doc);
    doc.add_layers(stage.provided_layers());
  }
  return seconds_since(start);
}

/// Issue 5's measure: the time of the entity stages (ner, coref) over that of the stages
/// before them, when the chain has both parts.
void report_entity_share(const std::vector<std::string>& names, const std::vector<double>& seconds,
                         const char* which) {
  double entities = 0, before = 0;
  bool has_entities = false;
  for (std::size_t s = 0; s < names.size(); ++s) {
    const bool entity_stage = names[s] == "ner" || names[s] == "coref";
    has_entities = has_entities || entity_stage;
    (entity_stage ? entities : before) += seconds[s];
  }
  if (!has_entities || before == 0) return;
  const double share = 100.0 * entities / before;
  std::cout << "ner + coref add " << std::setprecision(1) << share << "% to the stages before them (" << which
            << " times; budget < 20%: " << (share < 20.0 ? "met" : "MISSED") << ")\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (tools::flag(argc, argv, "help")) {
    std::cout << "usage: bench_nlp [--shared=DIR] [--models=DIR] [--stages=tokenizer,tagger,lemmatizer,parser,ner,coref] [--min-bytes=N] [--repeat=R] [--extract=yes]\n  (a list starting with tokenizer runs from raw text; otherwise from gold tokens;\n   --repeat=R runs the chain R times on fresh copies and gives each stage its fastest and median time;\n   --extract=yes also times the extraction rules after the stages)\n";
    return 0;
  }
  try {
    const std::filesystem::path shared = tools::option(argc, argv, "shared", tools::default_shared_dir().string());
    const std::filesystem::path models = tools::option(argc, argv, "models", tools::default_model_dir().string());
    const std::size_t min_bytes = std::stoul(tools::option(argc, argv, "min-bytes", "1000000"));
    const bool extract = tools::option(argc, argv, "extract", "no") == "yes";
    std::vector<std::string> names;
    std::stringstream list(tools::option(argc, argv, "stages", "tagger,parser"));
    for (std::string name; std::getline(list, name, ',');) names.push_back(name);

    std::vector<std::unique_ptr<nlp::Stage>> stages;
    for (const std::string& name : names) {
      const auto start = Clock::now();
      stages.push_back(nlp::load_stage(name, models));
      std::cout << "load " << name << ": " << std::fixed << std::setprecision(3) << seconds_since(start) << " s\n";
    }

    std::vector<Document> base = tools::ewt(shared, "dev");
    for (Document& doc : tools::gum(shared, "dev")) base.push_back(std::move(doc));
    std::vector<Document> docs;
    std::size_t bytes = 0, words = 0;
    while (bytes < min_bytes) {
      for (const Document& doc : base) {
        docs.push_back(doc);
        bytes += doc.text().size();
        words += doc.tokens().size();
      }
    }
    // A chain that starts with the tokenizer runs from raw text, as a user's input would be.
    if (!names.empty() && names.front() == "tokenizer") docs = nlp::raw_documents(docs);
    std::cout << "text: " << bytes << " bytes, " << words << " words, " << docs.size() << " documents\n";

    const std::size_t repeat = std::stoul(tools::option(argc, argv, "repeat", "1"));
    if (repeat == 0) throw UsageError("--repeat needs at least 1");
    // Each round starts from fresh copies, so every stage sees the input it would in a run;
    // the fastest round is the least disturbed by the rest of the machine.
    std::vector<std::vector<double>> rounds(stages.size());
    std::vector<Document> work;
    for (std::size_t r = 0; r < repeat; ++r) {
      work = r + 1 == repeat ? std::move(docs) : docs;
      for (std::size_t s = 0; s < stages.size(); ++s) rounds[s].push_back(time_stage(*stages[s], work));
    }
    docs = std::move(work);
    std::vector<double> fastest(stages.size()), median(stages.size());
    double total = 0;
    for (std::size_t s = 0; s < stages.size(); ++s) {
      std::sort(rounds[s].begin(), rounds[s].end());
      fastest[s] = rounds[s].front();
      median[s] = rounds[s][rounds[s].size() / 2];
      total += fastest[s];
      std::cout << names[s] << ": " << std::setprecision(0) << static_cast<double>(words) / fastest[s] << " words/s ("
                << std::setprecision(3) << fastest[s] << " s";
      if (repeat > 1) std::cout << " fastest of " << repeat << ", median " << median[s] << " s";
      std::cout << ")\n";
    }
    std::cout << "all stages: " << std::setprecision(0) << static_cast<double>(words) / total << " words/s\n";
    report_entity_share(names, fastest, "fastest");
    if (repeat > 1) report_entity_share(names, median, "median");
    if (extract) {
      // The rule-based extraction after the NLP: graph triples, then the CaRB view.
      const extract::Extractor extractor;
      std::size_t triples = 0;
      auto start = Clock::now();
      for (const Document& doc : docs) triples += extractor.extract(doc).size();
      const double graph = seconds_since(start);
      std::size_t extractions = 0;
      start = Clock::now();
      for (const Document& doc : docs) {
        for (std::uint32_t s = 0; s < doc.sentences().size(); ++s) extractions += extract::carb::sentence_extractions(doc, s).size();
      }
      const double view = seconds_since(start);
      std::cout << "extract (graph triples): " << std::setprecision(0) << static_cast<double>(words) / graph << " words/s ("
                << std::setprecision(3) << graph << " s, " << triples << " triples, " << std::setprecision(1)
                << 100.0 * graph / total << "% of the NLP time)\n";
      std::cout << "extract (CaRB view): " << std::setprecision(0) << static_cast<double>(words) / view << " words/s ("
                << std::setprecision(3) << view << " s, " << extractions << " extractions, " << std::setprecision(1)
                << 100.0 * view / total << "% of the NLP time)\n";
    }
    std::cout << "peak RSS: " << peak_rss_kib() / 1024 << " MiB";
    if (repeat > 1) std::cout << " (with a second copy of the documents for --repeat)";
    std::cout << '\n';
    return 0;
  } catch (const UsageError& e) {
    std::cerr << "bench_nlp: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "bench_nlp: error: " << e.what() << '\n';
    return 1;
  }
}
