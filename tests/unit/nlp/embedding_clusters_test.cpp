#include "text2kg/nlp/embedding_clusters.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "text2kg/base/error.hpp"
#include "text2kg/nlp/ner_clusters.hpp"

namespace text2kg::nlp {
namespace {

namespace fs = std::filesystem;

fs::path write_temp(const std::string& name, const std::string& content) {
  const fs::path path =
      fs::temp_directory_path() / ("text2kg_embedding_test_" + std::to_string(::getpid()) + "_" + name);
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

/// A wink-nlp file: two dimensions; "paris" and "rome" point one way, "red" and "blue"
/// another, "lyon" between the first two.
const char* const kWink =
    R"({"precision":8,"l2NormIndex":2,"wordIndex":3,"size":5,"dimensions":2,)"
    R"("words":["paris","red","rome","blue","lyon"],)"
    R"("vectors":{"paris":[1,0.1,1,0],"red":[0,2,2,1],"rome":[0.9,0,1,2],"blue":[0.1,3,3,3],"lyon":[2,0.5,2,4]},)"
    R"("unkVector":[0,0,0,-1]})";

/// The five words of kWink, read through a file as the tool reads them.
WordVectors sample_vectors() {
  const fs::path path = write_temp("sample.json", kWink);
  WordVectors v = read_wink_embeddings(path, 100);
  fs::remove(path);
  return v;
}

TEST(EmbeddingClusters, ReadsTheFirstWordsInFrequencyOrderAsUnitVectors) {
  const fs::path path = write_temp("wink.json", kWink);
  const WordVectors all = read_wink_embeddings(path, 100);
  ASSERT_EQ(all.words.size(), 5U);
  EXPECT_EQ(all.words[0], "paris");
  EXPECT_EQ(all.words[4], "lyon");
  EXPECT_EQ(all.dimensions, 2U);
  for (std::size_t w = 0; w < all.words.size(); ++w) {
    const auto row = all.row(w);
    EXPECT_NEAR(row[0] * row[0] + row[1] * row[1], 1.0, 1e-6) << all.words[w];
  }
  const WordVectors first = read_wink_embeddings(path, 2);
  EXPECT_EQ(first.words, (std::vector<std::string>{"paris", "red"}));
  fs::remove(path);
}

TEST(EmbeddingClusters, RejectsFilesThatAreNotEmbeddingsNamingTheFile) {
  const fs::path broken = write_temp("broken.json", R"({"dimensions":2,"words":["a"],)");
  EXPECT_THROW(read_wink_embeddings(broken, 10), InputError);
  try {
    read_wink_embeddings(broken, 10);
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(broken.string()), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("byte"), std::string::npos);
  }
  const fs::path missing = write_temp("missing.json", R"({"dimensions":2,"words":["a","b"],"vectors":{"a":[1,0,1,0]}})");
  EXPECT_THROW(read_wink_embeddings(missing, 10), InputError);
  const fs::path short_vector = write_temp("short.json", R"({"dimensions":2,"words":["a"],"vectors":{"a":[1]}})");
  EXPECT_THROW(read_wink_embeddings(short_vector, 10), InputError);
  EXPECT_THROW(read_wink_embeddings(fs::temp_directory_path() / "text2kg-no-such-file.json", 10), InputError);
  fs::remove(broken);
  fs::remove(missing);
  fs::remove(short_vector);
}

TEST(EmbeddingClusters, KMeansGroupsWordsThatPointTheSameWayAndIsDeterministic) {
  const WordVectors v = sample_vectors();
  std::ostringstream log;
  const auto clusters = spherical_kmeans(v, 2, 10, log);
  ASSERT_EQ(clusters.size(), 5U);
  EXPECT_EQ(clusters[0], clusters[2]);  // paris, rome
  EXPECT_EQ(clusters[0], clusters[4]);  // and lyon
  EXPECT_EQ(clusters[1], clusters[3]);  // red, blue
  EXPECT_NE(clusters[0], clusters[1]);
  EXPECT_EQ(spherical_kmeans(v, 2, 10, log), clusters);
  EXPECT_THROW(spherical_kmeans(v, 6, 10, log), Error);
}

TEST(EmbeddingClusters, EveryClusterIsUsedWhenThereAreAsManyAsWords) {
  const WordVectors v = sample_vectors();
  std::ostringstream log;
  const auto clusters = spherical_kmeans(v, 5, 10, log);
  std::vector<std::uint32_t> sorted = clusters;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, (std::vector<std::uint32_t>{0, 1, 2, 3, 4}));
}

TEST(EmbeddingClusters, WritesATableTheRecogniserReads) {
  const WordVectors v = sample_vectors();
  std::ostringstream table, log;
  const std::uint32_t sizes[] = {2, 3, 5};
  learn_embedding_clusters(v, sizes, 10, table, log);
  const fs::path tsv = write_temp("clusters.tsv", table.str());
  const WordClusters loaded = WordClusters::load_tsv(tsv);
  EXPECT_EQ(loaded.size(), 5U);
  const WordClusters::Ids* paris = loaded.find(WordClusters::key("paris"));
  const WordClusters::Ids* rome = loaded.find(WordClusters::key("rome"));
  const WordClusters::Ids* red = loaded.find(WordClusters::key("red"));
  ASSERT_TRUE(paris != nullptr && rome != nullptr && red != nullptr);
  EXPECT_EQ((*paris)[0], (*rome)[0]);
  EXPECT_NE((*paris)[0], (*red)[0]);
  EXPECT_NE((*paris)[2], (*rome)[2]);  // five clusters for five words: each its own
  EXPECT_EQ(table.str().substr(0, 2), "# ");
  fs::remove(tsv);
}

}  // namespace
}  // namespace text2kg::nlp
