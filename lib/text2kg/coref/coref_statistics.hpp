#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>

#include "text2kg/coref/mention_features.hpp"
#include "text2kg/text/entity_type.hpp"

namespace text2kg::coref {

/// What GUM train's coreference chains say about a head noun ("leader") or a first name
/// ("george"): how often the chains holding it are referred to by he / she / it / they,
/// and how often its mentions are a person, place, organization or something else.
/// Loaded from models/coref.tsv (scripts/make_coref_table.py; models/README.md).
class CorefStatistics {
 public:
  enum Column : std::size_t { kMasc, kFem, kNeut, kPlur, kPerson, kPlace, kOrganization, kOther, kColumns };
  using Counts = std::array<std::uint32_t, kColumns>;

  CorefStatistics() = default;
  /// Throws text2kg::InputError naming the file and line on a malformed row.
  static CorefStatistics load(const std::filesystem::path& file);
  /// Parses the table's text; `name` is used in error messages.
  static CorefStatistics parse(std::string_view content, const std::string& name);

  void add(std::string_view kind, std::string_view word, const Counts& counts);
  /// Counts for a lower-case head-noun lemma or first name; nullptr when unseen.
  const Counts* noun(std::string_view lemma) const;
  const Counts* name(std::string_view first_name) const;

  /// Gender bits the evidence supports (kUnknown unless one gender has >= 75% of >= 3 votes).
  static std::uint8_t gender_of(const Counts& counts);
  /// Animate when person mentions dominate, inanimate when the others do (>= 75% of >= 3).
  static std::uint8_t animacy_of(const Counts& counts);
  /// Person / Place / Organization when one of them has >= 60% of the mentions, else None.
  static EntityType type_of(const Counts& counts);
  std::size_t size() const { return nouns_.size() + names_.size(); }

 private:
  std::unordered_map<std::string, Counts> nouns_, names_;
};

}  // namespace text2kg::coref
