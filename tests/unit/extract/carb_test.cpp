#include <gtest/gtest.h>

#include <sstream>

#include "paths.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/extract/carb.hpp"
#include "triples.hpp"

namespace text2kg::extract::carb {
namespace {

Extraction ex(std::string relation, std::vector<std::string> args, double confidence = 1.0) {
  return Extraction{std::move(relation), std::move(args), confidence};
}

TEST(Carb, SentenceKeyIgnoresSpacesPunctuationAndEscapes) {
  EXPECT_EQ(sentence_key("Bush -LRB- R -RRB- said , `` no . ''"), "BushRsaidno");
  EXPECT_EQ(sentence_key("Bush (R) said, ``no.''"), sentence_key("Bush -LRB- R -RRB- said , `` no . ''"));
}

TEST(Carb, ExactMatchScoresOne) {
  const auto s = score_pair(ex("made", {"Bush", "an offer"}), ex("made", {"Bush", "an offer"}));
  EXPECT_TRUE(s.matched);
  EXPECT_DOUBLE_EQ(s.precision, 1.0);
  EXPECT_DOUBLE_EQ(s.recall, 1.0);
}

TEST(Carb, TokenLevelPartialMatch) {
  // relation 1/1; ARG1 Bush in {President, Bush}; ARG2 {an, offer} in {an, offer, on, wages}
  const auto s = score_pair(ex("made", {"Bush", "an offer"}), ex("made", {"President Bush", "an offer on wages"}));
  EXPECT_TRUE(s.matched);
  EXPECT_DOUBLE_EQ(s.precision, 4.0 / 7.0);
  EXPECT_DOUBLE_EQ(s.recall, 1.0);
}

TEST(Carb, FurtherArgumentsAreJoinedIntoArg2) {
  const auto s = score_pair(ex("made", {"Bush", "an offer", "this year"}), ex("made", {"Bush", "an offer"}));
  EXPECT_DOUBLE_EQ(s.precision, 1.0);
  EXPECT_DOUBLE_EQ(s.recall, 4.0 / 6.0);
}

TEST(Carb, RelationMustShareAToken) {
  EXPECT_FALSE(score_pair(ex("made", {"Bush", "an offer"}), ex("offered", {"Bush", "an offer"})).matched);
  const auto be = score_pair(ex("is", {"Bush", "President"}), ex("be", {"Bush", "President"}));
  EXPECT_TRUE(be.matched);
  EXPECT_DOUBLE_EQ(be.recall, 1.0);
}

TEST(Carb, BothArgumentsMustBePredicted) {
  EXPECT_FALSE(score_pair(ex("made", {"Bush", "an offer"}), ex("made", {"Bush"})).matched);
}

TEST(Carb, SaidRelationsMayHaveSwappedArguments) {
  const auto s = score_pair(ex("said", {"Bush", "talks failed"}), ex("said", {"talks failed", "Bush"}));
  EXPECT_DOUBLE_EQ(s.recall, 1.0);
  const auto other = score_pair(ex("made", {"Bush", "talks failed"}), ex("made", {"talks failed", "Bush"}));
  EXPECT_DOUBLE_EQ(other.recall, 1.0 / 4.0);  // only the relation matches: 1 of 4 gold tokens
}

TEST(Carb, CurveAucAndBestF1) {
  ExtractionSet gold;
  gold["s1"] = {ex("made", {"Bush", "an offer"}), ex("is", {"Bush", "President"})};
  ExtractionSet system;
  system["s1"] = {ex("made", {"Bush", "an offer"}, 0.9), ex("ran", {"x", "y"}, 0.5)};
  const Score s = score(gold, system);
  ASSERT_EQ(s.curve.size(), 2U);
  EXPECT_DOUBLE_EQ(s.curve[0].precision, 1.0);
  EXPECT_DOUBLE_EQ(s.curve[0].recall, 0.5);
  EXPECT_DOUBLE_EQ(s.curve[1].precision, 0.5);
  EXPECT_DOUBLE_EQ(s.curve[1].recall, 0.5);
  EXPECT_NEAR(s.f1, 2.0 / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(s.threshold, 0.9);
  EXPECT_DOUBLE_EQ(s.auc, 0.5);
  EXPECT_DOUBLE_EQ(s.precision_all, 0.5);
}

TEST(Carb, OnePredictionServesRecallOfManyButPrecisionOnce) {
  ExtractionSet gold;
  gold["s1"] = {ex("made", {"Bush", "an offer"}), ex("made", {"Bush", "an offer"})};
  ExtractionSet system;
  system["s1"] = {ex("made", {"Bush", "an offer"}, 1.0)};
  const Score s = score(gold, system);
  EXPECT_DOUBLE_EQ(s.recall, 1.0);
  EXPECT_DOUBLE_EQ(s.precision, 1.0);
  system["s1"].push_back(ex("made", {"Bush", "an offer"}, 1.0));
  system["s1"].push_back(ex("made", {"Bush", "an offer"}, 1.0));
  EXPECT_NEAR(score(gold, system).precision, 2.0 / 3.0, 1e-12);
}

TEST(Carb, PredictionsOnSentencesWithoutGoldAreIgnored) {
  ExtractionSet gold;
  gold["s1"] = {ex("made", {"Bush", "an offer"})};
  ExtractionSet system;
  system["s1"] = {ex("made", {"Bush", "an offer"}, 1.0)};
  system["other"] = {ex("ran", {"x", "y"}, 1.0)};
  const Score s = score(gold, system);
  EXPECT_EQ(s.predicted_count, 1U);
  EXPECT_DOUBLE_EQ(s.f1, 1.0);
}

TEST(Carb, ReadersDropContextAndTrailingEmptyFields) {
  const auto gold = read_gold("A b c .\tmade\tA\tb\tC: X said\t\n", "g.tsv");
  ASSERT_EQ(gold.size(), 1U);
  const auto& e = gold.begin()->second.front();
  EXPECT_EQ(e.relation, "made");
  EXPECT_EQ(e.arguments, (std::vector<std::string>{"A", "b"}));
  const auto system = read_system("A b c .\t0.25\tmade\tA\tb\n", "s.tsv");
  EXPECT_DOUBLE_EQ(system.at("Abc").front().confidence, 0.25);
}

TEST(Carb, ReadersReportFileAndLine) {
  try {
    read_system("A b .\t0.5\tmade\tA\tb\nA b .\thigh\tmade\tA\tb\n", "sys.tsv");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("sys.tsv:2"), std::string::npos) << e.what();
  }
  EXPECT_THROW(read_gold("only one field\n", "g.tsv"), InputError);
}

TEST(Carb, WriterEmitsTabbedSystemLines) {
  Triple t = testing::triple(testing::argument(EntityType::Person, "Evo Morales"), "fled_to", "flee_to",
                             testing::argument(EntityType::Place, "Mexico"), "doc", 0, 0.8);
  t.subject.phrase = "Bolivia 's former president Evo Morales";
  std::ostringstream out;
  write_system_lines(out, "Morales fled to Mexico .", {t});
  EXPECT_EQ(out.str(), "Morales fled to Mexico .\t0.800\tfled to\tBolivia 's former president Evo Morales\tMexico\n");
  const auto back = read_system(out.str(), "round-trip");
  const auto& e = back.begin()->second.front();
  EXPECT_EQ(e.relation, "fled to");
  EXPECT_DOUBLE_EQ(e.confidence, 0.8);
}

TEST(Carb, NegatedRelationCarriesNotAfterAnAuxiliary) {
  Triple t = testing::triple(testing::argument(EntityType::Person, "Evo Morales"), "did_sell", "do_sell",
                             testing::argument(EntityType::Other, "shares"), "doc", 0, 0.8);
  t.provenance.negated = true;
  EXPECT_EQ(relation_phrase(t), "did not sell");
  t.predicate = "sold";
  EXPECT_EQ(relation_phrase(t), "not sold");
  t.provenance.negated = false;
  EXPECT_EQ(relation_phrase(t), "sold");
}

TEST(Carb, ModalAuxiliaryJoinsTheRelationButControlVerbsDoNot) {
  Triple t = testing::triple(testing::argument(EntityType::Person, "Morales"), "come_to", "come_to",
                             testing::argument(EntityType::Place, "Mexico"), "doc", 0, 0.8);
  t.provenance.modality = "would";
  t.provenance.negated = true;
  EXPECT_EQ(relation_phrase(t), "would not come to");
  t.provenance.modality = "pledged";
  t.provenance.negated = false;
  EXPECT_EQ(relation_phrase(t), "come to");
}

TEST(Carb, TimeModifierIsAFurtherArgumentUnlessAlreadyInOne) {
  Triple t = testing::triple(testing::argument(EntityType::Person, "Morales"), "fled_to", "flee_to",
                             testing::argument(EntityType::Place, "Mexico"), "doc", 0, 0.8);
  t.subject.phrase = "Morales";
  t.object.phrase = "Mexico";
  t.provenance.time = "on Monday";
  EXPECT_EQ(argument_phrases(t), (std::vector<std::string>{"Morales", "Mexico", "on Monday"}));
  std::ostringstream out;
  write_system_lines(out, "Morales fled to Mexico on Monday .", {t});
  EXPECT_EQ(out.str(), "Morales fled to Mexico on Monday .\t0.800\tfled to\tMorales\tMexico\ton Monday\n");
  t.object.phrase = "Mexico on Monday";
  EXPECT_EQ(argument_phrases(t).size(), 2U);
}

TEST(Carb, ArgumentsDropPossessiveCliticAndRepeatedObject) {
  Triple t = testing::triple(testing::argument(EntityType::Other, "leaders"), "of", "of",
                             testing::argument(EntityType::Organization, "GIWU"), "doc", 0, 0.5);
  t.subject.phrase = "leaders of the GIWU";
  t.object.phrase = "the GIWU";
  EXPECT_EQ(argument_phrases(t), (std::vector<std::string>{"leaders", "the GIWU"}));
  t.subject.phrase = "statement";
  t.object.phrase = "Blackburne 's";
  EXPECT_EQ(argument_phrases(t), (std::vector<std::string>{"statement", "Blackburne"}));
  t.subject.phrase = "the GIWU";  // the whole subject is the object: kept as it is
  t.object.phrase = "the GIWU";
  EXPECT_EQ(argument_phrases(t)[0], "the GIWU");
}

TEST(Carb, NounToHolderFactsReadIsOfWithLowerConfidence) {
  Triple t = testing::triple(testing::argument(EntityType::Other, "leaders"), "of", "of",
                             testing::argument(EntityType::Organization, "GIWU"), "doc", 0, 0.5);
  t.provenance.rule = "nominal.of";
  EXPECT_EQ(relation_phrase(t), "is of");
  EXPECT_LT(carb_confidence(t), 0.5);
  t.provenance.rule = "clause.obl";
  EXPECT_EQ(relation_phrase(t), "of");
  EXPECT_DOUBLE_EQ(carb_confidence(t), 0.5);
}

TEST(Carb, ObliqueOfAnObjectClauseIsFoldedIntoOneNaryExtraction) {
  const auto make = [](const std::string& predicate, const std::string& object, const std::string& rule) {
    Triple t = testing::triple(testing::argument(EntityType::Person, "Morales"), predicate, predicate,
                               testing::argument(EntityType::Other, object), "doc", 0, 0.5);
    t.subject.phrase = "Morales";
    t.object.phrase = object;
    t.provenance.rule = rule;
    return t;
  };
  const auto views = carb_extractions(
      {make("sold", "the shares", "clause.svo"), make("sold_to", "a bank", "clause.obl"), make("met", "Lula", "clause.svo")});
  ASSERT_EQ(views.size(), 2U);
  EXPECT_EQ(views[0].relation, "sold");
  EXPECT_EQ(views[0].arguments, (std::vector<std::string>{"Morales", "the shares", "to a bank"}));
  EXPECT_EQ(views[1].arguments, (std::vector<std::string>{"Morales", "Lula"}));
  // A relative clause names objects and obliques alike; the relation prefix tells them apart.
  const auto relative = carb_extractions({make("sold", "the shares", "clause.relcl"), make("sold_to", "a bank", "clause.relcl")});
  ASSERT_EQ(relative.size(), 1U);
  EXPECT_EQ(relative[0].arguments.back(), "to a bank");
  // Another subject's oblique is not folded.
  Triple other = make("sold_to", "a bank", "clause.obl");
  other.subject.phrase = "Lula";
  EXPECT_EQ(carb_extractions({make("sold", "the shares", "clause.svo"), other}).size(), 2U);
}

TEST(Carb, ObliquesOfOneVerbWithoutObjectShareOneExtraction) {
  const auto make = [](const std::string& predicate, const std::string& object) {
    Triple t = testing::triple(testing::argument(EntityType::Person, "Morales"), predicate, predicate,
                               testing::argument(EntityType::Other, object), "doc", 0, 0.5);
    t.subject.phrase = "Morales";
    t.object.phrase = object;
    t.provenance.rule = "clause.obl";
    return t;
  };
  const auto views = carb_extractions({make("fled_to", "Mexico"), make("fled_with", "his family"), make("met_with", "Lula")});
  ASSERT_EQ(views.size(), 2U);
  EXPECT_EQ(views[0].relation, "fled to");
  EXPECT_EQ(views[0].arguments, (std::vector<std::string>{"Morales", "Mexico", "with his family"}));
  EXPECT_EQ(views[1].relation, "met with");
}

TEST(Carb, PossessiveFactReadsHolderHasThing) {
  Triple t = testing::triple(testing::argument(EntityType::Other, "supporters"), "of", "of",
                             testing::argument(EntityType::Person, "Morales"), "doc", 0, 0.5);
  t.provenance.rule = "possessive.of";
  t.subject.phrase = "Morales 's supporters";
  t.object.phrase = "Morales 's";
  EXPECT_EQ(relation_phrase(t), "has");
  EXPECT_EQ(argument_phrases(t), (std::vector<std::string>{"Morales", "supporters"}));
}

TEST(Carb, DevGoldAgainstItselfIsPerfect) {
  const auto gold = read_gold_file(text2kg::testing::shared_dir() / "data" / "carb" / "dev_gold.tsv");
  EXPECT_EQ(gold.size(), 638U);
  const Score s = score(gold, gold);
  EXPECT_EQ(s.gold_count, 2548U);
  EXPECT_DOUBLE_EQ(s.precision, 1.0);
  EXPECT_DOUBLE_EQ(s.recall, 1.0);
  EXPECT_DOUBLE_EQ(s.f1, 1.0);
  EXPECT_DOUBLE_EQ(s.auc, 1.0);
}

}  // namespace
}  // namespace text2kg::extract::carb
