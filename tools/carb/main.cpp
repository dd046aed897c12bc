// text2kg-carb: score Open IE output with our CaRB scorer, and write our extractions in
// CaRB's system format. Thin: argument parsing and exit codes; the work is in
// lib/text2kg/extract/carb.hpp.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "text2kg/base/atomic_file.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/extract/carb.hpp"
#include "text2kg/extract/carb_view.hpp"
#include "text2kg/extract/extractor.hpp"
#include "text2kg/app/text_pipeline.hpp"
#include "text2kg/base/text_file.hpp"
#include "text2kg/io/conllu.hpp"

namespace {

constexpr std::string_view kUsage =
    "usage: text2kg-carb score --gold GOLD.tsv --system SYSTEM.tsv [--curve]\n"
    "       text2kg-carb extract --conllu PARSED.conllu [-o OUT.tsv] [--min-confidence X] [--rules]\n"
    "       text2kg-carb extract --text SENTENCES.txt [--models DIR] [-o OUT.tsv] [--min-confidence X] [--rules]\n"
    "         (--text: one sentence per line, analysed by the whole NLP pipeline;\n"
    "          --rules: each line ends in a context field 'C: rule NAME' that scorers drop)\n";

struct Options {
  std::string command;
  std::map<std::string, std::string> values;
  bool curve = false;
  bool rules = false;
};

Options parse(int argc, char** argv) {
  if (argc < 2) throw text2kg::UsageError("missing command");
  Options options;
  options.command = argv[1];
  if (options.command != "score" && options.command != "extract") {
    throw text2kg::UsageError("unknown command '" + options.command + "'");
  }
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--curve" || arg == "--rules") {
      (arg == "--curve" ? options.curve : options.rules) = true;
      continue;
    }
    const bool known = arg == "--gold" || arg == "--system" || arg == "--conllu" || arg == "--text" || arg == "--models" || arg == "-o" ||
                       arg == "--min-confidence";
    if (!known) throw text2kg::UsageError("unknown option '" + arg + "'");
    if (i + 1 >= argc) throw text2kg::UsageError("option '" + arg + "' needs a value");
    options.values[arg] = argv[++i];
  }
  const auto require = [&](const char* name) {
    if (!options.values.count(name)) throw text2kg::UsageError(options.command + " needs " + name);
  };
  if (options.command == "score") {
    require("--gold");
    require("--system");
  } else if (options.values.count("--conllu") == options.values.count("--text")) {
    throw text2kg::UsageError("extract needs --conllu or --text");
  }
  return options;
}

std::string fixed(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", value);
  return buffer;
}

int score(const Options& options) {
  namespace carb = text2kg::extract::carb;
  const auto gold = carb::read_gold_file(options.values.at("--gold"));
  const auto system = carb::read_system_file(options.values.at("--system"));
  const carb::Score s = carb::score(gold, system);
  std::cout << "gold\t" << s.gold_count << "\npredicted\t" << s.predicted_count << "\nAUC\t" << fixed(s.auc)
            << "\nP\t" << fixed(s.precision) << "\nR\t" << fixed(s.recall) << "\nF1\t" << fixed(s.f1)
            << "\nthreshold\t" << fixed(s.threshold) << "\nP_all\t" << fixed(s.precision_all) << "\nR_all\t"
            << fixed(s.recall_all) << '\n';
  if (options.curve) {
    for (const auto& p : s.curve) std::cout << "curve\t" << fixed(p.threshold) << '\t' << fixed(p.precision) << '\t' << fixed(p.recall) << '\n';
  }
  return 0;
}

/// Sentence-per-line mode: each line is analysed as its own document by the whole NLP
/// pipeline, and all its triples are written against the line as CaRB gave it.
void extract_from_text(const Options& options, double min_confidence, std::ostream& out) {
  const auto models = options.values.count("--models") ? std::filesystem::path(options.values.at("--models"))
                                                       : text2kg::app::default_model_dir();
  const text2kg::app::TextPipeline pipeline(models, min_confidence);
  const std::string content = text2kg::read_text_file(options.values.at("--text"));
  std::size_t start = 0;
  std::size_t line_number = 0;
  while (start < content.size()) {
    auto end = content.find('\n', start);
    if (end == std::string::npos) end = content.size();
    const std::string line = content.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    text2kg::Document doc("line-" + std::to_string(line_number), line);
    pipeline.analyze(doc);
    std::vector<text2kg::extract::carb::Extraction> extractions;
    for (std::uint32_t s = 0; s < doc.sentences().size(); ++s) {
      auto of_sentence = text2kg::extract::carb::sentence_extractions(doc, s, min_confidence);
      extractions.insert(extractions.end(), of_sentence.begin(), of_sentence.end());
    }
    text2kg::extract::carb::write_extraction_lines(out, line, extractions, options.rules);
  }
}

int extract(const Options& options) {
  text2kg::extract::ExtractorOptions extractor_options;
  if (const auto it = options.values.find("--min-confidence"); it != options.values.end()) {
    try {
      extractor_options.min_confidence = std::stod(it->second);
    } catch (const std::exception&) {
      throw text2kg::UsageError("--min-confidence needs a number, got '" + it->second + "'");
    }
  }
  const auto it = options.values.find("-o");
  text2kg::AtomicFile out(it == options.values.end() ? std::filesystem::path("-") : std::filesystem::path(it->second));
  if (options.values.count("--text")) {
    extract_from_text(options, extractor_options.min_confidence, out.stream());
    out.commit();
    return 0;
  }
  const auto documents = text2kg::io::read_conllu_file(options.values.at("--conllu"));
  for (const auto& doc : documents) {
    // One input sentence per line.
    for (std::uint32_t s = 0; s < doc.sentences().size(); ++s) {
      text2kg::extract::carb::write_extraction_lines(
          out.stream(), doc.text_of(doc.sentences()[s].chars),
          text2kg::extract::carb::sentence_extractions(doc, s, extractor_options.min_confidence), options.rules);
    }
  }
  out.commit();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parse(argc, argv);
    return options.command == "score" ? score(options) : extract(options);
  } catch (const text2kg::UsageError& e) {
    std::cerr << "text2kg-carb: " << e.what() << '\n' << kUsage;
    return 2;
  } catch (const text2kg::Error& e) {
    std::cerr << "text2kg-carb: error: " << e.what() << '\n';
    return 1;
  }
}
