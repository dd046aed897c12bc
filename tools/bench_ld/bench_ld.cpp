// Times the JSON-LD and Neo4j writers on a synthetic graph (default 1M nodes, 3M edges, one
// supporting sentence each) and reports seconds, output size and peak RSS growth.
//   bench_ld [NODES] [EDGES] [OUT_DIR]   (OUT_DIR default: /tmp; files are removed afterwards)
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>

#include "text2kg/base/atomic_file.hpp"
#include "text2kg/graph/knowledge_graph.hpp"
#include "text2kg/io/jsonld_writer.hpp"
#include "text2kg/io/neo4j_writer.hpp"

namespace {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

long peak_rss_kb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

text2kg::graph::KnowledgeGraph synthetic(std::size_t nodes, std::size_t edges) {
  text2kg::graph::KnowledgeGraph g;
  std::mt19937_64 random(42);
  const char* lemmas[] = {"flee_to", "leave", "grant", "meet", "say", "visit", "accuse", "support"};
  text2kg::Triple t;
  for (std::size_t i = 0; i < edges; ++i) {
    const std::size_t s = random() % nodes;
    const std::size_t o = random() % nodes;
    t.subject.key = "person/entity_" + std::to_string(s);
    t.subject.name = "Entity " + std::to_string(s);
    t.subject.type = text2kg::EntityType::Person;
    t.object.key = "place/entity_" + std::to_string(o);
    t.object.name = "Entity " + std::to_string(o);
    t.object.type = text2kg::EntityType::Place;
    t.predicate_lemma = lemmas[i % 8];
    t.predicate = t.predicate_lemma;
    t.provenance.doc_id = "doc-" + std::to_string(i / 50);
    t.provenance.sentence = static_cast<std::uint32_t>(i % 50);
    t.provenance.sentence_text = t.subject.name + " did " + t.predicate + " " + t.object.name + " on a \"day\".";
    t.provenance.rule = "clause.svo";
    t.provenance.confidence = 0.5 + static_cast<double>(i % 50) / 100.0;
    g.add_triple(t);
  }
  return g;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t nodes = argc > 1 ? std::stoul(argv[1]) : 500000;
  const std::size_t edges = argc > 2 ? std::stoul(argv[2]) : 3000000;
  const fs::path dir = argc > 3 ? fs::path(argv[3]) : fs::temp_directory_path() / "text2kg_bench_ld";
  fs::create_directories(dir);

  auto start = Clock::now();
  // Subjects and objects are drawn from two key spaces (person/, place/): 2 x NODES keys.
  auto g = synthetic(nodes, edges);
  g.prepare();
  std::printf("graph: %zu nodes, %zu edges, built+prepared in %.2f s, peak RSS %ld MB\n", g.node_count(),
              g.edge_count(), seconds_since(start), peak_rss_kb() / 1024);

  long before = peak_rss_kb();
  start = Clock::now();
  {
    text2kg::AtomicFile out(dir / "bench.jsonld");
    text2kg::io::write_jsonld(g, out.stream());
    out.commit();
  }
  const double jsonld_s = seconds_since(start);
  const auto jsonld_bytes = fs::file_size(dir / "bench.jsonld");
  std::printf("jsonld: %.2f s, %.1f MB, %.0f MB/s, peak RSS growth %ld MB\n", jsonld_s, jsonld_bytes / 1e6,
              jsonld_bytes / 1e6 / jsonld_s, (peak_rss_kb() - before) / 1024);

  before = peak_rss_kb();
  start = Clock::now();
  text2kg::io::write_neo4j(g, dir / "neo4j");
  const double neo4j_s = seconds_since(start);
  const auto csv_bytes = fs::file_size(dir / "neo4j" / "nodes.csv") + fs::file_size(dir / "neo4j" / "relationships.csv");
  const auto cypher_bytes = fs::file_size(dir / "neo4j" / "import.cypher");
  std::printf("neo4j: %.2f s for %.1f MB CSV + %.1f MB Cypher (%.0f MB/s overall), peak RSS growth %ld MB\n", neo4j_s,
              csv_bytes / 1e6, cypher_bytes / 1e6, (csv_bytes + cypher_bytes) / 1e6 / neo4j_s,
              (peak_rss_kb() - before) / 1024);
  fs::remove_all(dir);
  return 0;
}
