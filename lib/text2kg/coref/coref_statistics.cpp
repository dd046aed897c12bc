#include "text2kg/coref/coref_statistics.hpp"

#include <charconv>
#include <vector>

#include "text2kg/base/error.hpp"
#include "text2kg/base/text_file.hpp"

namespace text2kg::coref {
namespace {

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return out;
}

}  // namespace

CorefStatistics CorefStatistics::load(const std::filesystem::path& file) {
  return parse(read_text_file(file), file.string());
}

CorefStatistics CorefStatistics::parse(std::string_view content, const std::string& name) {
  CorefStatistics stats;
  std::size_t line_number = 0, pos = 0;
  bool header = false;
  while (pos < content.size()) {
    const std::size_t end = content.find('\n', pos);
    std::string_view line = content.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? content.size() : end + 1;
    ++line_number;
    if (line.empty() || line.front() == '#') continue;
    const auto fields = split_tabs(line);
    if (!header) {
      if (fields.size() != 2 + kColumns || fields[0] != "kind") {
        throw InputError::at_line(name, line_number, "expected the header 'kind<TAB>word<TAB>masc...'");
      }
      header = true;
      continue;
    }
    if (fields.size() != 2 + kColumns) {
      throw InputError::at_line(name, line_number,
                                "expected " + std::to_string(2 + kColumns) + " tab-separated fields, found " +
                                    std::to_string(fields.size()));
    }
    if (fields[0] != "noun" && fields[0] != "name") {
      throw InputError::at_line(name, line_number, "kind must be 'noun' or 'name', not '" + std::string(fields[0]) + "'");
    }
    Counts counts{};
    for (std::size_t c = 0; c < kColumns; ++c) {
      const std::string_view f = fields[2 + c];
      const auto [ptr, ec] = std::from_chars(f.data(), f.data() + f.size(), counts[c]);
      if (ec != std::errc() || ptr != f.data() + f.size()) {
        throw InputError::at_line(name, line_number, "field " + std::to_string(3 + c) + " is not a count: '" +
                                                         std::string(f) + "'");
      }
    }
    stats.add(fields[0], fields[1], counts);
  }
  if (!header) throw InputError::in_file(name, "no header line: not a coreference statistics table");
  return stats;
}

void CorefStatistics::add(std::string_view kind, std::string_view word, const Counts& counts) {
  (kind == "name" ? names_ : nouns_)[std::string(word)] = counts;
}

const CorefStatistics::Counts* CorefStatistics::noun(std::string_view lemma) const {
  const auto it = nouns_.find(std::string(lemma));
  return it == nouns_.end() ? nullptr : &it->second;
}

const CorefStatistics::Counts* CorefStatistics::name(std::string_view first_name) const {
  const auto it = names_.find(std::string(first_name));
  return it == names_.end() ? nullptr : &it->second;
}

std::uint8_t CorefStatistics::gender_of(const Counts& c) {
  const double total = c[kMasc] + c[kFem] + c[kNeut];
  if (total < 3) return gender::kUnknown;
  if (c[kMasc] >= 0.75 * total) return gender::kMale;
  if (c[kFem] >= 0.75 * total) return gender::kFemale;
  if (c[kNeut] >= 0.75 * total) return gender::kNeuter;
  if (c[kNeut] <= 0.1 * total) return gender::kMale | gender::kFemale;
  return gender::kUnknown;
}

std::uint8_t CorefStatistics::animacy_of(const Counts& c) {
  const double animate = c[kPerson];
  const double total = c[kPerson] + c[kPlace] + c[kOrganization] + c[kOther];
  if (total < 3) return animacy::kUnknown;
  if (animate >= 0.75 * total) return animacy::kAnimate;
  if (animate <= 0.25 * total) return animacy::kInanimate;
  return animacy::kUnknown;
}

EntityType CorefStatistics::type_of(const Counts& c) {
  const double total = c[kPerson] + c[kPlace] + c[kOrganization] + c[kOther];
  if (total < 3) return EntityType::None;
  if (c[kPerson] >= 0.6 * total) return EntityType::Person;
  if (c[kPlace] >= 0.6 * total) return EntityType::Place;
  if (c[kOrganization] >= 0.6 * total) return EntityType::Organization;
  return EntityType::None;
}

}  // namespace text2kg::coref
