#include "text2kg/text/document.hpp"

#include <gtest/gtest.h>

namespace text2kg {
namespace {

Document two_word_sentence() {
  Document doc("d", "Morales fled.");
  doc.add_token({0, 7}, true);
  doc.add_token({8, 12}, false);
  doc.add_token({12, 13}, false);
  doc.add_sentence(0, true);
  doc.add_layers(Layer::Tokens | Layer::Sentences);
  return doc;
}

TEST(Document, FormsAreViewsOfTheText) {
  const Document doc = two_word_sentence();
  EXPECT_EQ(doc.form(0), "Morales");
  EXPECT_EQ(doc.form(2), ".");
  EXPECT_EQ(doc.text_of(doc.sentences()[0].chars), "Morales fled.");
  EXPECT_TRUE(validate(doc).empty());
}

TEST(Document, ValidateFindsTwoRootsAndCycles) {
  Document doc = two_word_sentence();
  auto& tokens = doc.mutable_tokens();
  tokens[0].head = 1;
  tokens[1].head = -1;
  tokens[2].head = 1;
  doc.add_layers(Layer::Deps);
  EXPECT_TRUE(validate(doc).empty());
  tokens[2].head = -1;
  EXPECT_EQ(validate(doc).size(), 1U);
  tokens[2].head = 1;
  tokens[1].head = 0;
  EXPECT_FALSE(validate(doc).empty());
}

TEST(Document, ValidateFindsMentionsAcrossSentences) {
  Document doc("d", "A. B.");
  doc.add_token({0, 1});
  doc.add_token({1, 2});
  doc.add_sentence(0);
  doc.add_token({3, 4});
  doc.add_token({4, 5});
  doc.add_sentence(2);
  Mention mention;
  mention.tokens = {1, 3};
  mention.head = 1;
  doc.mutable_mentions().push_back(mention);
  ASSERT_EQ(validate(doc).size(), 1U);
  EXPECT_NE(validate(doc)[0].find("crosses a sentence"), std::string::npos);
}

}  // namespace
}  // namespace text2kg
