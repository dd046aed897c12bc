#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace text2kg::app {

enum class OutputFormat { GraphML, JsonLd, Gexf, Neo4j };

struct OutputSpec {
  std::filesystem::path path;  ///< "-" writes to standard output (not for neo4j)
  OutputFormat format = OutputFormat::GraphML;
};

enum class InputFormat { Auto, Text, NewsJsonl, TriplesTsv, TriplesJsonl, GraphML, JsonLd };

/// Everything the command line can ask for; the exporter needs nothing else.
struct ExportOptions {
  std::vector<std::filesystem::path> inputs;  ///< files, directories (recursively *.txt) or "-"
  InputFormat input_format = InputFormat::Auto;
  std::vector<OutputSpec> outputs;
  std::vector<std::filesystem::path> out_dirs;      ///< --out-dir folders, created if missing
  std::optional<std::filesystem::path> merge_into;  ///< read first, written back with the result
  std::string base_iri = "https://w3id.org/text2kg/id/";
  bool apoc_exact = false;
  double min_confidence = 0.0;
  bool strict = false;               ///< a failing document stops the run instead of being skipped
  std::filesystem::path model_dir;   ///< empty: the built-in default
  std::string document_date;         ///< YYYY-MM-DD for text inputs without their own date
  bool dump_conllu = false;          ///< write the NLP layers as CoNLL-U instead of a graph
  bool quiet = false;
};

struct CommandLine {
  bool help = false;
  bool version = false;
  ExportOptions options;
};

/// Parses argv; throws UsageError with a message fit for the user.
CommandLine parse_command_line(const std::vector<std::string>& args);

/// The format an output path asks for by its extension: .graphml .xml -> GraphML,
/// .jsonld .json -> JSON-LD, .gexf -> GEXF, a directory or a path ending in '/' or named
/// "neo4j" -> Neo4j. nullopt when it cannot tell.
std::optional<OutputFormat> format_from_path(const std::filesystem::path& path);
std::optional<OutputFormat> parse_output_format(std::string_view name);
std::optional<InputFormat> parse_input_format(std::string_view name);

void print_usage(std::ostream& out);

}  // namespace text2kg::app
