#include "text2kg/nlp/linear_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "text2kg/base/error.hpp"
#include "text2kg/nlp/model_io.hpp"

namespace text2kg::nlp {
namespace {

// Version 1 stores every used row densely; version 2 stores only the non-zero weights of
// each used row, which is far smaller for perceptron models with many classes (a rare
// feature only ever touches the few classes it was confused between).
constexpr char kMagic[8] = {'T', '2', 'K', 'G', 'L', 'I', 'N', '1'};
constexpr char kMagicSparse[8] = {'T', '2', 'K', 'G', 'L', 'I', 'N', '2'};
// Version 3 stores the whole table, every row and class, with no row indices: smaller than
// version 2 when nearly every row is used by a model with few classes (the parser's three
// transitions over 2^20 rows: 6 MB instead of 19), and read in one call. save() writes
// whichever of versions 2 and 3 is smaller.
constexpr char kMagicFull[8] = {'T', '2', 'K', 'G', 'L', 'I', 'N', '3'};

using model_io::put;

template <typename T>
T get(std::istream& in) {
  return model_io::get<T>(in, "linear model");
}

}  // namespace

LinearModel::LinearModel(std::uint32_t classes, std::uint32_t bucket_bits)
    : classes_(classes),
      bits_(bucket_bits),
      mask_((std::uint64_t{1} << bucket_bits) - 1),
      weights_((std::size_t{1} << bucket_bits) * classes, 0.0F) {}

void LinearModel::add_scores(std::span<const std::uint64_t> features, std::span<float> scores) const {
  // Rows are scattered over a large table: ask for all of them before summing any, so the
  // cache misses overlap instead of being paid one after another.
  if (!packed_.empty()) {
    const std::size_t row_bytes = classes_ * sizeof(std::int16_t);
    for (const std::uint64_t f : features) {
      const char* row = reinterpret_cast<const char*>(packed_.data() + row_of(f));
      for (std::size_t offset = 0; offset < row_bytes; offset += 64) __builtin_prefetch(row + offset);
    }
    for (const std::uint64_t f : features) {
      const std::int16_t* row = packed_.data() + row_of(f);
      for (std::uint32_t c = 0; c < classes_; ++c) scores[c] += static_cast<float>(row[c]) * packed_scale_;
    }
    return;
  }
  for (const std::uint64_t f : features) {
    const char* row = reinterpret_cast<const char*>(weights_.data() + row_of(f));
    for (std::size_t offset = 0; offset < classes_ * sizeof(float); offset += 64) __builtin_prefetch(row + offset);
  }
  for (const std::uint64_t f : features) {
    const float* row = weights_.data() + row_of(f);
    for (std::uint32_t c = 0; c < classes_; ++c) scores[c] += row[c];
  }
}

std::uint32_t LinearModel::predict(std::span<const std::uint64_t> features, std::span<float> scores) const {
  std::fill(scores.begin(), scores.begin() + classes_, 0.0F);
  add_scores(features, scores);
  return static_cast<std::uint32_t>(std::max_element(scores.begin(), scores.begin() + classes_) - scores.begin());
}

std::size_t LinearModel::used_rows() const {
  const auto count = [this](const auto& table) {
    std::size_t used = 0;
    for (std::size_t r = 0; r < table.size(); r += classes_) {
      for (std::size_t c = 0; c < classes_; ++c) {
        if (table[r + c] != 0) {
          ++used;
          break;
        }
      }
    }
    return used;
  };
  return packed_.empty() ? count(weights_) : count(packed_);
}

void LinearModel::save(std::ostream& out) const {
  float largest = 0;
  for (const float w : weights_) largest = std::max(largest, std::fabs(w));
  // A loaded model is written back with its own scale and values: the same bytes.
  const bool packed = !packed_.empty();
  const float scale = packed ? packed_scale_ : largest > 0 ? largest / 32767.0F : 1.0F;
  const std::size_t size = packed ? packed_.size() : weights_.size();
  // Quantise first, so rows whose weights all round to zero are dropped.
  std::vector<std::pair<std::uint16_t, std::int16_t>> row_entries;
  std::vector<char> body;
  std::uint64_t rows = 0;
  std::uint32_t previous = 0;
  const auto append = [&body](auto value) {
    const auto* bytes = reinterpret_cast<const char*>(&value);
    body.insert(body.end(), bytes, bytes + sizeof value);
  };
  for (std::size_t r = 0; r < size; r += classes_) {
    row_entries.clear();
    for (std::uint32_t c = 0; c < classes_; ++c) {
      const long q = packed ? packed_[r + c] : std::lround(weights_[r + c] / scale);
      if (q != 0) row_entries.emplace_back(static_cast<std::uint16_t>(c), static_cast<std::int16_t>(q));
    }
    if (row_entries.empty()) continue;
    const auto index = static_cast<std::uint32_t>(r / classes_);
    append(index - previous);  // gaps are small: the file compresses well
    previous = index;
    append(static_cast<std::uint16_t>(row_entries.size()));
    for (const auto& [c, q] : row_entries) {
      append(c);
      append(q);
    }
    ++rows;
  }
  const std::size_t full_bytes = size * sizeof(std::int16_t);
  if (full_bytes < body.size() + sizeof rows) {
    std::vector<std::int16_t> table(size);
    for (std::size_t i = 0; i < size; ++i) {
      table[i] = packed ? packed_[i] : static_cast<std::int16_t>(std::lround(weights_[i] / scale));
    }
    out.write(kMagicFull, sizeof kMagicFull);
    put(out, classes_);
    put(out, bits_);
    put(out, scale);
    out.write(reinterpret_cast<const char*>(table.data()), static_cast<std::streamsize>(full_bytes));
    return;
  }
  out.write(kMagicSparse, sizeof kMagicSparse);
  put(out, classes_);
  put(out, bits_);
  put(out, scale);
  put(out, rows);
  out.write(body.data(), static_cast<std::streamsize>(body.size()));
}

LinearModel LinearModel::load(std::istream& in) {
  char magic[sizeof kMagic];
  if (!in.read(magic, sizeof magic)) throw Error("linear model: not a text2kg linear model");
  const bool sparse = std::memcmp(magic, kMagicSparse, sizeof kMagicSparse) == 0;
  const bool full = std::memcmp(magic, kMagicFull, sizeof kMagicFull) == 0;
  if (!sparse && !full && std::memcmp(magic, kMagic, sizeof kMagic) != 0) {
    throw Error("linear model: not a text2kg linear model");
  }
  const auto classes = get<std::uint32_t>(in);
  const auto bits = get<std::uint32_t>(in);
  if (classes == 0 || classes > 4096 || bits > 28) throw Error("linear model: implausible header");
  const auto scale = get<float>(in);
  if (full) {
    LinearModel model;
    model.classes_ = classes;
    model.bits_ = bits;
    model.mask_ = (std::uint64_t{1} << bits) - 1;
    model.packed_.assign((std::size_t{1} << bits) * classes, 0);
    model.packed_scale_ = scale;
    const auto bytes = static_cast<std::streamsize>(model.packed_.size() * sizeof(std::int16_t));
    if (in.rdbuf()->sgetn(reinterpret_cast<char*>(model.packed_.data()), bytes) != bytes) {
      in.setstate(std::ios::failbit | std::ios::eofbit);
      throw Error("linear model: truncated model file");
    }
    return model;
  }
  const auto rows = get<std::uint64_t>(in);
  LinearModel model;
  model.classes_ = classes;
  model.bits_ = bits;
  model.mask_ = (std::uint64_t{1} << bits) - 1;
  model.packed_.assign((std::size_t{1} << bits) * classes, 0);
  model.packed_scale_ = scale;
  std::uint32_t index = 0;
  for (std::uint64_t i = 0; i < rows; ++i) {
    index += get<std::uint32_t>(in);
    if (index > model.mask_) throw Error("linear model: row index out of range");
    std::int16_t* row = model.packed_.data() + static_cast<std::size_t>(index) * classes;
    if (sparse) {
      const auto count = get<std::uint16_t>(in);
      for (std::uint16_t k = 0; k < count; ++k) {
        const auto c = get<std::uint16_t>(in);
        if (c >= classes) throw Error("linear model: class index out of range");
        row[c] = get<std::int16_t>(in);
      }
    } else {
      for (std::uint32_t c = 0; c < classes; ++c) row[c] = get<std::int16_t>(in);
    }
  }
  return model;
}

PerceptronTrainer::PerceptronTrainer(LinearModel& model)
    : model_(model), totals_(model.weights_.size(), 0.0), stamps_(model.weights_.size(), 0) {
  if (!model.packed_.empty()) throw Error("linear model: a loaded (quantised) model cannot be trained further");
}

void PerceptronTrainer::touch(std::size_t index, float delta) {
  // Before changing a weight, credit its current value for every instance since it last changed.
  totals_[index] += static_cast<double>(instances_ - stamps_[index]) * model_.weights_[index];
  stamps_[index] = instances_;
  model_.weights_[index] += delta;
}

void PerceptronTrainer::update(std::span<const std::uint64_t> features, std::uint32_t truth, std::uint32_t guess,
                               float amount) {
  if (truth == guess) return;
  for (const std::uint64_t f : features) {
    const std::size_t row = model_.row_of(f);
    touch(row + truth, amount);
    touch(row + guess, -amount);
  }
}

void PerceptronTrainer::add(std::span<const std::uint64_t> features, std::uint32_t cls, float amount) {
  for (const std::uint64_t f : features) touch(model_.row_of(f) + cls, amount);
}

LinearModel PerceptronTrainer::averaged() const {
  LinearModel average = model_;
  for (std::size_t i = 0; i < average.weights_.size(); ++i) {
    const double total = totals_[i] + static_cast<double>(instances_ - stamps_[i]) * model_.weights_[i];
    average.weights_[i] = static_cast<float>(total / static_cast<double>(instances_));
  }
  return average;
}

}  // namespace text2kg::nlp
