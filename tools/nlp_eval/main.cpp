// text2kg-eval: CoNLL 2018 shared-task evaluation of our NLP stages.
//
//   text2kg-eval --gold GOLD --system SYSTEM.conllu     compare two files
//   text2kg-eval --gold GOLD --raw [--models DIR]       tokenizer + available stages on raw text
//   text2kg-eval --gold GOLD --gold-tokens [--gold-pos] remaining stages on gold tokens
// GOLD is a .conllu file or a folder of them (read in name order); --per-genre adds one
// table per GUM genre (from the document id GUM_<genre>_...).
#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "stage_loading.hpp"
#include "text2kg/base/atomic_file.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/io/conllu.hpp"
#include "text2kg/nlp/conll_eval.hpp"
#include "text2kg_config.hpp"

namespace {

using namespace text2kg;

constexpr std::string_view kUsage =
    "usage: text2kg-eval --gold FILE|DIR (--system FILE|DIR | --raw | --gold-tokens [--gold-pos])\n"
    "                    [--models DIR] [--per-genre] [--write-system FILE]\n";

struct Options {
  std::vector<std::filesystem::path> gold;
  std::vector<std::filesystem::path> system;
  std::filesystem::path models = TEXT2KG_MODEL_DIR;
  std::filesystem::path write_system;
  bool raw = false, gold_tokens = false, gold_pos = false, per_genre = false;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw UsageError("option " + std::string(arg) + " needs a value");
      return argv[++i];
    };
    if (arg == "--gold") {
      o.gold.emplace_back(value());
    } else if (arg == "--system") {
      o.system.emplace_back(value());
    } else if (arg == "--models") {
      o.models = value();
    } else if (arg == "--write-system") {
      o.write_system = value();
    } else if (arg == "--raw") {
      o.raw = true;
    } else if (arg == "--gold-tokens") {
      o.gold_tokens = true;
    } else if (arg == "--gold-pos") {
      o.gold_pos = true;
    } else if (arg == "--per-genre") {
      o.per_genre = true;
    } else {
      throw UsageError("unknown option '" + std::string(arg) + "'");
    }
  }
  if (o.gold.empty()) throw UsageError("--gold is required");
  if (static_cast<int>(!o.system.empty()) + static_cast<int>(o.raw) + static_cast<int>(o.gold_tokens) != 1) {
    throw UsageError("give exactly one of --system, --raw, --gold-tokens");
  }
  if (o.gold_pos && !o.gold_tokens) throw UsageError("--gold-pos goes with --gold-tokens");
  return o;
}

std::vector<Document> read_all(const std::vector<std::filesystem::path>& paths) {
  std::vector<Document> docs;
  for (const auto& path : paths) {
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(path)) {
      for (const auto& entry : std::filesystem::directory_iterator(path)) {
        if (entry.path().extension() == ".conllu") files.push_back(entry.path());
      }
      std::sort(files.begin(), files.end());
    } else {
      files.push_back(path);
    }
    for (const auto& file : files) {
      for (auto& doc : io::read_conllu_file(file)) docs.push_back(std::move(doc));
    }
  }
  return docs;
}

/// GUM_<genre>_<name> -> genre; anything else -> "all".
std::string genre_of(std::string_view id) {
  if (id.rfind("GUM_", 0) != 0) return "all";
  const auto end = id.find('_', 4);
  return std::string(id.substr(4, end == std::string_view::npos ? std::string_view::npos : end - 4));
}

std::vector<Document> run_stages(const Options& o, const std::vector<Document>& gold) {
  std::vector<Document> docs = o.raw ? nlp::raw_documents(gold) : nlp::gold_tokenized_documents(gold);
  if (o.gold_pos) {
    for (std::size_t d = 0; d < docs.size(); ++d) {
      for (std::size_t t = 0; t < docs[d].tokens().size(); ++t) {
        const Token& g = gold[d].tokens()[t];
        Token& s = docs[d].mutable_tokens()[t];
        s.upos = g.upos;
        s.xpos = g.xpos;
        s.feats = g.feats;
      }
      docs[d].add_layers(Layer::Pos);
    }
  }
  const auto stages = eval_tool::load_available_stages(o.models, o.raw, std::cerr);
  for (const auto& stage : stages) {
    const auto start = std::chrono::steady_clock::now();
    std::size_t words = 0;
    bool ran = false;
    for (Document& doc : docs) {
      if (!doc.layers().has(stage->required_layers())) continue;
      stage->process(doc);
      doc.add_layers(stage->provided_layers());  // as Pipeline::run does
      words += doc.tokens().size();
      ran = true;
    }
    const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
    if (ran) {
      std::cerr << "text2kg-eval: " << stage->name() << ": " << words << " words in " << seconds.count() << " s ("
                << static_cast<long long>(static_cast<double>(words) / std::max(seconds.count(), 1e-9))
                << " words/s)\n";
    } else {
      std::cerr << "text2kg-eval: " << stage->name() << ": required layers missing, skipped\n";
    }
  }
  return docs;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options o = parse(argc, argv);
    const std::vector<Document> gold = read_all(o.gold);
    const std::vector<Document> system = o.system.empty() ? run_stages(o, gold) : read_all(o.system);
    if (!o.write_system.empty()) {
      AtomicFile out(o.write_system);
      for (const Document& doc : system) io::write_conllu(doc, out.stream());
      out.commit();
    }
    std::cout << nlp::format_report(nlp::evaluate_conll(gold, system));
    if (o.per_genre) {
      if (gold.size() != system.size()) throw Error("--per-genre needs one system document per gold document");
      std::map<std::string, std::pair<std::vector<Document>, std::vector<Document>>> groups;
      for (std::size_t d = 0; d < gold.size(); ++d) {
        auto& [g, s] = groups[genre_of(gold[d].id())];
        g.push_back(gold[d]);
        s.push_back(system[d]);
      }
      for (const auto& [genre, pair] : groups) {
        std::cout << "\n## genre " << genre << " (" << pair.first.size() << " documents)\n"
                  << nlp::format_report(nlp::evaluate_conll(pair.first, pair.second));
      }
    }
    return 0;
  } catch (const UsageError& e) {
    std::cerr << "text2kg-eval: " << e.what() << '\n' << kUsage;
    return 2;
  } catch (const Error& e) {
    std::cerr << "text2kg-eval: error: " << e.what() << '\n';
    return 1;
  }
}
