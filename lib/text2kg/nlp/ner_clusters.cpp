#include "text2kg/nlp/ner_clusters.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <numeric>

#include "text2kg/base/error.hpp"
#include "text2kg/nlp/feature_hash.hpp"
#include "text2kg/nlp/model_io.hpp"

namespace text2kg::nlp {

namespace {

constexpr std::string_view kWhat = "ner clusters";

std::string lower_ascii(std::string_view word) {
  std::string lower(word);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

/// x ln x, from a table for the small counts that dominate.
class XLogX {
 public:
  XLogX() : table_(kSize) {
    for (std::size_t x = 1; x < kSize; ++x) table_[x] = static_cast<double>(x) * std::log(static_cast<double>(x));
  }
  double operator()(std::int64_t x) const {
    if (x < static_cast<std::int64_t>(kSize)) return table_[static_cast<std::size_t>(x)];
    const auto d = static_cast<double>(x);
    return d * std::log(d);
  }

 private:
  static constexpr std::size_t kSize = std::size_t{1} << 20;
  std::vector<double> table_;
};

}  // namespace

std::uint64_t WordClusters::key(std::string_view lower) { return FeatureHash(0).add(lower).value(); }

WordClusters WordClusters::load_tsv(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError::in_file(path.string(), "cannot open word clusters");
  WordClusters clusters;
  std::string line;
  std::uint64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> fields;
    std::string_view rest = line;
    while (true) {
      const auto tab = rest.find('\t');
      fields.push_back(rest.substr(0, tab));
      if (tab == std::string_view::npos) break;
      rest = rest.substr(tab + 1);
    }
    if (fields.size() != 1 + kLevels || fields[0].empty()) {
      throw InputError::at_line(path.string(), number, "expected a word and " + std::to_string(kLevels) + " cluster ids");
    }
    Ids ids{};
    for (std::size_t k = 0; k < kLevels; ++k) {
      std::uint32_t value = 0;
      if (fields[1 + k].empty()) throw InputError::at_line(path.string(), number, "empty cluster id");
      for (const char c : fields[1 + k]) {
        if (c < '0' || c > '9' || value > 6553) throw InputError::at_line(path.string(), number, "bad cluster id");
        value = value * 10 + static_cast<std::uint32_t>(c - '0');
      }
      if (value == 0 || value > 65535) throw InputError::at_line(path.string(), number, "cluster id out of range");
      ids[k] = static_cast<std::uint16_t>(value);
    }
    clusters.add(lower_ascii(fields[0]), ids);
  }
  return clusters;
}

void WordClusters::save(std::ostream& out) const {
  const std::map<std::uint64_t, Ids> sorted(ids_.begin(), ids_.end());  // the same bytes every time
  model_io::put(out, static_cast<std::uint64_t>(sorted.size()));
  for (const auto& [word, ids] : sorted) {
    model_io::put(out, word);
    for (const std::uint16_t id : ids) model_io::put(out, id);
  }
}

WordClusters WordClusters::load(std::istream& in) {
  WordClusters clusters;
  const auto count = model_io::get<std::uint64_t>(in, kWhat);
  if (count > (std::uint64_t{1} << 24)) throw Error("implausible cluster vocabulary size");
  clusters.ids_.reserve(static_cast<std::size_t>(count));
  for (std::uint64_t i = 0; i < count; ++i) {
    const auto word = model_io::get<std::uint64_t>(in, kWhat);
    Ids ids{};
    for (std::uint16_t& id : ids) id = model_io::get<std::uint16_t>(in, kWhat);
    clusters.ids_.emplace(word, ids);
  }
  return clusters;
}

std::vector<std::uint32_t> exchange_clusters(std::span<const std::vector<std::uint32_t>> sentences,
                                             std::span<const std::uint64_t> counts, std::uint32_t classes,
                                             std::uint32_t iterations) {
  const std::size_t words = counts.size();
  if (classes < 2) throw Error("exchange_clusters: need at least 2 classes");
  // Word bigrams, with the boundary (word 0) before and after each sentence.
  std::unordered_map<std::uint64_t, std::int64_t> pairs;
  for (const auto& sentence : sentences) {
    std::uint32_t previous = 0;
    for (const std::uint32_t w : sentence) {
      ++pairs[(std::uint64_t{previous} << 32) | w];
      previous = w;
    }
    ++pairs[std::uint64_t{previous} << 32];
  }
  struct Neighbour {
    std::uint32_t word;
    std::int64_t count;
  };
  std::vector<std::vector<Neighbour>> right(words), left(words);
  std::vector<std::int64_t> self(words, 0);
  std::vector<std::pair<std::uint64_t, std::int64_t>> sorted_pairs(pairs.begin(), pairs.end());
  std::sort(sorted_pairs.begin(), sorted_pairs.end());  // a fixed order, whatever the hash table did
  for (const auto& [key, count] : sorted_pairs) {
    const auto u = static_cast<std::uint32_t>(key >> 32), v = static_cast<std::uint32_t>(key & 0xFFFFFFFFU);
    if (u == v) {
      self[u] += count;
      continue;
    }
    right[u].push_back({v, count});
    left[v].push_back({u, count});
  }
  // Initial classes by frequency rank; the boundary keeps class 0.
  std::vector<std::uint32_t> order(words > 0 ? words - 1 : 0);
  std::iota(order.begin(), order.end(), 1U);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return counts[a] > counts[b]; });
  std::vector<std::uint32_t> cls(words, 0);
  for (std::size_t r = 0; r < order.size(); ++r) cls[order[r]] = 1 + static_cast<std::uint32_t>(r % (classes - 1));

  const std::size_t c_count = classes;
  std::vector<std::int64_t> n(c_count * c_count, 0), n_left(c_count, 0), n_right(c_count, 0);
  for (const auto& [key, count] : sorted_pairs) {
    const std::uint32_t a = cls[key >> 32], b = cls[key & 0xFFFFFFFFU];
    n[a * c_count + b] += count;
    n_left[a] += count;
    n_right[b] += count;
  }
  const XLogX f;
  std::vector<std::int64_t> by_right(c_count, 0), by_left(c_count, 0);
  std::vector<std::uint32_t> touched_right, touched_left;
  for (std::uint32_t iteration = 0; iteration < iterations; ++iteration) {
    std::size_t moved = 0;
    for (const std::uint32_t w : order) {
      const std::uint32_t a = cls[w];
      touched_right.clear();
      touched_left.clear();
      std::int64_t out_count = self[w], in_count = self[w];
      for (const Neighbour& nb : right[w]) {
        const std::uint32_t d = cls[nb.word];
        if (by_right[d] == 0) touched_right.push_back(d);
        by_right[d] += nb.count;
        out_count += nb.count;
      }
      for (const Neighbour& nb : left[w]) {
        const std::uint32_t c = cls[nb.word];
        if (by_left[c] == 0) touched_left.push_back(c);
        by_left[c] += nb.count;
        in_count += nb.count;
      }
      std::sort(touched_right.begin(), touched_right.end());
      std::sort(touched_left.begin(), touched_left.end());
      // Take w out of its class.
      for (const std::uint32_t d : touched_right) n[a * c_count + d] -= by_right[d];
      for (const std::uint32_t c : touched_left) n[c * c_count + a] -= by_left[c];
      n[a * c_count + a] -= self[w];
      n_left[a] -= out_count;
      n_right[a] -= in_count;
      // The gain of putting it into each class b.
      const auto gain = [&](std::uint32_t b) {
        double g = 0;
        const std::int64_t* row = n.data() + b * c_count;
        for (const std::uint32_t d : touched_right) {
          if (d != b) g += f(row[d] + by_right[d]) - f(row[d]);
        }
        for (const std::uint32_t c : touched_left) {
          if (c != b) {
            const std::int64_t x = n[c * c_count + b];
            g += f(x + by_left[c]) - f(x);
          }
        }
        const std::int64_t diagonal = row[b];
        g += f(diagonal + by_right[b] + by_left[b] + self[w]) - f(diagonal);
        g -= f(n_left[b] + out_count) - f(n_left[b]);
        g -= f(n_right[b] + in_count) - f(n_right[b]);
        return g;
      };
      std::uint32_t best = a;
      double best_gain = gain(a);
      for (std::uint32_t b = 1; b < classes; ++b) {
        if (b == a) continue;
        const double g = gain(b);
        if (g > best_gain + 1e-9) best = b, best_gain = g;
      }
      // Put it there.
      for (const std::uint32_t d : touched_right) n[best * c_count + d] += by_right[d];
      for (const std::uint32_t c : touched_left) n[c * c_count + best] += by_left[c];
      n[best * c_count + best] += self[w];
      n_left[best] += out_count;
      n_right[best] += in_count;
      if (best != a) ++moved;
      cls[w] = best;
      for (const std::uint32_t d : touched_right) by_right[d] = 0;
      for (const std::uint32_t c : touched_left) by_left[c] = 0;
    }
    if (moved == 0) break;
  }
  return cls;
}

void learn_clusters(std::span<const std::filesystem::path> texts, std::span<const std::uint32_t> sizes,
                    std::uint32_t min_count, std::uint32_t iterations, std::ostream& out, std::ostream& log) {
  if (sizes.size() != WordClusters::kLevels) throw Error("learn_clusters: need one size per level");
  std::vector<std::vector<std::string>> sentences;
  std::unordered_map<std::string, std::uint64_t> frequency;
  std::uint64_t tokens = 0;
  for (const auto& path : texts) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError::in_file(path.string(), "cannot open text");
    std::string line;
    while (std::getline(in, line)) {
      std::vector<std::string> sentence;
      std::size_t begin = 0;
      while (begin < line.size()) {
        const std::size_t end = std::min(line.find(' ', begin), line.size());
        const std::string_view word = std::string_view(line).substr(begin, end - begin);
        // No tab (the TSV's separator) and no leading '#' (its comments) in a kept word.
        if (end > begin) sentence.push_back(word.find('\t') == std::string_view::npos && word[0] != '#' ? lower_ascii(word) : std::string("<other>"));
        begin = end + 1;
      }
      if (sentence.empty()) continue;
      for (const std::string& w : sentence) ++frequency[w];
      tokens += sentence.size();
      sentences.push_back(std::move(sentence));
    }
  }
  // Ids: 0 the boundary, 1 every rare word, then the kept words in byte order.
  std::vector<std::string> kept;
  for (const auto& [word, count] : frequency) {
    if (count >= min_count) kept.push_back(word);
  }
  std::sort(kept.begin(), kept.end());
  std::unordered_map<std::string, std::uint32_t> id;
  std::vector<std::uint64_t> counts = {0, 0};
  for (const std::string& w : kept) {
    id.emplace(w, static_cast<std::uint32_t>(counts.size()));
    counts.push_back(frequency[w]);
  }
  std::vector<std::vector<std::uint32_t>> coded;
  coded.reserve(sentences.size());
  for (const auto& sentence : sentences) {
    std::vector<std::uint32_t>& c = coded.emplace_back();
    for (const std::string& w : sentence) {
      const auto it = id.find(w);
      c.push_back(it == id.end() ? 1 : it->second);
      if (it == id.end()) ++counts[1];
    }
  }
  log << "clusters: " << sentences.size() << " sentences, " << tokens << " words, " << kept.size()
      << " kept words (seen >= " << min_count << " times)\n";
  std::vector<std::vector<std::uint32_t>> levels;
  for (const std::uint32_t size : sizes) {
    if (size < 2 || size > 65535) throw Error("learn_clusters: cluster count must be 2..65535");
    levels.push_back(exchange_clusters(coded, counts, size + 1, iterations));
    log << "clusters: " << size << " classes done\n";
  }
  out << "# text2kg-resource word clusters v1: lower-cased word, then its exchange cluster at";
  for (const std::uint32_t size : sizes) out << ' ' << size;
  out << " classes\n";
  for (std::size_t k = 0; k < kept.size(); ++k) {
    out << kept[k];
    for (const auto& level : levels) out << '\t' << level[k + 2];
    out << '\n';
  }
}

}  // namespace text2kg::nlp
