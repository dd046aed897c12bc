#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "text2kg/extract/predicate.hpp"
#include "text2kg/extract/triple.hpp"

namespace text2kg::extract {

/// What a clause says about all of its triples.
struct ClauseContext {
  bool negated = false;
  std::string modality;                        ///< modal auxiliary lemma or control verb form
  std::optional<std::uint32_t> attributed_to;  ///< token of the speaker
  std::string time;
  std::string time_normalized;
  std::string place;
};

/// A triple still in token form, as a rule found it; the extractor resolves its
/// arguments and scores it.
struct Fact {
  std::uint32_t subject = 0;                 ///< head token of the subject
  std::uint32_t object = 0;                  ///< head token of the object (or clause head)
  bool object_is_clause = false;             ///< the object is reported content
  bool object_is_attribute = false;          ///< the object is an adjective phrase (a concept)
  std::optional<std::uint32_t> clause_skip;  ///< a child left out of that clause
  std::string object_country;                ///< set when the object is a country named by a demonym
  PredicateWords predicate;
  std::string rule;
  std::uint32_t anchor = 0;                  ///< the predicate's head token
  ClauseContext context;
  int coordination_depth = 0;
  bool inherited_subject = false;
};

using Facts = std::vector<Fact>;

}  // namespace text2kg::extract
