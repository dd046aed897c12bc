#pragma once

#include <cstdint>
#include <filesystem>
#include <istream>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "text2kg/base/huge_page_allocator.hpp"
#include "text2kg/text/entity_type.hpp"

namespace text2kg::nlp {

/// A list of multi-word names, each with the entity types it may have, matched against
/// lower-cased words. Names are kept only as hashes of their words, so the list is small
/// and a lookup costs one hash probe per candidate length.
/// Thread safety: immutable after loading; match() may run concurrently.
class Gazetteer {
 public:
  /// Where a word sits in the longest gazetteer name that covers it.
  struct Hit {
    std::uint8_t types = 0;  ///< bit (1 << ner type index) per type of the matched name, plus
                             ///< kCommonWord for an ordinary word; 0 = no match
    std::uint8_t part = 0;   ///< 0 none, 1 begin, 2 inside, 3 last, 4 unit (one-word name)
  };

  static constexpr std::size_t kMaxWords = 6;
  /// The bit for an ordinary dictionary word (type "Common" in the TSV).
  static constexpr std::uint8_t kCommonWord = 1U << 6;

  /// Adds a name given as lower-cased words.
  void add(std::span<const std::string_view> lower_words, EntityType type);
  /// Adds an ordinary dictionary word or phrase (Hit::types gets kCommonWord).
  void add_common(std::span<const std::string_view> lower_words);
  /// Reads the TSV written by scripts/train/gazetteer.sh: `TYPE<TAB>words separated by spaces`
  /// (TYPE an entity type name or "Common"), '#' lines are comments. Throws InputError with
  /// file and line on a malformed line.
  static Gazetteer load_tsv(const std::filesystem::path& path);

  /// Fills hits (size of lower_words) with the longest match at each start, left to right.
  void match(std::span<const std::string_view> lower_words, std::span<Hit> hits) const;

  std::size_t size() const { return names_; }

  void save(std::ostream& out) const;
  /// Throws text2kg::Error on a truncated file.
  static Gazetteer load(std::istream& in);

 private:
  void add_bits(std::span<const std::string_view> lower_words, std::uint8_t bits);
  static std::uint64_t start_hash();
  static std::uint64_t extend(std::uint64_t hash, std::string_view word);

  /// Marks a hash as the first words of a longer name, so match() stops extending a
  /// candidate as soon as no name starts with it.
  static constexpr std::uint8_t kPrefix = 1U << 7;
  /// The entry of `hash` (open addressing, linear probing), or of the empty slot it would take.
  std::size_t slot_of(std::uint64_t hash) const;
  void insert(std::uint64_t hash, std::uint8_t bits);

  // A flat open-addressing table (at most half full): one probe is usually one cache miss,
  // where std::unordered_map took several (and separate key and bit arrays took two). Key 0
  // marks an empty slot (a real hash of 0 is stored as 1: a false match has odds of 2^-63).
  struct Slot {
    std::uint64_t key = 0;
    std::uint8_t bits = 0;  ///< type bits, kCommonWord, kPrefix
  };
  std::vector<Slot, HugePageAllocator<Slot>> slots_;  ///< read at random, like the NER weights
  std::size_t entries_ = 0;          ///< used slots
  std::size_t names_ = 0;            ///< entries that are names (not only prefixes)
  std::uint32_t longest_ = 0;
};

}  // namespace text2kg::nlp
