#pragma once

#include <cstdint>
#include <string>

#include "text2kg/base/flags.hpp"

namespace text2kg {

/// Annotation layers a Document may carry; stages declare which they need and provide.
enum class Layer : std::uint16_t {
  Tokens = 1, Sentences = 2, Pos = 4, Lemmas = 8, Deps = 16, Entities = 32, Coref = 64
};
using Layers = Flags<Layer>;

constexpr Layers operator|(Layer a, Layer b) { return Layers(a) | b; }

/// "tokens,pos" etc., for messages.
std::string describe(Layers layers);

}  // namespace text2kg
