#include <gtest/gtest.h>

#include "fixture_triples.hpp"
#include "text2kg/extract/sentence_tree.hpp"

namespace text2kg::testing {
namespace {

using extract::Extractor;
using extract::SentenceTree;

/// The repaired tree attaches `dependent` to `head` by `relation`.
void expect_arc(const SentenceTree& tree, std::uint32_t dependent, std::uint32_t head, std::string_view relation) {
  EXPECT_EQ(tree.head(dependent), head) << tree.form(dependent);
  EXPECT_EQ(tree.deprel(dependent), relation) << tree.form(dependent);
}

TEST(TitleRule, TitleParsedAsTheHeadOfTheNameIsPutUnderIt) {
  // "Chilean President Ana Maria Ruiz Soto" with "President" over the name by flat
  const Document doc = load_fixture("titles.conllu");
  const SentenceTree tree(doc, 8);
  const std::uint32_t first = doc.sentences()[8].tokens.begin;
  const std::uint32_t president = first + 1, ana = first + 2, soto = first + 5, praised = first + 6;
  expect_arc(tree, ana, praised, "nsubj");
  expect_arc(tree, president, ana, "nmod:desc");
  expect_arc(tree, first, president, "amod");  // "Chilean" stays with the title
  expect_arc(tree, soto, ana, "flat");         // nested flat words join the name's head
  const auto triples = Extractor().extract(doc);
  EXPECT_TRUE(find_triple(triples, "thing/ana_maria_ruiz_soto", "praise", "thing/berg")) << describe(triples);
  EXPECT_TRUE(find_triple(triples, "thing/ana_maria_ruiz_soto", "president_of", "place/chile"))
      << describe(triples);
}

TEST(TitleRule, CommonNounOverANameTakesItsModifiersAlong) {
  // "senate leader Ana Ruiz" with "leader" over the name: the name is the subject
  const auto triples = Extractor().extract(load_fixture("titles.conllu"));
  EXPECT_TRUE(find_triple(triples, "thing/ana_ruiz", "fly_to", "thing/lima")) << describe(triples);
  for (const auto& t : in_sentence(triples, 9)) EXPECT_NE(t.subject.key, "concept/senate_leader") << describe(triples);
}

TEST(TitleRule, AWellFormedTitleAndNameAreLeftAlone) {
  // "Busy lawyer Ana Ruiz spoke.": the title already under the name, the name's words flat
  const Document doc = load_fixture("titles.conllu");
  const SentenceTree tree(doc, 7);
  const std::uint32_t first = doc.sentences()[7].tokens.begin;
  const std::uint32_t lawyer = first + 1, ana = first + 2, ruiz = first + 3, spoke = first + 4;
  expect_arc(tree, lawyer, ana, "compound");
  expect_arc(tree, ruiz, ana, "flat");
  expect_arc(tree, ana, spoke, "nsubj");
}

}  // namespace
}  // namespace text2kg::testing
