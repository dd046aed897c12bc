#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "text2kg/app/options.hpp"
#include "text2kg/graph/knowledge_graph.hpp"

namespace text2kg::app {

/// What a run did, for the summary line and for tests.
struct RunSummary {
  std::size_t documents = 0;         ///< text documents met, skipped ones included
  std::size_t failed_documents = 0;  ///< skipped (reported) text documents
  std::size_t triples = 0;           ///< triples added to the graph (read or extracted)
  std::size_t nodes = 0;
  std::size_t edges = 0;
  std::vector<std::string> failures;  ///< one message per skipped document
};

/// The facade the command line calls: inputs -> (NLP -> extraction) -> graph -> writers.
class Exporter {
 public:
  explicit Exporter(ExportOptions options);
  ~Exporter();
  Exporter(const Exporter&) = delete;
  Exporter& operator=(const Exporter&) = delete;

  /// Reads every input, builds the graph and writes every output. Throws Error on anything
  /// that must stop the run; outputs are then left untouched.
  RunSummary run();
  const graph::KnowledgeGraph& graph() const { return graph_; }

 private:
  void read_input(const std::filesystem::path& path, InputFormat format, RunSummary& summary);
  void add_triples(const std::vector<Triple>& triples, RunSummary& summary);
  void read_text_document(const std::filesystem::path& path, RunSummary& summary);
  void read_news_corpus(const std::filesystem::path& path, RunSummary& summary);
  /// NLP, then extraction into the graph (or CoNLL-U to standard output with --dump conllu).
  void process_document(Document doc, RunSummary& summary);
  /// A document that cannot be read is reported and skipped, or stops the run with --strict.
  void skip_or_stop(const std::string& message, RunSummary& summary);
  struct TextSupport;
  TextSupport& text_support();
  void write_outputs();
  void write_one(OutputFormat format, std::ostream& out) const;

  ExportOptions options_;
  graph::KnowledgeGraph graph_;
  std::unique_ptr<TextSupport> text_;  ///< NLP pipeline and extractor, loaded on first text input
};

/// The inputs named on the command line, expanded: directories become their *.txt files
/// (recursively, sorted), each paired with its format (explicit or from its extension/content).
std::vector<std::pair<std::filesystem::path, InputFormat>> expand_inputs(const std::vector<std::filesystem::path>& inputs,
                                                                         InputFormat requested);

}  // namespace text2kg::app
