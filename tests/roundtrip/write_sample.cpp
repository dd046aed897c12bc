// Writes the hand-made sample graph in every format this test suite checks with third-party
// readers: write_sample OUT_DIR -> OUT_DIR/sample.graphml, sample.apoc.graphml, sample.gexf.
#include <filesystem>
#include <iostream>

#include "sample_graph.hpp"
#include "text2kg/base/atomic_file.hpp"
#include "text2kg/io/gexf_writer.hpp"
#include "text2kg/io/graphml_writer.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: write_sample OUT_DIR\n";
    return 2;
  }
  try {
    const std::filesystem::path dir = argv[1];
    std::filesystem::create_directories(dir);
    const auto g = text2kg::testing::sample_graph();
    const auto write = [&](const char* name, auto&& writer) {
      text2kg::AtomicFile file(dir / name);
      writer(file.stream());
      file.commit();
    };
    write("sample.graphml", [&](std::ostream& out) { text2kg::io::write_graphml(g, out); });
    write("sample.apoc.graphml", [&](std::ostream& out) { text2kg::io::write_graphml(g, out, {.apoc_exact = true}); });
    write("sample.gexf", [&](std::ostream& out) { text2kg::io::write_gexf(g, out); });
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "write_sample: error: " << e.what() << '\n';
    return 1;
  }
}
