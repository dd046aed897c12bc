// text2kg-ner-eval: span-level exact-match P/R/F1 of the "ner" model on UNER EWT dev
// (PER/ORG/LOC) and GUM dev named mentions, plus the stage's speed.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "text2kg/base/error.hpp"
#include "text2kg/io/conllu.hpp"
#include "text2kg/nlp/ner.hpp"
#include "text2kg/nlp/tagger.hpp"
#include "text2kg/nlp/ner_propagation.hpp"
#include "text2kg/nlp/ner_score.hpp"
#include "text2kg_config.hpp"

namespace {

namespace fs = std::filesystem;
using namespace text2kg;

struct Options {
  fs::path shared = fs::path(TEXT2KG_MODEL_DIR) / ".." / ".." / "shared";
  fs::path model = fs::path(TEXT2KG_MODEL_DIR) / "ner.bin";
  bool uner = true;
  bool gum = true;
  bool news_only = false;
  bool speed = false;
  fs::path spans;  ///< when set: write the stage's mentions on the speed text here
  bool errors = false;
  bool propagate = true;
  bool gold_pos = false;
  bool tagger_pos = false;
  float outside_penalty = -1.0F;  ///< < 0: as stored in the model
};

constexpr std::string_view kUsage =
    "usage: text2kg-ner-eval [--model MODEL] [--shared DIR] [--uner-only | --gum-only] [--news] [--speed] [--errors]\n"
    "                         [--no-propagation] [--outside-penalty X] [--gold-pos]\n"
    "                         [--tagger-pos] [--spans FILE]\n"
    "Scores MODEL on DIR/data/uner/en_ewt-ud-dev.iob2 (PER/ORG/LOC; other predicted types are\n"
    "dropped, UNER does not mark them) and on the named mentions of DIR/data/gum/dev (--news:\n"
    "GUM's news genre only). --speed times the ner stage on UNER train text (>= 1 MB).\n"
    "--errors lists each UNER dev sentence whose spans differ (gold, then predicted).\n"
    "Names are propagated within each document unless --no-propagation. --gold-pos gives the\n"
    "model gold UPOS (UD EWT dev for UNER, GUM's own): an upper bound for a tagger's POS.\n"
    "--tagger-pos gives it the UPOS of models/tagger.bin instead, as in the full pipeline.\n"
    "--spans FILE writes every mention the stage finds in the speed text (UNER train, as one\n"
    "document) to FILE, one per line: first token, end token, type, head; a change meant to\n"
    "keep the output compares these files before and after.\n";

float real(const std::string& text, const char* what) {
  try {
    std::size_t used = 0;
    const float value = std::stof(text, &used);
    if (used == text.size() && value >= 0) return value;
  } catch (const std::exception&) {
  }
  throw text2kg::UsageError(std::string("bad ") + what + " '" + text + "'");
}

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw UsageError(std::string(arg) + " needs a value");
      return argv[++i];
    };
    if (arg == "--model") options.model = value();
    else if (arg == "--shared") options.shared = value();
    else if (arg == "--uner-only") options.gum = false;
    else if (arg == "--gum-only") options.uner = false;
    else if (arg == "--news") options.news_only = true;
    else if (arg == "--speed") options.speed = true;
    else if (arg == "--spans") options.spans = value();
    else if (arg == "--errors") options.errors = true;
    else if (arg == "--no-propagation") options.propagate = false;
    else if (arg == "--gold-pos") options.gold_pos = true;
    else if (arg == "--tagger-pos") options.tagger_pos = true;
    else if (arg == "--outside-penalty") options.outside_penalty = real(value(), "penalty");
    else if (arg == "-h" || arg == "--help") {
      std::cout << kUsage;
      std::exit(0);
    } else throw UsageError("unknown option '" + std::string(arg) + "'");
  }
  if (!options.uner && !options.gum) throw UsageError("--uner-only and --gum-only exclude each other");
  return options;
}

bool is_uner_type(EntityType type) {
  return type == EntityType::Person || type == EntityType::Organization || type == EntityType::Place;
}

/// Predictions for every sentence, recognised sentence by sentence and then made consistent
/// within each document (consecutive sentences with the same document id).
std::vector<std::vector<nlp::NerSpan>> predict(const nlp::NerRecognizer& recognizer,
                                               const std::vector<nlp::NerSentence>& sentences, bool propagate) {
  std::vector<std::vector<nlp::NerSpan>> spans(sentences.size());
  std::vector<std::vector<std::string_view>> words(sentences.size());
  nlp::NerScratch scratch;
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    words[i].assign(sentences[i].words.begin(), sentences[i].words.end());
    recognizer.recognize(words[i], scratch, spans[i], sentences[i].upos);
  }
  if (!propagate) return spans;
  std::size_t begin = 0;
  while (begin < sentences.size()) {
    std::size_t end = begin + 1;
    while (end < sentences.size() && sentences[end].document == sentences[begin].document) ++end;
    nlp::propagate_names(std::span(words).subspan(begin, end - begin), std::span(spans).subspan(begin, end - begin));
    begin = end;
  }
  return spans;
}

/// Replaces each sentence's UPOS by the tagger's (gold tokens and sentences).
void tag_upos(const nlp::Tagger& tagger, std::vector<nlp::NerSentence>& sentences) {
  for (nlp::NerSentence& s : sentences) {
    std::string text;
    for (const auto& w : s.words) (text += w) += ' ';
    Document doc(s.id, text);
    std::uint32_t offset = 0;
    for (const auto& w : s.words) {
      const auto size = static_cast<std::uint32_t>(w.size());
      doc.add_token(ByteSpan{offset, offset + size});
      offset += size + 1;
    }
    doc.add_sentence(0);
    doc.add_layers(Layer::Tokens | Layer::Sentences);
    tagger.process(doc);
    s.upos.clear();
    for (const Token& token : doc.tokens()) s.upos.push_back(token.upos);
  }
}

void print_spans(const std::vector<std::string>& words, std::span<const nlp::NerSpan> spans) {
  for (const auto& span : spans) {
    std::cout << " [" << to_string(span.type) << ':';
    for (auto w = span.words.begin; w < span.words.end; ++w) std::cout << ' ' << words[w];
    std::cout << ']';
  }
  std::cout << '\n';
}

void evaluate_uner(const nlp::NerRecognizer& recognizer, const fs::path& file, const fs::path& ud_file,
                   bool errors, bool propagate, const nlp::Tagger* tagger) {
  auto sentences = nlp::read_uner_iob2(file);
  if (!ud_file.empty()) {
    const std::size_t with_pos = nlp::attach_upos(sentences, io::read_conllu_file(ud_file));
    std::cout << "gold UPOS from " << ud_file.string() << " for " << with_pos << " sentences\n";
  }
  if (tagger != nullptr) tag_upos(*tagger, sentences);
  const auto predictions = predict(recognizer, sentences, propagate);
  nlp::NerScore score;
  std::vector<nlp::NerSpan> kept;
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    const auto& s = sentences[i];
    const auto& predicted = predictions[i];
    kept.clear();
    std::copy_if(predicted.begin(), predicted.end(), std::back_inserter(kept),
                 [](const nlp::NerSpan& span) { return is_uner_type(span.type); });
    score.add(s.spans, kept);
    if (errors && kept != s.spans) {
      std::cout << s.id << ":";
      for (const auto& w : s.words) std::cout << ' ' << w;
      std::cout << "\n  gold:";
      print_spans(s.words, s.spans);
      std::cout << "  pred:";
      print_spans(s.words, kept);
    }
  }
  std::cout << "== UNER EWT dev (" << sentences.size() << " sentences), exact span match\n";
  score.print(std::cout);
}

void evaluate_gum(const nlp::NerRecognizer& recognizer, const fs::path& folder, bool news_only, bool propagate,
                  bool gold_pos, const nlp::Tagger* tagger) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".conllu") continue;
    if (news_only && name.find("_news_") == std::string::npos) continue;
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  nlp::NerScore score;
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> recall_by_gum_type;  // found, total
  std::size_t sentence_count = 0;
  for (const fs::path& file : files) {
    for (const Document& doc : io::read_conllu_file(file)) {
      auto sentences = nlp::gum_named_sentences(doc, file.string());
      if (!gold_pos) {
        for (auto& s : sentences) s.upos.clear();
      }
      if (tagger != nullptr) tag_upos(*tagger, sentences);
      const auto predictions = predict(recognizer, sentences, propagate);
      for (std::size_t i = 0; i < sentences.size(); ++i) {
        const auto& s = sentences[i];
        const auto& predicted = predictions[i];
        ++sentence_count;
        score.add(s.spans, predicted);
        for (std::size_t g = 0; g < s.spans.size(); ++g) {
          auto& [found, total] = recall_by_gum_type[s.source_types[g]];
          ++total;
          if (std::find(predicted.begin(), predicted.end(), s.spans[g]) != predicted.end()) ++found;
        }
      }
    }
  }
  std::cout << "== GUM dev" << (news_only ? " news" : "") << " named mentions (" << files.size() << " documents, "
            << sentence_count << " sentences), exact span match, types mapped to ours\n";
  score.print(std::cout);
  std::cout << "recall by GUM type (span and mapped type exact)\n";
  for (const auto& [type, counts] : recall_by_gum_type) {
    char line[120];
    std::snprintf(line, sizeof line, "%-14s %6llu %7.2f\n", type.c_str(), static_cast<unsigned long long>(counts.second),
                  counts.second ? 100.0 * static_cast<double>(counts.first) / static_cast<double>(counts.second) : 0.0);
    std::cout << line;
  }
}

/// One Document holding every UNER train sentence (words joined by spaces), run through the
/// stage until at least 1 MB of text and one second have gone by.
/// The CPU time of this thread: on a shared machine it waits less on the others than wall time.
double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

/// Every UNER train sentence (words joined by spaces) as one tokenised Document.
Document speed_document(const fs::path& file) {
  const auto sentences = nlp::read_uner_iob2(file);
  std::string text;
  for (const auto& s : sentences) {
    for (const auto& w : s.words) (text += w) += ' ';
  }
  Document doc("speed", text);
  std::uint32_t offset = 0;
  for (const auto& s : sentences) {
    const auto first = static_cast<std::uint32_t>(doc.tokens().size());
    for (const auto& w : s.words) {
      const auto size = static_cast<std::uint32_t>(w.size());
      doc.add_token(ByteSpan{offset, offset + size});
      offset += size + 1;
    }
    doc.add_sentence(first);
  }
  doc.add_layers(Layer::Tokens | Layer::Sentences);
  return doc;
}

/// The stage's mentions of the speed text, one per line, into `out_file`.
void write_spans(const nlp::NerStage& stage, const fs::path& file, const fs::path& out_file) {
  Document doc = speed_document(file);
  stage.process(doc);
  std::ofstream out(out_file);
  for (const Mention& m : doc.mentions()) {
    out << m.tokens.begin << '\t' << m.tokens.end << '\t' << to_string(m.type) << '\t' << m.head << '\n';
  }
  if (!out) throw Error(out_file.string() + ": cannot write");
  std::cout << "== spans: " << doc.mentions().size() << " mentions written to " << out_file.string() << '\n';
}

void measure_speed(const nlp::NerStage& stage, const fs::path& file) {
  Document doc = speed_document(file);
  const std::string_view text = doc.text();
  const std::size_t word_count = doc.tokens().size();
  std::size_t bytes = 0, words = 0, runs = 0;
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = thread_cpu_seconds();
  double seconds = 0;
  while (bytes < (std::size_t{1} << 20) || seconds < 1.0) {
    doc.mutable_mentions().clear();
    stage.process(doc);
    bytes += text.size();
    words += word_count;
    ++runs;
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  const double cpu = thread_cpu_seconds() - cpu_start;
  std::cout << "== speed: " << runs << " run(s) over " << text.size() << " bytes / " << word_count << " words: "
            << static_cast<std::uint64_t>(static_cast<double>(words) / seconds) << " words/s, "
            << static_cast<double>(bytes) / seconds / 1e6 << " MB/s (" << doc.mentions().size()
            << " mentions per run); " << static_cast<std::uint64_t>(static_cast<double>(words) / cpu)
            << " words per CPU second\n";
}

int run(const Options& options) {
  std::unique_ptr<nlp::Tagger> tagger;
  if (options.tagger_pos) {
    tagger = nlp::Tagger::load(fs::path(TEXT2KG_MODEL_DIR) / "tagger.bin");
  }
  const auto load_start = std::chrono::steady_clock::now();
  nlp::NerRecognizer recognizer = nlp::NerRecognizer::load(options.model);
  if (options.outside_penalty >= 0) recognizer.set_outside_penalty(options.outside_penalty);
  const auto stage = std::make_unique<nlp::NerStage>(std::move(recognizer));
  const double load_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();
  const auto& ner = static_cast<const nlp::NerStage&>(*stage);
  std::cout << "model " << options.model.string() << ": " << fs::file_size(options.model) << " bytes, loaded in "
            << load_seconds << " s\n";
  const fs::path data = options.shared / "data";
  if (options.uner) evaluate_uner(ner.recognizer(), data / "uner" / "en_ewt-ud-dev.iob2",
                                  options.gold_pos ? data / "ud" / "en_ewt-ud-dev.conllu" : fs::path(), options.errors, options.propagate,
                                  tagger.get());
  if (options.gum) evaluate_gum(ner.recognizer(), data / "gum" / "dev", options.news_only, options.propagate, options.gold_pos,
                                 tagger.get());
  const fs::path speed_text = data / "uner" / "en_ewt-ud-train.prelim-2022-12.iob2";
  if (!options.spans.empty()) write_spans(ner, speed_text, options.spans);
  if (options.speed) measure_speed(ner, speed_text);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse(argc, argv));
  } catch (const text2kg::UsageError& e) {
    std::cerr << "text2kg-ner-eval: " << e.what() << '\n' << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "text2kg-ner-eval: error: " << e.what() << '\n';
    return 1;
  }
}
