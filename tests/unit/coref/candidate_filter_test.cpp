#include <gtest/gtest.h>

#include <algorithm>

#include "coref_fixture.hpp"
#include "text2kg/coref/candidate_filter.hpp"

namespace text2kg::coref {
namespace {

using testing::name;
using testing::parse;
using testing::statistics;
using testing::whitfields;

std::uint32_t mention_with_text(const Document& doc, const std::vector<CorefMention>& mentions, const std::string& text) {
  const auto it = std::find_if(mentions.begin(), mentions.end(),
                               [&](const CorefMention& m) { return lower_text(doc, m.extent) == text; });
  EXPECT_NE(it, mentions.end()) << text;
  return static_cast<std::uint32_t>(it - mentions.begin());
}

/// "The bridge opened. Crowds crossed the bridge."
Document bridge_twice() {
  return parse(
      "1 The the DET DT _ 2 det\n2 bridge bridge NOUN NN Number=Sing 3 nsubj\n3 opened open VERB VBD _ 0 root\n"
      "4 . . PUNCT . _ 3 punct\n\n"
      "1 Crowds crowd NOUN NNS Number=Plur 2 nsubj\n2 crossed cross VERB VBD _ 0 root\n"
      "3 the the DET DT _ 4 det\n4 bridge bridge NOUN NN Number=Sing 2 obj\n5 . . PUNCT . _ 2 punct\n");
}

TEST(IdLists, KeepsEachIdsMentionsInTheOrderAdded) {
  IdLists lists;
  EXPECT_TRUE(lists.of(0).empty());
  lists.add(2, 0);
  lists.add(0, 1);
  lists.add(2, 3);
  lists.add(2, 5);
  lists.add(0, 7);
  lists.finish();
  const auto as_vector = [&](std::uint32_t id) {
    const auto list = lists.of(id);
    return std::vector<std::uint32_t>(list.begin(), list.end());
  };
  EXPECT_EQ(as_vector(0), (std::vector<std::uint32_t>{1, 7}));
  EXPECT_TRUE(lists.of(1).empty());  // an id between used ones
  EXPECT_EQ(as_vector(2), (std::vector<std::uint32_t>{0, 3, 5}));
  EXPECT_TRUE(lists.of(3).empty());  // beyond the largest id
  EXPECT_TRUE(lists.of(UINT32_MAX).empty());
  IdLists none;
  none.finish();
  EXPECT_TRUE(none.of(0).empty());
}

TEST(CandidateFilter, NameSievesNeedAnotherNameWithTheWord) {
  // "Dana Whitfield arrived. Whitfield spoke. Lee Whitfield left."
  const Document doc = whitfields();
  const auto mentions = detect_mentions(doc, statistics());
  const CandidateFilter filter(doc, mentions);
  const std::uint32_t surname = mention_with_text(doc, mentions, "whitfield");
  EXPECT_TRUE(filter.may_link(Sieve::ProperHeadMatch, surname));
  EXPECT_TRUE(filter.may_link(Sieve::RelaxedHeadMatch, surname));
  EXPECT_FALSE(filter.may_link(Sieve::ExactMatch, surname));  // its text occurs once
  EXPECT_FALSE(filter.may_link(Sieve::PreciseConstructs, surname));
}

TEST(CandidateFilter, RepeatedTextMayMatchExactlyAndOtherSievesAreNeverSkipped) {
  // "The bridge opened. Crowds crossed the bridge."
  const Document doc = bridge_twice();
  const auto mentions = detect_mentions(doc, statistics());
  const CandidateFilter filter(doc, mentions);
  const std::uint32_t crowds = mention_with_text(doc, mentions, "crowds");
  const std::uint32_t bridge = mention_with_text(doc, mentions, "the bridge");
  EXPECT_TRUE(filter.may_link(Sieve::ExactMatch, bridge));
  EXPECT_FALSE(filter.may_link(Sieve::ExactMatch, crowds));
  EXPECT_FALSE(filter.may_link(Sieve::ProperHeadMatch, bridge));  // not a name
  for (const Sieve s : {Sieve::StrictHeadMatch, Sieve::StrictHeadNoModifiers, Sieve::Pronouns, Sieve::Speaker}) {
    EXPECT_TRUE(filter.may_link(s, crowds)) << to_string(s);
  }
}

TEST(CandidateFilter, AnAcronymMakesEveryNameACandidateOfThePreciseSieve) {
  // "The Union of Northern Ports met. The UNP agreed."
  Document doc = parse(
      "1 The the DET DT _ 2 det\n2 Union Union PROPN NNP _ 6 nsubj\n3 of of ADP IN _ 5 case\n"
      "4 Northern Northern PROPN NNP _ 5 compound\n5 Ports Ports PROPN NNPS _ 2 nmod\n6 met meet VERB VBD _ 0 root\n"
      "7 . . PUNCT . _ 6 punct\n\n"
      "1 The the DET DT _ 2 det\n2 UNP UNP PROPN NNP _ 3 nsubj\n3 agreed agree VERB VBD _ 0 root\n4 . . PUNCT . _ 3 punct\n");
  name(doc, 1, 4, EntityType::Organization);
  name(doc, 8, 8, EntityType::Organization);
  const auto mentions = detect_mentions(doc, statistics());
  const CandidateFilter filter(doc, mentions);
  EXPECT_TRUE(filter.may_link(Sieve::PreciseConstructs, mention_with_text(doc, mentions, "the union of northern ports")));
  EXPECT_TRUE(filter.may_link(Sieve::PreciseConstructs, mention_with_text(doc, mentions, "the unp")));
}

TEST(CandidateFilter, ListsTheEarlierMentionsASieveCouldLink) {
  // "Dana Whitfield arrived. Whitfield spoke. Lee Whitfield left."
  const Document doc = whitfields();
  const auto mentions = detect_mentions(doc, statistics());
  const CandidateFilter filter(doc, mentions);
  const Clustering clusters(mentions.size());
  const std::uint32_t dana = mention_with_text(doc, mentions, "dana whitfield");
  const std::uint32_t surname = mention_with_text(doc, mentions, "whitfield");
  const std::uint32_t lee = mention_with_text(doc, mentions, "lee whitfield");
  std::vector<std::uint32_t> listed;
  ASSERT_TRUE(filter.candidates(Sieve::ProperHeadMatch, lee, clusters, listed));
  EXPECT_EQ(listed, (std::vector<std::uint32_t>{dana, surname}));  // earlier names, ascending
  ASSERT_TRUE(filter.candidates(Sieve::ExactMatch, lee, clusters, listed));
  EXPECT_TRUE(listed.empty());  // no earlier "lee whitfield"
  ASSERT_TRUE(filter.candidates(Sieve::RelaxedHeadMatch, surname, clusters, listed));
  EXPECT_EQ(listed, (std::vector<std::uint32_t>{dana}));
  EXPECT_FALSE(filter.candidates(Sieve::Pronouns, lee, clusters, listed));  // no index: every earlier mention
}

TEST(CandidateFilter, HeadClustersBringAllTheirEarlierMembers) {
  // "The bridge opened. Crowds crossed the bridge." with "crowds" already joined to the first
  // "the bridge" (as an earlier sieve might): the strict-head list holds the whole cluster
  const Document doc = bridge_twice();
  const auto mentions = detect_mentions(doc, statistics());
  const CandidateFilter filter(doc, mentions);
  Clustering clusters(mentions.size());
  const std::uint32_t first = 0, crowds = mention_with_text(doc, mentions, "crowds");
  const auto second = static_cast<std::uint32_t>(mentions.size() - 1);
  clusters.merge(first, crowds);
  std::vector<std::uint32_t> listed;
  ASSERT_TRUE(filter.candidates(Sieve::StrictHeadMatch, second, clusters, listed));
  EXPECT_EQ(listed, (std::vector<std::uint32_t>{first, crowds}));
}

}  // namespace
}  // namespace text2kg::coref
