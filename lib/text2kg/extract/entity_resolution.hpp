#pragma once

#include <vector>

#include "text2kg/extract/entity.hpp"
#include "text2kg/text/document.hpp"

namespace text2kg::extract {

/// The entities a document names, one per real entity: each coreference chain with a name
/// (its representative's name and type, every name of the chain as an alias, its mention
/// count), and each recognised name outside any chain. Keys are make_entity_key(type, name),
/// the same keys ResolvedArguments gives the arguments of triples, so nodes and triples
/// meet; across documents (and runs merged with --merge-into) entities join by that key:
/// normalized name and type, so "Washington" the city and the person stay two nodes.
/// Chains without a name (descriptions and pronouns only) give no entity. Sorted by key,
/// one per key.
std::vector<Entity> document_entities(const Document& doc);

}  // namespace text2kg::extract
