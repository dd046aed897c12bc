// Builds a graph from triple files (and/or JSON-LD written earlier) and writes the files the
// Python round-trip tests read. Stands in for the CLI until it exists.
//   ld_export [--base-iri IRI] [--jsonld-in FILE]... [--neo4j DIR] OUT.jsonld TRIPLES...
#include <iostream>
#include <string>
#include <vector>

#include "text2kg/base/atomic_file.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/base/text_file.hpp"
#include "text2kg/io/jsonld_reader.hpp"
#include "text2kg/io/jsonld_writer.hpp"
#include "text2kg/io/neo4j_writer.hpp"
#include "text2kg/io/triples_reader.hpp"

int main(int argc, char** argv) {
  try {
    text2kg::io::JsonldOptions options;
    std::vector<std::string> jsonld_inputs, positional;
    std::string neo4j_dir;
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      if ((arg == "--base-iri" || arg == "--jsonld-in" || arg == "--neo4j") && i + 1 < argc) {
        const std::string value = argv[++i];
        if (arg == "--base-iri") options.base_iri = value;
        if (arg == "--jsonld-in") jsonld_inputs.push_back(value);
        if (arg == "--neo4j") neo4j_dir = value;
      } else {
        positional.push_back(arg);
      }
    }
    if (positional.empty()) throw text2kg::UsageError("usage: ld_export [--base-iri IRI] [--jsonld-in F]... [--neo4j DIR] OUT.jsonld TRIPLES...");
    text2kg::graph::KnowledgeGraph g;
    for (const std::string& input : jsonld_inputs) {
      text2kg::io::read_jsonld_into(g, text2kg::read_text_file(input), input);
    }
    for (std::size_t i = 1; i < positional.size(); ++i) {
      for (const text2kg::Triple& t : text2kg::io::read_triples_file(positional[i])) g.add_triple(t);
    }
    g.prepare();
    text2kg::AtomicFile out(positional[0]);
    text2kg::io::write_jsonld(g, out.stream(), options);
    out.commit();
    if (!neo4j_dir.empty()) text2kg::io::write_neo4j(g, neo4j_dir);
    return 0;
  } catch (const text2kg::UsageError& e) {
    std::cerr << e.what() << '\n';
    return 2;
  } catch (const text2kg::Error& e) {
    std::cerr << "ld_export: error: " << e.what() << '\n';
    return 1;
  }
}
