#include "text2kg/text/layers.hpp"

#include <array>
#include <string_view>
#include <utility>

namespace text2kg {

std::string describe(Layers layers) {
  static constexpr std::array<std::pair<Layer, std::string_view>, 7> names = {{
      {Layer::Tokens, "tokens"}, {Layer::Sentences, "sentences"}, {Layer::Pos, "pos"},
      {Layer::Lemmas, "lemmas"}, {Layer::Deps, "deps"}, {Layer::Entities, "entities"},
      {Layer::Coref, "coref"}}};
  std::string out;
  for (const auto& [layer, name] : names) {
    if (!layers.has(layer)) continue;
    if (!out.empty()) out += ',';
    out += name;
  }
  return out.empty() ? std::string("none") : out;
}

}  // namespace text2kg
