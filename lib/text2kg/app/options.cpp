#include "text2kg/app/options.hpp"

#include <charconv>
#include <cmath>

#include "text2kg/base/error.hpp"

namespace text2kg::app {
namespace fs = std::filesystem;

std::optional<OutputFormat> parse_output_format(std::string_view name) {
  if (name == "graphml") return OutputFormat::GraphML;
  if (name == "jsonld" || name == "json-ld") return OutputFormat::JsonLd;
  if (name == "gexf") return OutputFormat::Gexf;
  if (name == "neo4j" || name == "csv") return OutputFormat::Neo4j;
  return std::nullopt;
}

std::optional<InputFormat> parse_input_format(std::string_view name) {
  if (name == "auto") return InputFormat::Auto;
  if (name == "text" || name == "txt") return InputFormat::Text;
  if (name == "news-jsonl" || name == "corpus") return InputFormat::NewsJsonl;
  if (name == "triples-tsv" || name == "tsv") return InputFormat::TriplesTsv;
  if (name == "triples-jsonl") return InputFormat::TriplesJsonl;
  if (name == "graphml") return InputFormat::GraphML;
  if (name == "jsonld" || name == "json-ld") return InputFormat::JsonLd;
  return std::nullopt;
}

std::optional<OutputFormat> format_from_path(const fs::path& path) {
  const std::string ext = path.extension().string();
  if (ext == ".graphml" || ext == ".xml") return OutputFormat::GraphML;
  if (ext == ".jsonld" || ext == ".json") return OutputFormat::JsonLd;
  if (ext == ".gexf") return OutputFormat::Gexf;
  const std::string text = path.string();
  if (!text.empty() && text.back() == '/') return OutputFormat::Neo4j;
  if (path.filename() == "neo4j") return OutputFormat::Neo4j;
  std::error_code ec;
  if (fs::is_directory(path, ec)) return OutputFormat::Neo4j;
  return std::nullopt;
}

namespace {

double parse_confidence(const std::string& text) {
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value) || value < 0 || value > 1) {
    throw UsageError("--min-confidence takes a number from 0 to 1, not '" + text + "'");
  }
  return value;
}

bool looks_like_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9')) return false;
  }
  return true;
}

/// Expands --out-dir DIR into the four standard outputs.
void add_out_dir(ExportOptions& options, const fs::path& dir) {
  options.out_dirs.push_back(dir);
  options.outputs.push_back({dir / "graph.graphml", OutputFormat::GraphML});
  options.outputs.push_back({dir / "graph.jsonld", OutputFormat::JsonLd});
  options.outputs.push_back({dir / "graph.gexf", OutputFormat::Gexf});
  options.outputs.push_back({dir / "neo4j", OutputFormat::Neo4j});
}

}  // namespace

CommandLine parse_command_line(const std::vector<std::string>& args) {
  CommandLine result;
  ExportOptions& options = result.options;
  std::optional<OutputFormat> pending_format;
  bool only_inputs = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    // "--name=value" and "--name value" both work.
    std::string name = arg;
    std::optional<std::string> inline_value;
    if (!only_inputs && arg.rfind("--", 0) == 0) {
      if (const auto eq = arg.find('='); eq != std::string::npos) {
        name = arg.substr(0, eq);
        inline_value = arg.substr(eq + 1);
      }
    }
    const auto value = [&]() -> std::string {
      if (inline_value) return *inline_value;
      if (i + 1 >= args.size()) throw UsageError("option '" + name + "' needs a value");
      return args[++i];
    };
    if (only_inputs || arg == "-" || arg.empty() || arg[0] != '-') {
      options.inputs.emplace_back(arg);
    } else if (arg == "--") {
      only_inputs = true;
    } else if (name == "-h" || name == "--help") {
      result.help = true;
    } else if (name == "--version") {
      result.version = true;
    } else if (name == "-o" || name == "--output") {
      const fs::path path = value();
      const auto format = pending_format ? pending_format : format_from_path(path);
      if (!format) {
        throw UsageError("cannot tell the format of '" + path.string() +
                         "' from its extension; use --format graphml|jsonld|gexf|neo4j before it");
      }
      if (*format == OutputFormat::Neo4j && path == "-") throw UsageError("neo4j output needs a directory");
      options.outputs.push_back({path, *format});
      pending_format.reset();
    } else if (name == "-f" || name == "--format") {
      const std::string text = value();
      pending_format = parse_output_format(text);
      if (!pending_format) throw UsageError("unknown output format '" + text + "' (graphml, jsonld, gexf, neo4j)");
    } else if (name == "--out-dir") {
      add_out_dir(options, value());
    } else if (name == "--input-format") {
      const std::string text = value();
      const auto format = parse_input_format(text);
      if (!format) {
        throw UsageError("unknown input format '" + text +
                         "' (auto, text, news-jsonl, triples-tsv, triples-jsonl, graphml, jsonld)");
      }
      options.input_format = *format;
    } else if (name == "--merge-into") {
      options.merge_into = value();
    } else if (name == "--base-iri") {
      options.base_iri = value();
      if (options.base_iri.find("://") == std::string::npos) {
        throw UsageError("--base-iri must be an absolute IRI such as https://example.org/kg/");
      }
    } else if (name == "--apoc-exact") {
      options.apoc_exact = true;
    } else if (name == "--min-confidence") {
      options.min_confidence = parse_confidence(value());
    } else if (name == "--strict") {
      options.strict = true;
    } else if (name == "--models") {
      options.model_dir = value();
    } else if (name == "--date") {
      options.document_date = value();
      if (!looks_like_date(options.document_date)) throw UsageError("--date takes YYYY-MM-DD");
    } else if (name == "--dump") {
      if (value() != "conllu") throw UsageError("--dump supports only 'conllu'");
      options.dump_conllu = true;
    } else if (name == "-q" || name == "--quiet") {
      options.quiet = true;
    } else {
      throw UsageError("unknown option '" + arg + "'");
    }
  }
  if (result.help || result.version) return result;
  if (pending_format) throw UsageError("--format must be followed by -o FILE");
  if (options.inputs.empty() && !options.merge_into) throw UsageError("no input given");
  if (options.outputs.empty() && !options.merge_into && !options.dump_conllu) {
    throw UsageError("no output given (use -o FILE, --out-dir DIR or --merge-into FILE)");
  }
  return result;
}

void print_usage(std::ostream& out) {
  out << R"(Usage: text2kg [OPTIONS] INPUT... (-o FILE | --out-dir DIR | --merge-into FILE)

Reads English news (or triples you already have) and writes a knowledge graph.

Inputs (format by extension unless --input-format is given):
  FILE.txt             a news text; a directory is searched recursively for *.txt
  FILE.jsonl           JSON Lines: news documents {"id","title","date","url","text"}
                       or triples {"subject","predicate","object",...} (told apart by keys)
  FILE.tsv             triples, tab-separated with a header line (see schemas/README.md)
  FILE.graphml         a graph written by text2kg, merged in
  FILE.jsonld          a graph written by text2kg, merged in
  -                    standard input (give --input-format)

Outputs (format by extension, or --format before -o):
  -o, --output FILE    .graphml (Neo4j APOC, Gephi, networkx, igraph), .jsonld (RDF tools),
                       .gexf (Gephi), DIR/ or neo4j (Neo4j nodes.csv, relationships.csv and
                       import.cypher); repeatable; '-' is standard output
  -f, --format FMT     graphml | jsonld | gexf | neo4j, for the next -o
  --out-dir DIR        DIR/graph.graphml, DIR/graph.jsonld, DIR/graph.gexf and DIR/neo4j/
  --merge-into FILE    read FILE (GraphML or JSON-LD) first and write the merged graph back

Options:
  --input-format FMT   auto | text | news-jsonl | triples-tsv | triples-jsonl | graphml | jsonld
  --base-iri IRI       base of the JSON-LD @ids (default https://w3id.org/text2kg/id/)
  --apoc-exact         GraphML also carries APOC's labels=/label= attributes (not XSD-valid)
  --min-confidence X   drop extracted triples below X (0..1)
  --date YYYY-MM-DD    publication date of text inputs, for resolving "Monday", "yesterday"
  --strict             stop at the first document that fails instead of skipping it
  --models DIR         NLP models (default: the installed ones)
  --dump conllu        write the NLP analysis as CoNLL-U to standard output instead
  -q, --quiet          no progress or summary on standard error
  -h, --help           this help
  --version            the version

Exit status: 0 success, 1 error (bad input, unwritable output), 2 usage error.
Every output is written to a temporary file and renamed: a failed run leaves no partial file.
)";
}

}  // namespace text2kg::app
