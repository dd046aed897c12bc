#include <gtest/gtest.h>

#include "text2kg/base/error.hpp"
#include "text2kg/coref/coref_metrics.hpp"
#include "text2kg/coref/corefud_reader.hpp"
#include "text2kg/io/conllu.hpp"

namespace text2kg::coref {
namespace {

ScoredMention at(std::uint32_t i) { return {i, i + 1}; }

// The example of Pradhan et al. (2014), "Scoring coreference partitions of predicted
// mentions: a reference implementation", figure 1: key {a b c} {d e f g}; response {a b}
// {c d} {f g h i} (h and i are not in the key). Mentions a..i are 0..8.
struct PradhanExample : ::testing::Test {
  std::vector<Cluster> key = {{at(0), at(1), at(2)}, {at(3), at(4), at(5), at(6)}};
  std::vector<Cluster> response = {{at(0), at(1)}, {at(2), at(3)}, {at(5), at(6), at(7), at(8)}};
};

TEST_F(PradhanExample, Muc) {
  // recall: (3 - 2) + (4 - 3) links of 2 + 3; precision: (2-1) + (2-2) + (4-3) of 1 + 1 + 3
  const MetricCounts m = muc(key, response);
  EXPECT_DOUBLE_EQ(m.recall(), 2.0 / 5.0);
  EXPECT_DOUBLE_EQ(m.precision(), 2.0 / 5.0);
  EXPECT_DOUBLE_EQ(m.f1(), 0.4);
}

TEST_F(PradhanExample, BCubed) {
  // recall: (2^2/3 + 1^2/3 + 1^2/4 + 2^2/4) / 7; precision: (2^2/2 + 1/2 + 1/2 + 2^2/4) / 8
  const MetricCounts m = b_cubed(key, response);
  EXPECT_NEAR(m.recall(), (4.0 / 3 + 1.0 / 3 + 0.25 + 1.0) / 7, 1e-12);
  EXPECT_NEAR(m.precision(), 4.0 / 8, 1e-12);
}

TEST_F(PradhanExample, CeafE) {
  // phi4: K1-R1 4/5, K1-R2 2/5, K2-R2 2/6, K2-R3 4/8; best alignment K1-R1 + K2-R3 = 1.3
  const MetricCounts m = ceaf_e(key, response);
  EXPECT_NEAR(m.recall(), 1.3 / 2, 1e-12);
  EXPECT_NEAR(m.precision(), 1.3 / 3, 1e-12);
}

TEST(CorefMetrics, PerfectResponseScoresOne) {
  const std::vector<Cluster> key = {{at(0), at(2)}, {at(1), at(3), at(4)}};
  CorefScores s;
  s.add(key, key);
  EXPECT_DOUBLE_EQ(s.muc.f1(), 1.0);
  EXPECT_DOUBLE_EQ(s.b_cubed.f1(), 1.0);
  EXPECT_DOUBLE_EQ(s.ceaf_e.f1(), 1.0);
  EXPECT_DOUBLE_EQ(s.conll_f1(), 1.0);
}

TEST(CorefMetrics, EmptyResponseScoresZeroWithoutDividingByZero) {
  const std::vector<Cluster> key = {{at(0), at(1)}};
  CorefScores s;
  s.add(key, {});
  EXPECT_DOUBLE_EQ(s.conll_f1(), 0.0);
  EXPECT_DOUBLE_EQ(s.muc.recall(), 0.0);
}

TEST(CorefMetrics, DocumentsAreMicroAveraged) {
  // doc 1 perfect (MUC 1 of 1 link), doc 2 nothing found (0 of 2): recall 1/3, not (1 + 0) / 2
  CorefScores s;
  s.add(std::vector<Cluster>{{at(0), at(1)}}, std::vector<Cluster>{{at(0), at(1)}});
  s.add(std::vector<Cluster>{{at(0), at(1), at(2)}}, std::vector<Cluster>{});
  EXPECT_DOUBLE_EQ(s.muc.recall(), 1.0 / 3.0);
}

TEST(CorefMetrics, AssignmentMaximisesTheSum) {
  // greedy would take 0.9 (row 0 -> col 0) and then 0.1; the best is 0.8 + 0.7
  const std::vector<double> scores = {0.9, 0.8, 0.0,  //
                                      0.7, 0.1, 0.0};
  const std::vector<int> a = max_weight_assignment(scores, 2, 3);
  EXPECT_EQ(a[0], 1);
  EXPECT_EQ(a[1], 0);
}

TEST(CorefMetrics, SingletonsAreDropped) {
  const std::vector<Cluster> clusters = {{at(0)}, {at(1), at(2)}, {at(3)}};
  EXPECT_EQ(without_singletons(clusters).size(), 1U);
}

Document with_misc(const std::vector<std::string>& misc) {
  std::string conllu = "# newdoc id = doc1\n# sent_id = s1\n";
  for (std::size_t i = 0; i < misc.size(); ++i) {
    conllu += std::to_string(i + 1) + "\tw" + std::to_string(i) + "\tw\tNOUN\tNN\t_\t" + (i == 0 ? "0\troot" : "1\tdep") +
              "\t_\t" + misc[i] + "\n";
  }
  return io::read_conllu(conllu + "\n", "doc1.conllu").at(0);
}

TEST(CorefUdReader, NestedAndOneWordMentions) {
  const Document doc = with_misc({"Entity=(1-person-new-1-coref(2-place-new-1-coref)", "Entity=1)",
                                  "SpaceAfter=No|Entity=(1-person-giv:act-1-ana)"});
  const auto mentions = read_gold_mentions(doc);
  ASSERT_EQ(mentions.size(), 3U);
  EXPECT_EQ(mentions[0].entity, "1");
  EXPECT_EQ(mentions[0].etype, "person");
  EXPECT_EQ(mentions[0].tokens, (TokenRange{0, 2}));
  EXPECT_EQ(mentions[1].entity, "2");
  EXPECT_EQ(mentions[1].tokens, (TokenRange{0, 1}));
  const auto clusters = gold_clusters(doc, mentions);
  ASSERT_EQ(clusters.size(), 2U);
  EXPECT_EQ(clusters[0].size(), 2U);
}

TEST(CorefUdReader, UnclosedMentionNamesDocumentAndSentence) {
  const Document doc = with_misc({"Entity=(1-person-new-1-coref", "_"});
  try {
    read_gold_mentions(doc);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("doc1"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("sentence s1, word 1"), std::string::npos) << e.what();
  }
}

TEST(CorefUdReader, ClosingWithoutOpeningIsAnError) {
  const Document doc = with_misc({"_", "Entity=4)"});
  EXPECT_THROW(read_gold_mentions(doc), InputError);
}

}  // namespace
}  // namespace text2kg::coref
