#include "text2kg/nlp/embedding_clusters.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <numeric>
#include <string_view>
#include <unordered_map>

#include "text2kg/base/error.hpp"

namespace text2kg::nlp {

namespace {

std::string read_whole(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError::in_file(path.string(), "cannot open word vectors");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void normalise(std::span<float> row) {
  double norm = 0;
  for (const float v : row) norm += static_cast<double>(v) * v;
  if (norm == 0) return;
  const auto scale = static_cast<float>(1.0 / std::sqrt(norm));
  for (float& v : row) v *= scale;
}

/// The cosine of a unit row with every centroid at once: `transposed` holds the centroids
/// dimension by dimension, so the inner loop runs over centroids and vectorises without
/// reordering any sum.
[[gnu::target_clones("avx2", "default")]] void cosines(const float* row, std::size_t dimensions,
                                                        const float* transposed, std::size_t clusters,
                                                        float* scores) {
  std::fill(scores, scores + clusters, 0.0F);
  for (std::size_t d = 0; d < dimensions; ++d) {
    const float x = row[d];
    const float* column = transposed + d * clusters;
    for (std::size_t c = 0; c < clusters; ++c) scores[c] += x * column[c];
  }
}

struct Assignment {
  std::vector<std::uint32_t> cluster;
  std::vector<float> similarity;  ///< each word's cosine with its centroid
};

void assign(const WordVectors& v, const std::vector<float>& transposed, std::uint32_t clusters, Assignment& a,
            std::vector<float>& scores) {
  for (std::size_t w = 0; w < v.words.size(); ++w) {
    cosines(v.row(w).data(), v.dimensions, transposed.data(), clusters, scores.data());
    const auto best = static_cast<std::uint32_t>(std::max_element(scores.begin(), scores.end()) - scores.begin());
    a.cluster[w] = best;
    a.similarity[w] = scores[best];
  }
}

/// Centroids as the normalised sums of their words; an empty cluster restarts at the word
/// that fits its own cluster worst (each such word used once).
std::vector<float> centroids(const WordVectors& v, const Assignment& a, std::uint32_t clusters) {
  const std::size_t dims = v.dimensions;
  std::vector<double> sums(static_cast<std::size_t>(clusters) * dims, 0.0);
  std::vector<std::uint32_t> sizes(clusters, 0);
  for (std::size_t w = 0; w < v.words.size(); ++w) {
    const std::span<const float> row = v.row(w);
    double* sum = sums.data() + static_cast<std::size_t>(a.cluster[w]) * dims;
    for (std::size_t d = 0; d < dims; ++d) sum[d] += row[d];
    ++sizes[a.cluster[w]];
  }
  std::vector<std::size_t> worst(v.words.size());
  std::iota(worst.begin(), worst.end(), std::size_t{0});
  std::stable_sort(worst.begin(), worst.end(),
                   [&](std::size_t x, std::size_t y) { return a.similarity[x] < a.similarity[y]; });
  std::size_t next_worst = 0;
  std::vector<float> transposed(static_cast<std::size_t>(clusters) * dims);
  std::vector<float> centre(dims);
  for (std::uint32_t c = 0; c < clusters; ++c) {
    if (sizes[c] == 0 && next_worst < worst.size()) {
      const std::span<const float> row = v.row(worst[next_worst++]);
      std::copy(row.begin(), row.end(), centre.begin());
    } else {
      for (std::size_t d = 0; d < dims; ++d) centre[d] = static_cast<float>(sums[c * dims + d]);
      normalise(centre);
    }
    for (std::size_t d = 0; d < dims; ++d) transposed[d * clusters + c] = centre[d];
  }
  return transposed;
}

}  // namespace

WordVectors read_wink_embeddings(const std::filesystem::path& path, std::size_t max_words) {
  std::string text = read_whole(path);
  rapidjson::Document json;
  json.ParseInsitu(text.data());
  if (json.HasParseError()) {
    throw InputError::at_byte(path.string(), json.GetErrorOffset(), rapidjson::GetParseError_En(json.GetParseError()));
  }
  const auto member = [&](const char* name) -> const rapidjson::Value& {
    const auto it = json.IsObject() ? json.FindMember(name) : json.MemberEnd();
    if (it == json.MemberEnd()) throw InputError::in_file(path.string(), std::string("no \"") + name + "\" member");
    return it->value;
  };
  const rapidjson::Value& dims = member("dimensions");
  const rapidjson::Value& words = member("words");
  const rapidjson::Value& vectors = member("vectors");
  if (!dims.IsUint() || dims.GetUint() == 0 || !words.IsArray() || !vectors.IsObject()) {
    throw InputError::in_file(path.string(), "not a wink-nlp embeddings file");
  }
  WordVectors out;
  out.dimensions = dims.GetUint();
  std::unordered_map<std::string_view, std::size_t> index;
  for (const auto& word : words.GetArray()) {
    if (out.words.size() == max_words) break;
    if (!word.IsString()) throw InputError::in_file(path.string(), "a word that is not a string");
    const std::string_view w(word.GetString(), word.GetStringLength());
    if (index.emplace(w, out.words.size()).second) out.words.emplace_back(w);
  }
  out.values.assign(out.words.size() * out.dimensions, 0.0F);
  std::size_t found = 0;
  for (const auto& entry : vectors.GetObject()) {
    const auto it = index.find(std::string_view(entry.name.GetString(), entry.name.GetStringLength()));
    if (it == index.end()) continue;
    if (!entry.value.IsArray() || entry.value.Size() < out.dimensions) {
      throw InputError::in_file(path.string(), "the vector of \"" + out.words[it->second] + "\" is too short");
    }
    float* row = out.values.data() + it->second * out.dimensions;
    for (std::size_t d = 0; d < out.dimensions; ++d) {
      if (!entry.value[static_cast<rapidjson::SizeType>(d)].IsNumber()) {
        throw InputError::in_file(path.string(), "a vector value of \"" + out.words[it->second] + "\" is not a number");
      }
      row[d] = entry.value[static_cast<rapidjson::SizeType>(d)].GetFloat();
    }
    normalise({row, out.dimensions});
    ++found;
  }
  if (found != out.words.size()) throw InputError::in_file(path.string(), "some words have no vector");
  return out;
}

std::vector<std::uint32_t> spherical_kmeans(const WordVectors& v, std::uint32_t clusters, std::uint32_t iterations,
                                            std::ostream& log) {
  const std::size_t n = v.words.size(), dims = v.dimensions;
  if (clusters == 0 || clusters > n) throw Error("spherical_kmeans: need between 1 and as many clusters as words");
  std::vector<float> transposed(static_cast<std::size_t>(clusters) * dims);
  for (std::uint32_t c = 0; c < clusters; ++c) {
    const std::span<const float> row = v.row((2 * static_cast<std::size_t>(c) + 1) * n / (2 * clusters));
    for (std::size_t d = 0; d < dims; ++d) transposed[d * clusters + c] = row[d];
  }
  Assignment a{std::vector<std::uint32_t>(n, clusters), std::vector<float>(n, 0.0F)};
  std::vector<float> scores(clusters);
  for (std::uint32_t round = 0; round < iterations; ++round) {
    const std::vector<std::uint32_t> before = a.cluster;
    assign(v, transposed, clusters, a, scores);
    std::size_t moved = 0;
    for (std::size_t w = 0; w < n; ++w) moved += before[w] != a.cluster[w] ? 1 : 0;
    const double mean = std::accumulate(a.similarity.begin(), a.similarity.end(), 0.0) / static_cast<double>(n);
    log << "k-means " << clusters << ": round " << round + 1 << ", " << moved << " words moved, mean cosine " << mean
        << '\n';
    if (moved == 0) break;
    transposed = centroids(v, a, clusters);
  }
  return a.cluster;
}

void learn_embedding_clusters(const WordVectors& vectors, std::span<const std::uint32_t> sizes,
                              std::uint32_t iterations, std::ostream& out, std::ostream& log) {
  std::vector<std::vector<std::uint32_t>> levels;
  for (const std::uint32_t size : sizes) {
    if (size < 2 || size > 65535) throw Error("learn_embedding_clusters: cluster count must be 2..65535");
    levels.push_back(spherical_kmeans(vectors, size, iterations, log));
  }
  std::vector<std::size_t> order(vectors.words.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return vectors.words[x] < vectors.words[y]; });
  out << "# text2kg-resource word clusters v1: lower-cased word, then its spherical k-means cluster of GloVe 6B vectors at";
  for (const std::uint32_t size : sizes) out << ' ' << size;
  out << " classes\n";
  for (const std::size_t w : order) {
    // A word with a tab or line break in it could not be read back; GloVe has none, but a
    // file that did would otherwise write a broken table.
    if (vectors.words[w].find_first_of("\t\n\r") != std::string::npos) continue;
    out << vectors.words[w];
    for (const auto& level : levels) out << '\t' << level[w] + 1;
    out << '\n';
  }
}

}  // namespace text2kg::nlp
