#include <gtest/gtest.h>

#include "coref_fixture.hpp"
#include "text2kg/coref/coref_stage.hpp"
#include "text2kg/extract/entity_resolution.hpp"
#include "text2kg/extract/extractor.hpp"
#include "text2kg/graph/knowledge_graph.hpp"

namespace text2kg::extract {
namespace {

using coref::testing::name;
using coref::testing::parse;
using coref::testing::union_of_northern_ports;

Document analysed(Document doc) {
  coref::CorefStage(coref::testing::statistics()).process(doc);
  return doc;
}

TEST(EntityResolution, SurnameJoinsFullName) {
  const auto entities = document_entities(analysed(coref::testing::whitfields()));
  ASSERT_EQ(entities.size(), 2U);
  EXPECT_EQ(entities[0].key, "person/dana_whitfield");
  EXPECT_EQ(entities[0].name, "Dana Whitfield");
  EXPECT_EQ(entities[0].type, EntityType::Person);
  EXPECT_EQ(entities[0].aliases, (std::vector<std::string>{"Dana Whitfield", "Whitfield"}));
  EXPECT_EQ(entities[0].mention_count, 2U);
  EXPECT_EQ(entities[1].key, "person/lee_whitfield");
  EXPECT_EQ(entities[1].mention_count, 1U);
}

TEST(EntityResolution, WashingtonCityAndPersonStayApart) {
  Document doc = parse(
      "1 Washington Washington PROPN NNP _ 2 nsubj\n2 spoke speak VERB VBD _ 0 root\n3 . . PUNCT . _ 2 punct\n\n"
      "1 Crowds crowd NOUN NNS Number=Plur 2 nsubj\n2 filled fill VERB VBD _ 0 root\n"
      "3 Washington Washington PROPN NNP _ 2 obj\n4 . . PUNCT . _ 2 punct\n");
  name(doc, 0, 0, EntityType::Person);
  name(doc, 5, 5, EntityType::Place);
  const auto entities = document_entities(analysed(std::move(doc)));
  ASSERT_EQ(entities.size(), 2U);
  EXPECT_EQ(entities[0].key, "person/washington");
  EXPECT_EQ(entities[1].key, "place/washington");
  // and across documents the graph keeps them apart while joining equal keys
  graph::KnowledgeGraph g;
  for (const Entity& e : entities) g.add_entity(e);
  for (const Entity& e : entities) g.add_entity(e);
  EXPECT_EQ(g.node_count(), 2U);
  EXPECT_EQ(g.node(*g.find("place/washington")).entity.mention_count, 2U);
}

TEST(EntityResolution, AcronymBecomesAnAlias) {
  Document doc = union_of_northern_ports();
  const auto entities = document_entities(analysed(std::move(doc)));
  ASSERT_EQ(entities.size(), 1U);
  EXPECT_EQ(entities[0].key, "organization/union_of_northern_ports");
  EXPECT_EQ(entities[0].aliases, (std::vector<std::string>{"UNP", "Union of Northern Ports"}));
  EXPECT_EQ(entities[0].mention_count, 3U);
}

TEST(EntityResolution, PronounResolvesToTheNamedEntityKey) {
  // "Mr Tolland met the council. He thanked it." -- "he" takes Tolland's key; the
  // council's chain has no name, so it gives no entity.
  Document doc = parse(
      "1 Mr Mr PROPN NNP _ 2 compound\n2 Tolland Tolland PROPN NNP _ 3 nsubj\n3 met meet VERB VBD _ 0 root\n"
      "4 the the DET DT _ 5 det\n5 council council NOUN NN Number=Sing 3 obj\n6 . . PUNCT . _ 3 punct\n\n"
      "1 He he PRON PRP Case=Nom|Gender=Masc|Number=Sing|Person=3|PronType=Prs 2 nsubj\n"
      "2 thanked thank VERB VBD _ 0 root\n3 it it PRON PRP Number=Sing|Person=3|PronType=Prs 2 obj\n"
      "4 . . PUNCT . _ 2 punct\n");
  name(doc, 0, 1, EntityType::Person);
  const Document done = analysed(std::move(doc));
  const auto entities = document_entities(done);
  ASSERT_EQ(entities.size(), 1U);
  EXPECT_EQ(entities[0].key, "person/tolland");
  EXPECT_EQ(entities[0].mention_count, 2U);
}

TEST(EntityResolution, CopularPredicateKeepsItsOwnNode) {
  // "Kim Ralston is the mayor." -- coreferent, but the fact must not become a loop on Kim
  Document doc = parse(
      "1 Kim Kim PROPN NNP Number=Sing 5 nsubj\n2 Ralston Ralston PROPN NNP Number=Sing 1 flat\n"
      "3 is be AUX VBZ _ 5 cop\n4 the the DET DT _ 5 det\n5 mayor mayor NOUN NN Number=Sing 0 root\n"
      "6 . . PUNCT . _ 5 punct\n");
  name(doc, 0, 1, EntityType::Person);
  const Document done = analysed(std::move(doc));
  ASSERT_EQ(done.chains().size(), 1U);
  const auto triples = Extractor().extract(done);
  const bool kept = std::any_of(triples.begin(), triples.end(), [](const Triple& t) {
    return t.subject.key == "person/kim_ralston" && t.object.key != t.subject.key;
  });
  EXPECT_TRUE(kept);
}

TEST(EntityResolution, OneRecogniserSlipDoesNotSplitAPerson) {
  // "Kim Ralston spoke. Ralston left. Ralston returned. Ralston won." with the second name
  // typed Place: the name's other uses outvote it.
  Document doc = parse(
      "1 Kim Kim PROPN NNP _ 3 nsubj\n2 Ralston Ralston PROPN NNP _ 1 flat\n3 spoke speak VERB VBD _ 0 root\n"
      "4 . . PUNCT . _ 3 punct\n\n"
      "1 Ralston Ralston PROPN NNP _ 2 nsubj\n2 left leave VERB VBD _ 0 root\n3 . . PUNCT . _ 2 punct\n\n"
      "1 Ralston Ralston PROPN NNP _ 2 nsubj\n2 returned return VERB VBD _ 0 root\n3 . . PUNCT . _ 2 punct\n\n"
      "1 Ralston Ralston PROPN NNP _ 2 nsubj\n2 won win VERB VBD _ 0 root\n3 . . PUNCT . _ 2 punct\n");
  name(doc, 0, 1, EntityType::Person);
  name(doc, 4, 4, EntityType::Place);
  name(doc, 7, 7, EntityType::Person);
  name(doc, 10, 10, EntityType::Person);
  const auto entities = document_entities(analysed(std::move(doc)));
  ASSERT_EQ(entities.size(), 1U);
  EXPECT_EQ(entities[0].key, "person/kim_ralston");
  EXPECT_EQ(entities[0].mention_count, 4U);
}

TEST(EntityResolution, NameTheRecogniserTypedBothWaysJoinsTheFullName) {
  // "Kim Ralston spoke. Ralston left. ... Ralston lost. Ralston wept." with the surname typed
  // Other three times and Person twice: a split vote is no evidence against the full name.
  Document doc = parse(
      "1 Kim Kim PROPN NNP _ 3 nsubj\n2 Ralston Ralston PROPN NNP _ 1 flat\n3 spoke speak VERB VBD _ 0 root\n"
      "4 . . PUNCT . _ 3 punct\n\n"
      "1 Ralston Ralston PROPN NNP _ 2 nsubj\n2 left leave VERB VBD _ 0 root\n3 . . PUNCT . _ 2 punct\n\n"
      "1 Ralston Ralston PROPN NNP _ 2 nsubj\n2 returned return VERB VBD _ 0 root\n3 . . PUNCT . _ 2 punct\n\n"
      "1 Ralston Ralston PROPN NNP _ 2 nsubj\n2 won win VERB VBD _ 0 root\n3 . . PUNCT . _ 2 punct\n\n"
      "1 Ralston Ralston PROPN NNP _ 2 nsubj\n2 lost lose VERB VBD _ 0 root\n3 . . PUNCT . _ 2 punct\n\n"
      "1 Ralston Ralston PROPN NNP _ 2 nsubj\n2 wept weep VERB VBD _ 0 root\n3 . . PUNCT . _ 2 punct\n");
  name(doc, 0, 1, EntityType::Person);
  name(doc, 4, 4, EntityType::Other);
  name(doc, 7, 7, EntityType::Person);
  name(doc, 10, 10, EntityType::Other);
  name(doc, 13, 13, EntityType::Person);
  name(doc, 16, 16, EntityType::Other);
  const auto entities = document_entities(analysed(std::move(doc)));
  ASSERT_EQ(entities.size(), 1U);
  EXPECT_EQ(entities[0].key, "person/kim_ralston");
  EXPECT_EQ(entities[0].mention_count, 6U);
}

TEST(EntityResolution, TheSameNameTypedOtherJoinsItsTypedUse) {
  // "Delmont Corp grew. Delmont Corp fell." with the second name typed Other.
  Document doc = parse(
      "1 Delmont Delmont PROPN NNP _ 2 compound\n2 Corp Corp PROPN NNP _ 3 nsubj\n3 grew grow VERB VBD _ 0 root\n"
      "4 . . PUNCT . _ 3 punct\n\n"
      "1 Delmont Delmont PROPN NNP _ 2 compound\n2 Corp Corp PROPN NNP _ 3 nsubj\n3 fell fall VERB VBD _ 0 root\n"
      "4 . . PUNCT . _ 3 punct\n");
  name(doc, 0, 1, EntityType::Organization);
  name(doc, 4, 5, EntityType::Other);
  const auto entities = document_entities(analysed(std::move(doc)));
  ASSERT_EQ(entities.size(), 1U);
  EXPECT_EQ(entities[0].key, "organization/delmont_corp");
  EXPECT_EQ(entities[0].mention_count, 2U);
}

}  // namespace
}  // namespace text2kg::extract
