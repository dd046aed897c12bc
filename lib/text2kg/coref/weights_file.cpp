#include "text2kg/coref/weights_file.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "text2kg/base/error.hpp"

namespace text2kg::coref {

std::unordered_map<std::uint64_t, float> load_weights(const std::filesystem::path& file, std::string_view what) {
  std::ifstream in(file);
  if (!in) throw InputError::in_file(file.string(), "cannot read the " + std::string(what));
  std::unordered_map<std::uint64_t, float> weights;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line.front() == '#') continue;
    const std::size_t tab = line.find('\t');
    std::uint64_t feature = 0;
    const bool hex_ok = tab == 16 && std::from_chars(line.data(), line.data() + 16, feature, 16).ptr == line.data() + 16;
    float weight = 0;
    bool weight_ok = false;
    if (hex_ok) {
      std::istringstream value(line.substr(tab + 1));
      weight_ok = static_cast<bool>(value >> weight) && value.peek() == std::char_traits<char>::eof();
    }
    if (!hex_ok || !weight_ok) {
      throw InputError::at_line(file.string(), number, "expected '<16 hex digits><TAB><weight>'");
    }
    weights[feature] = weight;
  }
  return weights;
}

void save_weights(const std::unordered_map<std::uint64_t, float>& weights, const std::filesystem::path& file,
                  std::string_view comment) {
  std::vector<std::pair<std::uint64_t, float>> sorted(weights.begin(), weights.end());
  std::sort(sorted.begin(), sorted.end());
  std::ostringstream out;
  out << "# " << comment << '\n';
  char hex[17];
  for (const auto& [feature, weight] : sorted) {
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(feature));
    char value[32];
    std::snprintf(value, sizeof value, "%.6g", static_cast<double>(weight));
    out << hex << '\t' << value << '\n';
  }
  const std::filesystem::path temporary = file.string() + ".tmp";
  {
    std::ofstream o(temporary, std::ios::binary);
    o << out.str();
    if (!o.flush()) throw Error(temporary.string() + ": cannot write the model");
  }
  std::filesystem::rename(temporary, file);
}

}  // namespace text2kg::coref
