#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <istream>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace text2kg::nlp {

/// Word classes learnt from unlabelled text (exchange_clusters), at a few granularities,
/// for lower-cased words: what a word is distributionally like ("Xinhua" next to "Reuters"),
/// which tells the recogniser about names it never saw annotated.
/// Thread safety: immutable after loading; find() may run concurrently.
class WordClusters {
 public:
  static constexpr std::size_t kLevels = 3;
  using Ids = std::array<std::uint16_t, kLevels>;  ///< cluster per level, numbered from 1

  /// The key of a lower-cased word (a hash, so the model file holds no word list).
  static std::uint64_t key(std::string_view lower);
  void add(std::string_view lower, const Ids& ids) { ids_[key(lower)] = ids; }
  /// The word's clusters, or nullptr for a word the text did not have often enough.
  const Ids* find(std::uint64_t word_key) const {
    const auto it = ids_.find(word_key);
    return it == ids_.end() ? nullptr : &it->second;
  }
  std::size_t size() const { return ids_.size(); }
  bool empty() const { return ids_.empty(); }

  /// Reads `word<TAB>id<TAB>id<TAB>id` lines ('#' lines are comments), as written by
  /// write_tsv. Throws InputError naming file and line on a malformed line.
  static WordClusters load_tsv(const std::filesystem::path& path);
  void save(std::ostream& out) const;
  /// Throws text2kg::Error on a truncated file.
  static WordClusters load(std::istream& in);

 private:
  std::unordered_map<std::uint64_t, Ids> ids_;
};

/// Exchange clustering (Kneser and Ney 1993; Martin, Liermann and Ney 1998): words (ids
/// 1..vocabulary-1; 0 is the sentence boundary, kept in a class of its own) are moved one at a
/// time to the class that most raises the class-bigram likelihood of `sentences`, for
/// `iterations` passes in a fixed order; deterministic. Returns each word's class in
/// 1..classes-1 (the boundary's is 0). Words are first spread over the classes by frequency
/// rank (`counts` gives each word's frequency).
std::vector<std::uint32_t> exchange_clusters(std::span<const std::vector<std::uint32_t>> sentences,
                                             std::span<const std::uint64_t> counts, std::uint32_t classes,
                                             std::uint32_t iterations);

/// The whole job of the cluster tool: reads one sentence per line of space-separated words,
/// lower-cases them, keeps words seen at least `min_count` times, clusters them at each of
/// `sizes` (kLevels of them) and writes `word<TAB>id...` lines sorted by word to `out`.
void learn_clusters(std::span<const std::filesystem::path> texts, std::span<const std::uint32_t> sizes,
                    std::uint32_t min_count, std::uint32_t iterations, std::ostream& out, std::ostream& log);

}  // namespace text2kg::nlp
