#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "coref_fixture.hpp"
#include "text2kg/coref/extent_model.hpp"
#include "text2kg/coref/extent_model_training.hpp"
#include "text2kg/coref/mention_detection.hpp"
#include "text2kg/io/conllu.hpp"
#include "text2kg/nlp/feature_hash.hpp"

namespace text2kg::coref {
namespace {

using testing::statistics;

/// "Kim found a <noun> in a box." parsed with "in a box" under the noun (the attachment our
/// parser may choose), while the gold mention is "a <noun>" alone: the phrase belongs to the
/// verb. CoNLL-U with GUM's Entity= annotations.
std::string found_in_a_box(const std::string& id, const std::string& noun) {
  std::ostringstream out;
  out << "# newdoc id = " << id << "\n"
      << "1\tKim\tKim\tPROPN\tNNP\t_\t2\tnsubj\t_\tEntity=(1-person-new-1-coref)\n"
      << "2\tfound\tfind\tVERB\tVBD\t_\t0\troot\t_\t_\n"
      << "3\ta\ta\tDET\tDT\t_\t4\tdet\t_\tEntity=(2-object-new-1-coref\n"
      << "4\t" << noun << '\t' << noun << "\tNOUN\tNN\t_\t2\tobj\t_\tEntity=2)\n"
      << "5\tin\tin\tADP\tIN\t_\t7\tcase\t_\t_\n"
      << "6\ta\ta\tDET\tDT\t_\t7\tdet\t_\tEntity=(3-object-new-1-coref\n"
      << "7\tbox\tbox\tNOUN\tNN\t_\t4\tnmod\t_\tEntity=3)|SpaceAfter=No\n"
      << "8\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
  return out.str();
}

/// The extent of the mention headed by token `head`, lower case ("" when there is none).
std::string extent_at(const Document& doc, const std::vector<CorefMention>& mentions, std::uint32_t head) {
  for (const CorefMention& m : mentions) {
    if (m.head == head && !m.coordination) return lower_text(doc, m.extent);
  }
  return "";
}

TEST(ExtentCuts, CutWhereASubtreeBeginsAndNeverInsideTheName) {
  const Document doc = io::read_conllu(found_in_a_box("d", "key"), "d.conllu").at(0);
  std::vector<ExtentCut> cuts;
  extent_cuts(doc, {2, 7}, 3, {3, 4}, false, cuts);
  ASSERT_EQ(cuts.size(), 1U);  // "a key | in a box": "in" starts the only subtree after the head
  EXPECT_TRUE(cuts[0].right);
  EXPECT_EQ(lower_text(doc, cuts[0].extent), "a key");
  EXPECT_FALSE(cuts[0].features.empty());
  // a phrase starting with its determiner keeps it; the name itself is never cut
  extent_cuts(doc, {2, 7}, 3, {2, 7}, false, cuts);
  EXPECT_TRUE(cuts.empty());
}

TEST(ExtentModel, NeverCutsBeforeAnOfPhrase) {
  // "Kim found a box of coins in a car": a model that takes every cut (a positive bias on
  // the right) still keeps "of coins", though the cut there is listed
  const Document doc = testing::parse(
      "1 Kim Kim PROPN NNP _ 2 nsubj\n2 found find VERB VBD _ 0 root\n3 a a DET DT _ 4 det\n"
      "4 box box NOUN NN _ 2 obj\n5 of of ADP IN _ 6 case\n6 coins coin NOUN NNS _ 4 nmod\n"
      "7 in in ADP IN _ 9 case\n8 a a DET DT _ 9 det\n9 car car NOUN NN _ 4 nmod\n10 . . PUNCT . _ 2 punct\n");
  std::vector<ExtentCut> cuts;
  extent_cuts(doc, {2, 9}, 3, {3, 4}, false, cuts);
  ASSERT_EQ(cuts.size(), 2U);
  EXPECT_EQ(lower_text(doc, cuts[0].extent), "a box");
  EXPECT_EQ(lower_text(doc, cuts[1].extent), "a box of coins");
  const ExtentModel model({{nlp::FeatureHash(1).value(), 1.0F}});
  EXPECT_EQ(lower_text(doc, model.refine(doc, {2, 9}, 3, {3, 4}, false)), "a box of coins");
}

TEST(ExtentModel, LearnsToLeaveOutAPhraseGumDoesNotCount) {
  std::vector<Document> train;
  std::vector<std::vector<TokenRange>> mentions;
  for (const char* noun : {"key", "coin", "ring", "note", "map", "pen"}) {
    train.push_back(io::read_conllu(found_in_a_box(std::string("t") + noun, noun), "t.conllu").at(0));
    mentions.push_back(project_gold_mentions(train.back(), train.back()));
  }
  ASSERT_EQ(mentions[0].size(), 3U);
  EXPECT_EQ(lower_text(train[0], mentions[0][1]), "a key");
  ExtentModelTraining training;
  training.epochs = 3;
  const ExtentModel model = train_extent_model(train, mentions, statistics(), training);
  const Document test = io::read_conllu(found_in_a_box("test", "cup"), "test.conllu").at(0);
  EXPECT_EQ(extent_at(test, detect_mentions(test, statistics()), 3), "a cup in a box");
  EXPECT_EQ(extent_at(test, detect_mentions(test, statistics(), &model), 3), "a cup");
  // the same weights, saved and read back
  const auto file = std::filesystem::temp_directory_path() / "text2kg_extent_model_test.tsv";
  model.save(file, "test model");
  const ExtentModel loaded = ExtentModel::load(file);
  EXPECT_EQ(loaded.size(), model.size());
  EXPECT_EQ(extent_at(test, detect_mentions(test, statistics(), &loaded), 3), "a cup");
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace text2kg::coref
