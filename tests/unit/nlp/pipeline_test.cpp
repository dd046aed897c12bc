#include "text2kg/nlp/pipeline.hpp"

#include <gtest/gtest.h>

#include "text2kg/base/error.hpp"

namespace text2kg::nlp {
namespace {

class FakeStage : public Stage {
 public:
  FakeStage(std::string_view name, Layers needs, Layers gives) : name_(name), needs_(needs), gives_(gives) {}
  std::string_view name() const override { return name_; }
  Layers required_layers() const override { return needs_; }
  Layers provided_layers() const override { return gives_; }
  void process(Document& /*doc*/) const override {}

 private:
  std::string_view name_;
  Layers needs_, gives_;
};

TEST(Pipeline, RefusesAStageWhoseLayersNoEarlierStageProvides) {
  Pipeline pipeline;
  pipeline.add(std::make_unique<FakeStage>("tokenizer", Layers{}, Layer::Tokens | Layer::Sentences));
  try {
    pipeline.add(std::make_unique<FakeStage>("parser", Layer::Tokens | Layer::Pos, Layer::Deps));
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "stage 'parser' requires layer 'pos', provided by no earlier stage");
  }
  pipeline.add(std::make_unique<FakeStage>("tagger", Layer::Tokens, Layer::Pos));
  pipeline.add(std::make_unique<FakeStage>("parser", Layer::Tokens | Layer::Pos, Layer::Deps));
  EXPECT_EQ(pipeline.names().size(), 3U);
  Document doc("d", "x");
  pipeline.run(doc, true);
  EXPECT_TRUE(doc.layers().has(Layer::Pos | Layer::Deps));
}

}  // namespace
}  // namespace text2kg::nlp
