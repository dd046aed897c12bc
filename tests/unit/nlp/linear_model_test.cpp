#include "text2kg/nlp/linear_model.hpp"

#include <gtest/gtest.h>

#include <array>
#include <sstream>

#include "text2kg/base/error.hpp"
#include "text2kg/nlp/feature_hash.hpp"

namespace text2kg::nlp {
namespace {

std::array<std::uint64_t, 2> features_of(std::string_view word) {
  return {FeatureHash(1).add(word).value(), FeatureHash(2).add(word.substr(word.size() - 1)).value()};
}

TEST(FeatureHash, SeparatesPartsAndTemplates) {
  EXPECT_NE(FeatureHash(1).add("ab").add("c").value(), FeatureHash(1).add("a").add("bc").value());
  EXPECT_NE(FeatureHash(1).add("x").value(), FeatureHash(2).add("x").value());
  EXPECT_EQ(FeatureHash(3).add("x").value(), FeatureHash(3).add("x").value());
}

TEST(LinearModel, PerceptronLearnsASeparableProblemAndSurvivesSaveLoad) {
  // class 0: words ending in "s", class 1: others
  const std::array<std::pair<std::string_view, std::uint32_t>, 6> data = {
      {{"cats", 0}, {"dog", 1}, {"runs", 0}, {"run", 1}, {"trees", 0}, {"tree", 1}}};
  LinearModel model(2, 10);
  PerceptronTrainer trainer(model);
  std::array<float, 2> scores{};
  for (int epoch = 0; epoch < 5; ++epoch) {
    for (const auto& [word, label] : data) {
      const auto f = features_of(word);
      trainer.update(f, label, model.predict(f, scores));
      trainer.tick();
    }
  }
  const LinearModel averaged = trainer.averaged();
  for (const auto& [word, label] : data) EXPECT_EQ(averaged.predict(features_of(word), scores), label) << word;
  EXPECT_EQ(averaged.predict(features_of("bags"), scores), 0U);

  std::stringstream buffer;
  averaged.save(buffer);
  const LinearModel loaded = LinearModel::load(buffer);
  EXPECT_EQ(loaded.classes(), 2U);
  EXPECT_EQ(loaded.used_rows(), averaged.used_rows());
  for (const auto& [word, label] : data) EXPECT_EQ(loaded.predict(features_of(word), scores), label) << word;
}

TEST(LinearModel, LoadRejectsForeignAndTruncatedFiles) {
  std::stringstream foreign("not a model at all");
  EXPECT_THROW(LinearModel::load(foreign), Error);
  std::stringstream buffer;
  LinearModel(3, 4).save(buffer);
  std::string bytes = buffer.str();
  std::stringstream truncated(bytes.substr(0, bytes.size() - 2));
  EXPECT_THROW(LinearModel::load(truncated), Error);
}

}  // namespace
}  // namespace text2kg::nlp
