#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "text2kg/io/text_buffer.hpp"
#include "text2kg/text/entity_type.hpp"

// Rules shared by the GraphML writer and reader (and the GEXF writer's text handling):
// the key table, how text and numbers are written, and which strings need an exact copy.
// The append_* functions write to a std::string or a TextBuffer (instantiated for those two in
// graphml_format.cpp).
namespace text2kg::io::graphml {

/// One GraphML <key>; the same table is committed as schemas/graphml-keys.json.
struct Key {
  std::string_view id;
  std::string_view domain;  ///< the for= attribute: "graph", "node" or "edge"
  std::string_view name;    ///< attr.name
  std::string_view type;    ///< attr.type
  std::string_view meaning;
};

/// Every key in the order the writer declares them.
std::span<const Key> keys();

/// True when `text` goes through XML element content and back unchanged: valid UTF-8, only
/// characters XML 1.0 allows, and no carriage return (parsers normalise line ends).
bool survives_xml(std::string_view text);

/// `text` as it may appear in XML: unchanged when survives_xml(), else line ends normalised
/// to LF and ill-formed bytes and forbidden characters replaced by U+FFFD; so no control
/// character but TAB and LF remains.
std::string xml_text(std::string_view text);

/// Appends `text` escaped for XML element content exactly as pugixml prints it: & < > as
/// entities, control characters other than TAB, LF and CR as &#NN;. The hot path of the
/// writers; unit tests compare it with pugixml's own output.
template <typename Out>
void append_escaped_text(Out& out, std::string_view text);

/// Appends `text` escaped for a double-quoted XML attribute exactly as pugixml prints it:
/// & < " as entities, every control character (TAB, LF and CR included) as &#NN;.
template <typename Out>
void append_escaped_attribute(Out& out, std::string_view text);

/// Appends `text` as a JSON string literal. Ill-formed UTF-8 becomes U+FFFD; control
/// characters, U+FFFE and U+FFFF are escaped as \uXXXX, so the JSON is XML-safe and exact.
template <typename Out>
void append_json_string(Out& out, std::string_view text);

/// append_json_string() and then append_escaped_text() of the result, in one pass.
template <typename Out>
void append_json_string_xml(Out& out, std::string_view text);

/// When survives_xml(text), appends append_escaped_text(text) in one pass and returns true;
/// otherwise appends nothing and returns false (the caller writes xml_text() instead).
template <typename Out>
bool append_plain_text(Out& out, std::string_view text);

/// Shortest round-trip decimal forms in the C locale (std::to_chars).
template <typename Out>
void append_number(Out& out, std::uint64_t value);
template <typename Out>
void append_number(Out& out, double value);  ///< requires a finite value
template <typename Out>
void append_number(Out& out, float value);   ///< requires a finite value

/// Neo4j relationship type from a predicate lemma: "flee_to" -> "FLEE_TO". ASCII letters
/// upper-cased, runs of other ASCII characters become one '_', other UTF-8 kept; never empty.
std::string relationship_type(std::string_view lemma);

/// "n12", "e7": the XML ids of nodes and edges (built piecewise: g++ 12 -O3 warns falsely
/// with -Wrestrict on `"n" + std::to_string(i)`).
std::string element_id(char prefix, std::uint64_t index);

/// Neo4j labels: ":Person:Entity", or ":Entity" for an untyped node.
std::string node_labels(EntityType type);

}  // namespace text2kg::io::graphml
