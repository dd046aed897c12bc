#include "text2kg/app/exporter.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <set>

#include "text2kg/app/text_pipeline.hpp"
#include "text2kg/base/atomic_file.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/base/text_file.hpp"
#include "text2kg/io/conllu.hpp"
#include "text2kg/io/gexf_writer.hpp"
#include "text2kg/io/graphml_reader.hpp"
#include "text2kg/io/graphml_writer.hpp"
#include "text2kg/io/jsonld_reader.hpp"
#include "text2kg/io/jsonld_writer.hpp"
#include "text2kg/io/neo4j_writer.hpp"
#include "text2kg/io/news_reader.hpp"
#include "text2kg/io/triples_reader.hpp"

namespace text2kg::app {
namespace fs = std::filesystem;

struct Exporter::TextSupport {
  TextPipeline pipeline;
  bool progress = false;  ///< a progress line on a terminal
};

namespace {

/// Tells news-document JSON Lines from triple JSON Lines by the first object's keys.
InputFormat sniff_jsonl(const fs::path& path) {
  if (path == "-") return InputFormat::TriplesJsonl;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    return line.find("\"subject\"") != std::string::npos ? InputFormat::TriplesJsonl : InputFormat::NewsJsonl;
  }
  return InputFormat::TriplesJsonl;
}

InputFormat format_of_file(const fs::path& path) {
  const std::string ext = path.extension().string();
  if (ext == ".tsv") return InputFormat::TriplesTsv;
  if (ext == ".jsonl") return sniff_jsonl(path);
  if (ext == ".graphml" || ext == ".xml") return InputFormat::GraphML;
  if (ext == ".jsonld" || ext == ".json") return InputFormat::JsonLd;
  return InputFormat::Text;
}

}  // namespace

std::vector<std::pair<fs::path, InputFormat>> expand_inputs(const std::vector<fs::path>& inputs, InputFormat requested) {
  std::vector<std::pair<fs::path, InputFormat>> expanded;
  for (const fs::path& input : inputs) {
    std::error_code ec;
    if (input != "-" && fs::is_directory(input, ec)) {
      std::vector<fs::path> texts;
      for (const auto& entry : fs::recursive_directory_iterator(input, fs::directory_options::skip_permission_denied)) {
        if (entry.is_regular_file() && entry.path().extension() == ".txt") texts.push_back(entry.path());
      }
      std::sort(texts.begin(), texts.end());
      if (texts.empty()) throw InputError::in_file(input.string(), "directory holds no *.txt file");
      for (auto& text : texts) expanded.emplace_back(std::move(text), InputFormat::Text);
      continue;
    }
    if (input == "-" && requested == InputFormat::Auto) {
      throw UsageError("reading standard input needs --input-format");
    }
    expanded.emplace_back(input, requested == InputFormat::Auto ? format_of_file(input) : requested);
  }
  return expanded;
}

Exporter::Exporter(ExportOptions options) : options_(std::move(options)) {}
Exporter::~Exporter() = default;

void Exporter::add_triples(const std::vector<Triple>& triples, RunSummary& summary) {
  std::set<std::string> documents;
  for (const Triple& triple : triples) {
    if (triple.provenance.confidence < options_.min_confidence) continue;
    graph_.add_triple(triple);
    documents.insert(triple.provenance.doc_id);
    ++summary.triples;
  }
  for (const std::string& doc : documents) {
    if (!doc.empty()) graph_.add_document(doc, {});
  }
}

void Exporter::read_input(const fs::path& path, InputFormat format, RunSummary& summary) {
  const std::string name = path == "-" ? std::string("<stdin>") : path.string();
  switch (format) {
    case InputFormat::TriplesTsv:
      add_triples(io::read_triples_tsv(read_text_file(path), name), summary);
      return;
    case InputFormat::TriplesJsonl:
      add_triples(io::read_triples_jsonl(read_text_file(path), name), summary);
      return;
    case InputFormat::GraphML:
      io::read_graphml_into(graph_, read_text_file(path), name);
      return;
    case InputFormat::JsonLd:
      io::read_jsonld_into(graph_, read_text_file(path), name);
      return;
    case InputFormat::Text:
    case InputFormat::Auto:
      read_text_document(path, summary);
      return;
    case InputFormat::NewsJsonl:
      read_news_corpus(path, summary);
      return;
  }
}

Exporter::TextSupport& Exporter::text_support() {
  if (!text_) {
    const fs::path dir = options_.model_dir.empty() ? default_model_dir() : options_.model_dir;
    text_ = std::make_unique<TextSupport>(TextSupport{TextPipeline(dir, options_.min_confidence),
                                                      !options_.quiet && ::isatty(STDERR_FILENO) == 1});
  }
  return *text_;
}

void Exporter::skip_or_stop(const std::string& message, RunSummary& summary) {
  if (options_.strict) throw Error(message);
  ++summary.documents;
  ++summary.failed_documents;
  summary.failures.push_back(message);
  if (!options_.quiet) std::cerr << "text2kg: skipped " << message << '\n';
}

void Exporter::process_document(Document doc, RunSummary& summary) {
  TextSupport& text = text_support();
  ++summary.documents;
  if (text.progress) std::cerr << "\rtext2kg: document " << summary.documents << ": " << doc.id() << "\x1b[K" << std::flush;
  text.pipeline.analyze(doc);
  if (options_.dump_conllu) {
    io::write_conllu(doc, std::cout);
    return;
  }
  graph_.add_document(doc.id(), doc.meta());
  // one node per real entity, with every name it goes by, even if no triple reaches it
  for (const Entity& entity : text.pipeline.entities(doc)) graph_.add_entity(entity);
  add_triples(text.pipeline.extract(doc), summary);
}

void Exporter::read_text_document(const fs::path& path, RunSummary& summary) {
  std::string content;
  try {
    content = read_text_file(path);
  } catch (const InputError& e) {
    skip_or_stop(e.what(), summary);
    return;
  }
  DocumentMeta meta;
  meta.date = options_.document_date;
  const std::string id = path == "-" ? std::string("stdin") : path.stem().string();
  process_document(Document(id, std::move(content), std::move(meta)), summary);
}

void Exporter::read_news_corpus(const fs::path& path, RunSummary& summary) {
  const std::string name = path == "-" ? std::string("<stdin>") : path.string();
  TextFileLimits limits;
  limits.max_line_bytes = std::size_t{64} << 20;  // one document per line: lines are long
  std::vector<io::NewsReadFailure> failures;
  auto documents = io::read_news_jsonl(read_text_file(path, limits), name, failures);
  for (const auto& failure : failures) skip_or_stop(failure.where + ": " + failure.reason, summary);
  for (Document& doc : documents) {
    if (doc.meta().date.empty() && !options_.document_date.empty()) {
      DocumentMeta meta = doc.meta();
      meta.date = options_.document_date;
      doc = Document(std::string(doc.id()), std::string(doc.text()), std::move(meta));
    }
    process_document(std::move(doc), summary);
  }
}

namespace {

void create_out_dirs(const std::vector<fs::path>& dirs) {
  for (const fs::path& dir : dirs) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw Error(dir.string() + ": cannot create directory: " + ec.message());
  }
}

/// Runs a writer; its failure is reported with the output it was writing.
template <typename Write>
void write_to(const fs::path& target, Write write) {
  try {
    write();
  } catch (const Error& e) {
    const std::string what = e.what();
    if (what.rfind(target.string(), 0) == 0) throw;
    throw Error(target.string() + ": " + what);
  }
}

}  // namespace

void Exporter::write_outputs() {
  create_out_dirs(options_.out_dirs);
  graph_.join_untyped_names();
  graph_.prepare();
  std::vector<OutputSpec> outputs = options_.outputs;
  if (options_.merge_into) {
    const auto format = format_from_path(*options_.merge_into);
    outputs.push_back({*options_.merge_into, format.value_or(OutputFormat::GraphML)});
  }
  // Write everything to temporary files first, then rename: one failing output leaves
  // every target untouched.
  std::vector<std::unique_ptr<AtomicFile>> files;
  for (const OutputSpec& output : outputs) {
    if (output.format == OutputFormat::Neo4j) continue;
    auto file = std::make_unique<AtomicFile>(output.path);
    write_to(output.path, [&] { write_one(output.format, file->stream()); });
    files.push_back(std::move(file));
  }
  for (const OutputSpec& output : outputs) {
    if (output.format == OutputFormat::Neo4j) write_to(output.path, [&] { io::write_neo4j(graph_, output.path); });
  }
  for (auto& file : files) file->commit();
}

void Exporter::write_one(OutputFormat format, std::ostream& out) const {
  switch (format) {
    case OutputFormat::GraphML: {
      io::GraphmlOptions graphml;
      graphml.apoc_exact = options_.apoc_exact;
      io::write_graphml(graph_, out, graphml);
      break;
    }
    case OutputFormat::JsonLd: {
      io::JsonldOptions jsonld;
      jsonld.base_iri = options_.base_iri;
      io::write_jsonld(graph_, out, jsonld);
      break;
    }
    case OutputFormat::Gexf:
      io::write_gexf(graph_, out);
      break;
    case OutputFormat::Neo4j:
      break;
  }
}

RunSummary Exporter::run() {
  RunSummary summary;
  if (options_.merge_into) {
    std::error_code ec;
    if (fs::exists(*options_.merge_into, ec)) {
      const auto format = format_from_path(*options_.merge_into);
      if (format != OutputFormat::GraphML && format != OutputFormat::JsonLd) {
        throw UsageError("--merge-into needs a .graphml or .jsonld file");
      }
      read_input(*options_.merge_into, format == OutputFormat::GraphML ? InputFormat::GraphML : InputFormat::JsonLd,
                 summary);
    }
  }
  for (const auto& [path, format] : expand_inputs(options_.inputs, options_.input_format)) {
    read_input(path, format, summary);
  }
  if (text_ && text_->progress) std::cerr << "\r\x1b[K";
  if (summary.documents > 0 && summary.documents == summary.failed_documents && !options_.dump_conllu) {
    throw Error("every document failed; nothing to write");
  }
  if (options_.dump_conllu) return summary;
  write_outputs();
  summary.nodes = graph_.node_count();
  summary.edges = graph_.edge_count();
  return summary;
}

}  // namespace text2kg::app
