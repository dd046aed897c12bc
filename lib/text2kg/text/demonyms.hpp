#pragma once

#include <optional>
#include <string_view>

namespace text2kg {

/// The country a demonym adjective names: "Mexican" -> "Mexico", "Brazilian" -> "Brazil",
/// "American" -> "United States". Matching ignores ASCII case ("mexican" works too); the
/// result is the country's common English short name. Covers the UN member states plus a
/// few widely used others (Taiwanese, Palestinian, Kosovar...). Written from general
/// knowledge; the table is in demonyms.cpp.
std::optional<std::string_view> country_for_demonym(std::string_view demonym);

/// True when the built-in table is in the order the lookup needs (checked by a test).
bool demonym_table_is_sorted();

}  // namespace text2kg
