#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <sstream>

#include "text2kg/nlp/linear_model.hpp"

namespace text2kg::nlp {
namespace {

template <typename T>
void put(std::ostream& out, T value) {
  out.write(reinterpret_cast<const char*>(&value), sizeof value);
}

TEST(LinearModelFormat, LoadsVersionOneDenseFiles) {
  // Written by the first format: every used row stores all its classes.
  std::stringstream v1;
  v1.write("T2KGLIN1", 8);
  put(v1, std::uint32_t{2});   // classes
  put(v1, std::uint32_t{4});   // bucket bits
  put(v1, 0.5F);               // scale
  put(v1, std::uint64_t{1});   // rows
  put(v1, std::uint32_t{3});   // row 3
  put(v1, std::int16_t{-4});
  put(v1, std::int16_t{10});
  const LinearModel model = LinearModel::load(v1);
  std::array<float, 2> scores{};
  const std::array<std::uint64_t, 1> row3 = {3};
  EXPECT_EQ(model.predict(row3, scores), 1U);
  EXPECT_FLOAT_EQ(scores[0], -2.0F);
  EXPECT_FLOAT_EQ(scores[1], 5.0F);
  EXPECT_EQ(model.used_rows(), 1U);
}

TEST(LinearModelFormat, SavesOnlyNonZeroWeightsAndRoundTrips) {
  LinearModel model(100, 8);
  PerceptronTrainer trainer(model);
  const std::array<std::uint64_t, 2> features = {7, 42};
  trainer.update(features, 3, 97);
  trainer.tick();
  const LinearModel averaged = trainer.averaged();
  std::stringstream out;
  averaged.save(out);
  // Two rows with two non-zero weights each: far below 2 rows x 100 classes x 2 bytes.
  EXPECT_LT(out.str().size(), 100U);
  EXPECT_EQ(out.str().substr(0, 8), "T2KGLIN2");
  const LinearModel loaded = LinearModel::load(out);
  std::array<float, 100> a{}, b{};
  EXPECT_EQ(loaded.predict(features, a), averaged.predict(features, b));
  for (std::size_t c = 0; c < 100; ++c) EXPECT_NEAR(a[c], b[c], 1e-3F) << c;
}

TEST(LinearModelFormat, AFullTableIsStoredWithoutRowIndicesWhenThatIsSmaller) {
  // Three classes and every one of 2^6 rows used: the whole table (64 x 3 x 2 bytes) is
  // smaller than 64 sparse rows (each with its index, count and class numbers).
  LinearModel model(3, 6);
  PerceptronTrainer trainer(model);
  for (std::uint64_t f = 0; f < 64; ++f) {
    const std::array<std::uint64_t, 1> features = {f};
    trainer.update(features, static_cast<std::uint32_t>(f % 3), static_cast<std::uint32_t>((f + 1) % 3),
                   1.0F + static_cast<float>(f));
    trainer.tick();
  }
  const LinearModel averaged = trainer.averaged();
  std::stringstream out;
  averaged.save(out);
  EXPECT_EQ(out.str().substr(0, 8), "T2KGLIN3");
  EXPECT_EQ(out.str().size(), 8U + 4U + 4U + 4U + 64U * 3U * 2U);
  const std::string bytes = out.str();
  LinearModel loaded = LinearModel::load(out);
  EXPECT_EQ(loaded.used_rows(), 64U);
  for (std::uint64_t f = 0; f < 64; ++f) {
    const std::array<std::uint64_t, 1> features = {f};
    std::array<float, 3> a{}, b{};
    EXPECT_EQ(loaded.predict(features, a), averaged.predict(features, b)) << f;
    for (std::size_t c = 0; c < 3; ++c) EXPECT_NEAR(a[c], b[c], 1e-2F) << f;
  }
  std::stringstream again;
  loaded.save(again);
  EXPECT_EQ(again.str(), bytes);
  std::stringstream truncated(bytes.substr(0, bytes.size() - 1));
  EXPECT_ANY_THROW(LinearModel::load(truncated));
}

TEST(LinearModelFormat, ALoadedModelSavesTheSameBytesAndCannotBeTrained) {
  LinearModel model(5, 6);
  PerceptronTrainer trainer(model);
  for (std::uint64_t f = 0; f < 40; ++f) {
    const std::array<std::uint64_t, 1> features = {f * 7919};
    trainer.update(features, static_cast<std::uint32_t>(f % 5), static_cast<std::uint32_t>((f + 1) % 5), 0.25F * static_cast<float>(f));
    trainer.tick();
  }
  std::stringstream first;
  trainer.averaged().save(first);
  const std::string bytes = first.str();
  LinearModel loaded = LinearModel::load(first);
  std::stringstream second;
  loaded.save(second);
  EXPECT_EQ(second.str(), bytes);
  EXPECT_ANY_THROW(PerceptronTrainer{loaded});
}

TEST(LinearModelFormat, RejectsAClassIndexOutOfRange) {
  std::stringstream bad;
  bad.write("T2KGLIN2", 8);
  put(bad, std::uint32_t{2});
  put(bad, std::uint32_t{4});
  put(bad, 1.0F);
  put(bad, std::uint64_t{1});
  put(bad, std::uint32_t{0});
  put(bad, std::uint16_t{1});
  put(bad, std::uint16_t{9});  // class 9 of 2
  put(bad, std::int16_t{1});
  EXPECT_ANY_THROW(LinearModel::load(bad));
}

}  // namespace
}  // namespace text2kg::nlp
