#include "text2kg/nlp/gazetteer.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "text2kg/nlp/model_io.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/base/text_file.hpp"
#include "text2kg/nlp/ner_tags.hpp"

namespace text2kg::nlp {

namespace {

using model_io::put;

template <typename T>
T get(std::istream& in) {
  return model_io::get<T>(in, "gazetteer");
}

}  // namespace

std::uint64_t Gazetteer::start_hash() { return 0x9e3779b97f4a7c15ULL; }

std::uint64_t Gazetteer::extend(std::uint64_t hash, std::string_view word) {
  // FNV-1a over the word plus a separator, then a multiply-xorshift so prefixes differ well.
  for (const char c : word) {
    hash ^= static_cast<std::uint8_t>(c);
    hash *= 0x100000001b3ULL;
  }
  hash ^= 0x20;
  hash *= 0x100000001b3ULL;
  return hash ^ (hash >> 29);
}

void Gazetteer::add(std::span<const std::string_view> lower_words, EntityType type) {
  const int index = ner_type_index(type);
  if (index >= 0) add_bits(lower_words, static_cast<std::uint8_t>(1U << index));
}

void Gazetteer::add_common(std::span<const std::string_view> lower_words) { add_bits(lower_words, kCommonWord); }

std::size_t Gazetteer::slot_of(std::uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t slot = static_cast<std::size_t>((hash * 0x9e3779b97f4a7c15ULL) >> 20) & mask;
  while (slots_[slot].key != 0 && slots_[slot].key != hash) slot = (slot + 1) & mask;
  return slot;
}

void Gazetteer::insert(std::uint64_t hash, std::uint8_t bits) {
  hash = std::max<std::uint64_t>(hash, 1);
  if (2 * (entries_ + 1) > slots_.size()) {
    // Grow to twice the size and put every entry back.
    std::vector<Slot, HugePageAllocator<Slot>> old(std::max<std::size_t>(64, 2 * slots_.size()));
    old.swap(slots_);
    for (const Slot& entry : old) {
      if (entry.key != 0) slots_[slot_of(entry.key)] = entry;
    }
  }
  Slot& entry = slots_[slot_of(hash)];
  if (entry.key == 0) {
    entry.key = hash;
    ++entries_;
  }
  const bool was_name = (entry.bits & ~kPrefix) != 0;
  entry.bits |= bits;
  if (!was_name && (entry.bits & ~kPrefix) != 0) ++names_;
}

void Gazetteer::add_bits(std::span<const std::string_view> lower_words, std::uint8_t bits) {
  if (lower_words.empty() || lower_words.size() > kMaxWords || bits == 0) return;
  std::uint64_t hash = start_hash();
  for (std::size_t k = 0; k < lower_words.size(); ++k) {
    hash = extend(hash, lower_words[k]);
    if (k + 1 < lower_words.size()) insert(hash, kPrefix);
  }
  insert(hash, bits);
  longest_ = std::max(longest_, static_cast<std::uint32_t>(lower_words.size()));
}

Gazetteer Gazetteer::load_tsv(const std::filesystem::path& path) {
  const std::string text = read_text_file(path);
  const std::string name = path.string();
  Gazetteer gazetteer;
  std::size_t line_number = 0;
  std::size_t start = 0;
  std::vector<std::string_view> words;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + start, end - start);
    start = end + 1;
    ++line_number;
    if (line.empty() || line.front() == '#') continue;
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) throw InputError::at_line(name, line_number, "expected TYPE<TAB>name");
    const bool common = line.substr(0, tab) == "Common";
    const auto type = common ? std::optional<EntityType>(EntityType::Other) : parse_entity_type(line.substr(0, tab));
    if (!type || ner_type_index(*type) < 0) {
      throw InputError::at_line(name, line_number, "unknown entity type '" + std::string(line.substr(0, tab)) + "'");
    }
    words.clear();
    std::string_view rest = line.substr(tab + 1);
    while (!rest.empty()) {
      const std::size_t space = rest.find(' ');
      const std::string_view word = rest.substr(0, space);
      if (!word.empty()) words.push_back(word);
      rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
    }
    if (words.empty()) throw InputError::at_line(name, line_number, "empty name");
    if (words.size() > kMaxWords) throw InputError::at_line(name, line_number, "name longer than 6 words");
    if (common) {
      gazetteer.add_common(words);
    } else {
      gazetteer.add(words, *type);
    }
  }
  return gazetteer;
}

void Gazetteer::match(std::span<const std::string_view> lower_words, std::span<Hit> hits) const {
  std::fill(hits.begin(), hits.end(), Hit{});
  const std::size_t n = lower_words.size();
  std::size_t i = 0;
  while (i < n) {
    std::uint64_t hash = start_hash();
    std::size_t best_length = 0;
    std::uint8_t best_types = 0;
    for (std::size_t length = 1; length <= longest_ && i + length <= n && !slots_.empty(); ++length) {
      hash = extend(hash, lower_words[i + length - 1]);
      const std::size_t slot = slot_of(std::max<std::uint64_t>(hash, 1));
      if (slots_[slot].key == 0) break;  // no name starts with these words
      const std::uint8_t bits = slots_[slot].bits;
      if ((bits & ~kPrefix) != 0) {
        best_length = length;
        best_types = static_cast<std::uint8_t>(bits & ~kPrefix);
      }
      if (!(bits & kPrefix)) break;  // no longer name starts with them
    }
    if (best_length == 0) {
      ++i;
      continue;
    }
    for (std::size_t k = 0; k < best_length; ++k) {
      const std::uint8_t part = best_length == 1 ? 4 : k == 0 ? 1 : k + 1 == best_length ? 3 : 2;
      hits[i + k] = Hit{best_types, part};
    }
    i += best_length;
  }
}

void Gazetteer::save(std::ostream& out) const {
  // Sorted, so the same list always gives the same bytes.
  std::map<std::uint64_t, std::uint8_t> sorted;
  for (const Slot& entry : slots_) {
    if (entry.key != 0) sorted.emplace(entry.key, entry.bits);
  }
  put(out, longest_);
  put(out, static_cast<std::uint64_t>(sorted.size()));
  for (const auto& [hash, types] : sorted) {
    put(out, hash);
    put(out, types);
  }
}

Gazetteer Gazetteer::load(std::istream& in) {
  Gazetteer gazetteer;
  gazetteer.longest_ = get<std::uint32_t>(in);
  if (gazetteer.longest_ > kMaxWords) throw Error("gazetteer: implausible header");
  const auto count = get<std::uint64_t>(in);
  if (count > (std::uint64_t{1} << 26)) throw Error("gazetteer: implausible size");
  std::size_t capacity = 64;
  while (capacity < 2 * count + 2) capacity *= 2;
  gazetteer.slots_.assign(capacity, Slot{});
  for (std::uint64_t i = 0; i < count; ++i) {
    const auto hash = get<std::uint64_t>(in);
    const auto bits = get<std::uint8_t>(in);
    if (hash == 0 || bits == 0) throw Error("gazetteer: malformed entry");
    gazetteer.insert(hash, bits);
  }
  return gazetteer;
}

}  // namespace text2kg::nlp
