// Times the JSON-LD and Neo4j writers on a synthetic graph (default 1M nodes, 3M edges, one
// supporting sentence each) and reports seconds, output size and peak RSS growth.
//   bench_ld [NODES] [EDGES] [OUT_DIR]   (OUT_DIR default: /tmp; files are removed afterwards)
#include <sys/resource.h>

#include <chrono>
#include <ctime>
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

/// "VmHWM" (peak) or "VmRSS" (current) of this process in kB.
long status_kb(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  }
  return -1;
}

/// Starts a new peak: writing 5 to clear_refs resets VmHWM to the current RSS (Linux).
long reset_peak_kb() {
  std::ofstream("/proc/self/clear_refs") << "5";
  return status_kb("VmRSS");
}

/// CPU seconds of this process: less disturbed than wall time on a shared machine.
double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

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

  long before = reset_peak_kb();
  double cpu = cpu_seconds();
  start = Clock::now();
  {
    text2kg::AtomicFile out(dir / "bench.jsonld");
    text2kg::io::write_jsonld(g, out.stream());
    out.commit();
  }
  const double jsonld_s = seconds_since(start);
  const auto jsonld_bytes = fs::file_size(dir / "bench.jsonld");
  cpu = cpu_seconds() - cpu;
  std::printf("jsonld: %.2f s (%.2f s CPU), %.1f MB, %.0f MB/s, peak RSS growth %ld MB\n", jsonld_s, cpu, jsonld_bytes / 1e6,
              jsonld_bytes / 1e6 / jsonld_s, (status_kb("VmHWM") - before) / 1024);

  const auto timed = [&](const char* name, void (*write)(const text2kg::graph::KnowledgeGraph&, std::ostream&)) {
    const long rss = reset_peak_kb();
    const double cpu_start = cpu_seconds();
    const auto begin = Clock::now();
    text2kg::AtomicFile out(dir / name);
    write(g, out.stream());
    out.commit();
    const double s = seconds_since(begin);
    const double cpu_used = cpu_seconds() - cpu_start;
    const auto bytes = fs::file_size(dir / name);
    std::printf("%s: %.2f s (%.2f s CPU), %.1f MB, %.0f MB/s, peak RSS growth %ld MB\n", name, s, cpu_used, bytes / 1e6,
                bytes / 1e6 / s,
                (status_kb("VmHWM") - rss) / 1024);
  };
  timed("nodes.csv", text2kg::io::write_neo4j_nodes_csv);
  timed("relationships.csv", text2kg::io::write_neo4j_relationships_csv);
  timed("import.cypher", text2kg::io::write_neo4j_cypher);
  fs::remove_all(dir);
  return 0;
}
