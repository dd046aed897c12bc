#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

#include "coref_fixture.hpp"
#include "text2kg/base/ascii.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/coref/coref_stage.hpp"
#include "text2kg/coref/mention_features.hpp"
#include "text2kg/coref/name_spans.hpp"

namespace text2kg::coref {
namespace {

using testing::clusters;
using testing::name;
using testing::parse;
using testing::union_of_northern_ports;
using testing::whitfields;
using Texts = std::set<std::vector<std::string>>;

TEST(Speaker, QuotedIIsWhoSaidIt) {
  // "I will return," Kim Ralston said. -- the speaker comes after the quotation
  Document doc = parse(
      "1 \" \" PUNCT `` _ 4 punct\n2 I I PRON PRP Case=Nom|Number=Sing|Person=1|PronType=Prs 4 nsubj\n"
      "3 will will AUX MD _ 4 aux\n4 return return VERB VB _ 9 ccomp\n5 , , PUNCT , _ 4 punct\n"
      "6 \" \" PUNCT '' _ 4 punct\n7 Kim Kim PROPN NNP _ 9 nsubj\n8 Ralston Ralston PROPN NNP _ 7 flat\n"
      "9 said say VERB VBD _ 0 root\n10 . . PUNCT . _ 9 punct\n");
  name(doc, 6, 7, EntityType::Person);
  EXPECT_EQ(clusters(doc, {Sieve::Speaker}), (Texts{{"i", "kim ralston"}}));
}

TEST(ExactMatch, SameExtentTextJoins) {
  Document doc = parse(
      "1 The the DET DT _ 3 det\n2 new new ADJ JJ _ 3 amod\n3 bridge bridge NOUN NN Number=Sing 4 nsubj\n"
      "4 opened open VERB VBD _ 0 root\n5 . . PUNCT . _ 4 punct\n\n"
      "1 Residents resident NOUN NNS Number=Plur 2 nsubj\n2 crossed cross VERB VBD _ 0 root\n"
      "3 the the DET DT _ 5 det\n4 new new ADJ JJ _ 5 amod\n5 bridge bridge NOUN NN Number=Sing 2 obj\n"
      "6 . . PUNCT . _ 2 punct\n");
  EXPECT_EQ(clusters(doc, {Sieve::ExactMatch}), (Texts{{"the new bridge", "the new bridge"}}));
}

// "The dam opened in 1931. By 1931 it held water." -- a year repeated is one time; a
// number is linked by exact match only, so "it" stays with the dam.
TEST(ExactMatch, AStandaloneNumberRepeatedJoinsAndTakesNoPronoun) {
  Document doc = parse(
      "1 The the DET DT _ 2 det\n2 dam dam NOUN NN Number=Sing 3 nsubj\n3 opened open VERB VBD _ 0 root\n"
      "4 in in ADP IN _ 5 case\n5 1931 1931 NUM CD NumType=Card 3 obl\n6 . . PUNCT . _ 3 punct\n\n"
      "1 By by ADP IN _ 2 case\n2 1931 1931 NUM CD NumType=Card 4 obl\n"
      "3 it it PRON PRP Number=Sing|Person=3|PronType=Prs 4 nsubj\n4 held hold VERB VBD _ 0 root\n"
      "5 water water NOUN NN Number=Sing 4 obj\n6 . . PUNCT . _ 4 punct\n");
  EXPECT_EQ(clusters(doc, {Sieve::ExactMatch}), (Texts{{"1931", "1931"}}));
  EXPECT_EQ(clusters(doc, {Sieve::ExactMatch, Sieve::StrictHeadMatch, Sieve::Pronouns}),
            (Texts{{"1931", "1931"}, {"it", "the dam"}}));
}

// "Two ships left and two returned." -- a number counting a noun ("two ships") is no mention.
// "The San Francisco Bulletin praised San Francisco." -- the city inside the paper's name is a
// mention of the city, because the recogniser found it on its own too; "Bulletin" is none.
TEST(ExactMatch, ANameInsideANameJoinsTheSameNameOnItsOwn) {
  const auto document = [](bool city_named) {
    Document doc = parse(
        "1 The the DET DT _ 4 det\n2 San San PROPN NNP _ 3 compound\n3 Francisco Francisco PROPN NNP _ 4 compound\n"
        "4 Bulletin Bulletin PROPN NNP _ 5 nsubj\n5 praised praise VERB VBD _ 0 root\n"
        "6 San San PROPN NNP _ 7 compound\n7 Francisco Francisco PROPN NNP _ 5 obj\n8 . . PUNCT . _ 5 punct\n");
    name(doc, 1, 3, EntityType::Organization);
    if (city_named) name(doc, 5, 6, EntityType::Place);
    return doc;
  };
  EXPECT_EQ(clusters(document(true), {Sieve::ExactMatch}), (Texts{{"san francisco", "san francisco"}}));
  const Document unnamed = document(false);
  const auto mentions = detect_mentions(unnamed, testing::statistics());
  EXPECT_FALSE(std::any_of(mentions.begin(), mentions.end(), [](const CorefMention& m) { return m.nested; }));
}

TEST(ExactMatch, ANumberCountingANounIsNoMention) {
  Document doc = parse(
      "1 Two two NUM CD NumType=Card 2 nummod\n2 ships ship NOUN NNS Number=Plur 3 nsubj\n"
      "3 left leave VERB VBD _ 0 root\n4 and and CCONJ CC _ 6 cc\n5 two two NUM CD NumType=Card 6 nsubj\n"
      "6 returned return VERB VBD _ 3 conj\n7 . . PUNCT . _ 3 punct\n");
  const auto mentions = detect_mentions(doc, testing::statistics());
  EXPECT_EQ(std::count_if(mentions.begin(), mentions.end(), [](const CorefMention& m) { return m.numeric; }), 1);
}

TEST(MentionDetection, ANounWithASubjectButNoCopulaLeavesItsClauseOut) {
  // a misparse ("studies" heading the clause, "tested" tagged NOUN as its modifier): the
  // mention is the noun phrase, not the sentence
  const Document doc = parse(
      "1 The the DET DT _ 3 det\n2 six six NUM CD NumType=Card 3 nummod\n3 studies study NOUN NNS Number=Plur 0 root\n"
      "4 learners learner NOUN NNS Number=Plur 3 nsubj\n5 tested test NOUN NN Number=Sing 3 obj\n6 . . PUNCT . _ 3 punct\n");
  const auto mentions = detect_mentions(doc, testing::statistics());
  const auto studies = std::find_if(mentions.begin(), mentions.end(), [](const CorefMention& m) { return m.head == 2; });
  ASSERT_NE(studies, mentions.end());
  EXPECT_EQ(studies->extent.begin, 0U);
  EXPECT_EQ(studies->extent.end, 3U);
  EXPECT_FALSE(studies->copular);
}

TEST(PreciseConstructs, Appositive) {
  Document doc = parse(
      "1 Kim Kim PROPN NNP Number=Sing 7 nsubj\n2 Ralston Ralston PROPN NNP Number=Sing 1 flat\n"
      "3 , , PUNCT , _ 5 punct\n4 the the DET DT _ 5 det\n5 mayor mayor NOUN NN Number=Sing 1 appos\n"
      "6 , , PUNCT , _ 5 punct\n7 spoke speak VERB VBD _ 0 root\n8 . . PUNCT . _ 7 punct\n");
  name(doc, 0, 1, EntityType::Person);
  EXPECT_EQ(clusters(doc, {Sieve::PreciseConstructs}), (Texts{{"kim ralston", "the mayor"}}));
}

TEST(PreciseConstructs, PredicateNominative) {
  Document doc = parse(
      "1 Kim Kim PROPN NNP Number=Sing 5 nsubj\n2 Ralston Ralston PROPN NNP Number=Sing 1 flat\n"
      "3 is be AUX VBZ _ 5 cop\n4 the the DET DT _ 5 det\n5 mayor mayor NOUN NN Number=Sing 0 root\n"
      "6 . . PUNCT . _ 5 punct\n");
  name(doc, 0, 1, EntityType::Person);
  EXPECT_EQ(clusters(doc, {Sieve::PreciseConstructs}), (Texts{{"kim ralston", "the mayor"}}));
}

TEST(PreciseConstructs, AcronymInParentheses) {
  Document doc = union_of_northern_ports();
  EXPECT_EQ(clusters(doc, {Sieve::PreciseConstructs}), (Texts{{"the union of northern ports", "the unp", "unp"}}));
}

TEST(PreciseConstructs, AcronymTest) {
  EXPECT_TRUE(is_acronym_of("UNP", "Union of Northern Ports"));
  EXPECT_TRUE(is_acronym_of("U.S.", "United States"));
  EXPECT_FALSE(is_acronym_of("US", "Union Station Square"));
  EXPECT_FALSE(is_acronym_of("us", "United States"));
  EXPECT_FALSE(is_acronym_of("U", "Union"));
}

TEST(ProperHeadMatch, SurnameJoinsFullNameButNotAnotherPerson) {
  const Document doc = whitfields();
  EXPECT_EQ(clusters(doc, {Sieve::ProperHeadMatch}), (Texts{{"dana whitfield", "whitfield"}}));
}

TEST(RelaxedHeadMatch, APlaceInsideAnothersNameIsAnotherPlace) {
  // "Lyon won the Coupe de France. France celebrated." (both recognised as places)
  Document doc = parse(
      "1 Lyon Lyon PROPN NNP _ 2 nsubj\n2 won win VERB VBD _ 0 root\n3 the the DET DT _ 4 det\n"
      "4 Coupe Coupe PROPN NNP _ 2 obj\n5 de de PROPN NNP _ 4 flat\n6 France France PROPN NNP _ 4 flat\n"
      "7 . . PUNCT . _ 2 punct\n\n"
      "1 France France PROPN NNP _ 2 nsubj\n2 celebrated celebrate VERB VBD _ 0 root\n3 . . PUNCT . _ 2 punct\n");
  name(doc, 0, 0, EntityType::Place);
  name(doc, 3, 5, EntityType::Place);
  name(doc, 7, 7, EntityType::Place);
  for (const Sieve sieve : {Sieve::StrictHeadMatch, Sieve::ProperHeadMatch, Sieve::RelaxedHeadMatch}) {
    EXPECT_TRUE(clusters(doc, {sieve}).empty()) << ::testing::PrintToString(clusters(doc, {sieve}));
  }
  EXPECT_EQ(clusters(whitfields(), {Sieve::RelaxedHeadMatch}).size(), 1U);  // a surname still joins
}

// "Kim Ralston opened the bridge. The new mayor thanked the council." -- a definite
// description as subject, typed Person by its head noun's statistics, stands for the name
// that was the subject of the sentence before; nothing weaker does.
namespace description {
constexpr const char* kNameOpened =
    "1 Kim Kim PROPN NNP _ 3 nsubj\n2 Ralston Ralston PROPN NNP _ 1 flat\n3 opened open VERB VBD _ 0 root\n"
    "4 the the DET DT _ 5 det\n5 bridge bridge NOUN NN Number=Sing 3 obj\n6 . . PUNCT . _ 3 punct\n\n";
constexpr const char* kNameMetName =
    "1 Kim Kim PROPN NNP _ 3 nsubj\n2 Ralston Ralston PROPN NNP _ 1 flat\n3 met meet VERB VBD _ 0 root\n"
    "4 Lee Lee PROPN NNP _ 3 obj\n5 Okafor Okafor PROPN NNP _ 4 flat\n6 . . PUNCT . _ 3 punct\n\n";
constexpr const char* kResidentsCheered =
    "1 Residents resident NOUN NNS Number=Plur 2 nsubj\n2 cheered cheer VERB VBD _ 0 root\n3 . . PUNCT . _ 2 punct\n\n";
std::string mayor_thanked(const char* determiner) {
  return std::string("1 ") + determiner + " " + ascii_lower(determiner) +
         " DET DT _ 3 det\n2 new new ADJ JJ _ 3 amod\n3 mayor mayor NOUN NN Number=Sing 4 nsubj\n"
         "4 thanked thank VERB VBD _ 0 root\n5 the the DET DT _ 6 det\n6 council council NOUN NN Number=Sing 4 obj\n"
         "7 . . PUNCT . _ 4 punct\n";
}
constexpr const char* kCouncilThankedMayor =
    "1 The the DET DT _ 2 det\n2 council council NOUN NN Number=Sing 3 nsubj\n3 thanked thank VERB VBD _ 0 root\n"
    "4 the the DET DT _ 6 det\n5 new new ADJ JJ _ 6 amod\n6 mayor mayor NOUN NN Number=Sing 3 obj\n"
    "7 . . PUNCT . _ 3 punct\n";
Texts resolved(const std::string& conllu, std::initializer_list<std::pair<std::uint32_t, std::uint32_t>> names) {
  Document doc = parse(conllu);
  for (const auto& [first, last] : names) name(doc, first, last, EntityType::Person);
  return clusters(doc, {Sieve::Description});
}
}  // namespace description

TEST(Description, TheSubjectDescriptionStandsForTheNameThatWasTheSubjectBefore) {
  using namespace description;
  EXPECT_EQ(resolved(std::string(kNameOpened) + mayor_thanked("The"), {{0, 1}}), (Texts{{"kim ralston", "the new mayor"}}));
  EXPECT_EQ(resolved(std::string(kNameOpened) + mayor_thanked("This"), {{0, 1}}), (Texts{{"kim ralston", "this new mayor"}}));
}

TEST(Description, NoLinkWithoutTheWholeEvidence) {
  using namespace description;
  // "A new mayor": not definite
  EXPECT_TRUE(resolved(std::string(kNameOpened) + mayor_thanked("A"), {{0, 1}}).empty());
  // the description as object; the subject ("the council") an organisation
  EXPECT_TRUE(resolved(std::string(kNameOpened) + kCouncilThankedMayor, {{0, 1}}).empty());
  // a sentence between them
  EXPECT_TRUE(resolved(std::string(kNameOpened) + kResidentsCheered + mayor_thanked("The"), {{0, 1}}).empty());
  // another person named between them
  EXPECT_TRUE(resolved(std::string(kNameMetName) + mayor_thanked("The"), {{0, 1}, {3, 4}}).empty());
  // the name unrecognised: nothing says it is a person
  EXPECT_TRUE(resolved(std::string(kNameOpened) + mayor_thanked("The"), {}).empty());
}

TEST(StrictHeadMatch, SameHeadWithCompatibleModifiers) {
  Document doc = parse(
      "1 The the DET DT _ 3 det\n2 old old ADJ JJ _ 3 amod\n3 harbour harbour NOUN NN Number=Sing 4 nsubj\n"
      "4 reopened reopen VERB VBD _ 0 root\n5 . . PUNCT . _ 4 punct\n\n"
      "1 The the DET DT _ 2 det\n2 harbour harbour NOUN NN Number=Sing 4 nsubj\n3 was be AUX VBD _ 4 cop\n"
      "4 busy busy ADJ JJ _ 0 root\n5 . . PUNCT . _ 4 punct\n\n"
      "1 The the DET DT _ 3 det\n2 new new ADJ JJ _ 3 amod\n3 harbour harbour NOUN NN Number=Sing 4 nsubj\n"
      "4 opened open VERB VBD _ 0 root\n5 . . PUNCT . _ 4 punct\n");
  EXPECT_EQ(clusters(doc, {Sieve::StrictHeadMatch}), (Texts{{"the harbour", "the old harbour"}}));
}

// "Mr Tolland met the council. He thanked it."
TEST(Pronouns, AgreeInGenderAnimacyAndNumber) {
  Document doc = parse(
      "1 Mr Mr PROPN NNP _ 2 compound\n2 Tolland Tolland PROPN NNP _ 3 nsubj\n3 met meet VERB VBD _ 0 root\n"
      "4 the the DET DT _ 5 det\n5 council council NOUN NN Number=Sing 3 obj\n6 . . PUNCT . _ 3 punct\n\n"
      "1 He he PRON PRP Case=Nom|Gender=Masc|Number=Sing|Person=3|PronType=Prs 2 nsubj\n"
      "2 thanked thank VERB VBD _ 0 root\n3 it it PRON PRP Number=Sing|Person=3|PronType=Prs 2 obj\n"
      "4 . . PUNCT . _ 2 punct\n");
  name(doc, 0, 1, EntityType::Person);
  EXPECT_EQ(clusters(doc, {Sieve::Pronouns}), (Texts{{"he", "mr tolland"}, {"it", "the council"}}));
}

// "Mr Tolland met Dana Whitfield. She left." -- she is not Mr Tolland, though he is the subject.
TEST(Pronouns, GenderFromTitleAndFirstNameStatistics) {
  Document doc = parse(
      "1 Mr Mr PROPN NNP _ 2 compound\n2 Tolland Tolland PROPN NNP _ 3 nsubj\n3 met meet VERB VBD _ 0 root\n"
      "4 Dana Dana PROPN NNP _ 3 obj\n5 Whitfield Whitfield PROPN NNP _ 4 flat\n6 . . PUNCT . _ 3 punct\n\n"
      "1 She she PRON PRP Case=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs 2 nsubj\n"
      "2 left leave VERB VBD _ 0 root\n3 . . PUNCT . _ 2 punct\n");
  name(doc, 0, 1, EntityType::Person);
  name(doc, 3, 4, EntityType::Person);
  EXPECT_EQ(clusters(doc, {Sieve::Pronouns}), (Texts{{"dana whitfield", "she"}}));
}

// "Dana Whitfield arrived. They cheered." -- a plural pronoun never takes one person.
TEST(Pronouns, PluralPronounSkipsAPerson) {
  Document doc = parse(
      "1 Dana Dana PROPN NNP _ 3 nsubj\n2 Whitfield Whitfield PROPN NNP _ 1 flat\n3 arrived arrive VERB VBD _ 0 root\n"
      "4 . . PUNCT . _ 3 punct\n\n"
      "1 They they PRON PRP Case=Nom|Number=Plur|Person=3|PronType=Prs 2 nsubj\n2 cheered cheer VERB VBD _ 0 root\n"
      "3 . . PUNCT . _ 2 punct\n");
  name(doc, 0, 1, EntityType::Person);
  EXPECT_TRUE(clusters(doc, {Sieve::Pronouns}).empty());
}

// "With Kim Ralston, mayor Dana Whitfield left. She spoke." -- parsed with the title noun as
// head and the name under it by `flat`: the name still plays the subject's part, so "she"
// takes it rather than the person named earlier in an oblique.
TEST(Pronouns, ANameUnderATitleNounIsTheSubject) {
  Document doc = parse(
      "1 With with ADP IN _ 2 case\n2 Kim Kim PROPN NNP _ 8 obl\n3 Ralston Ralston PROPN NNP _ 2 flat\n"
      "4 , , PUNCT , _ 2 punct\n5 mayor mayor NOUN NN Number=Sing 8 nsubj\n6 Dana Dana PROPN NNP _ 5 flat\n"
      "7 Whitfield Whitfield PROPN NNP _ 6 flat\n8 left leave VERB VBD _ 0 root\n9 . . PUNCT . _ 8 punct\n\n"
      "1 She she PRON PRP Case=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs 2 nsubj\n"
      "2 spoke speak VERB VBD _ 0 root\n3 . . PUNCT . _ 2 punct\n");
  name(doc, 1, 2, EntityType::Person);
  name(doc, 5, 6, EntityType::Person);
  EXPECT_EQ(clusters(doc, {Sieve::Pronouns}), (Texts{{"dana whitfield", "she"}}));
}

// "Washington spoke. Crowds filled Washington." -- the person and the city never join.
Document two_washingtons() {
  Document doc = parse(
      "1 Washington Washington PROPN NNP _ 2 nsubj\n2 spoke speak VERB VBD _ 0 root\n3 . . PUNCT . _ 2 punct\n\n"
      "1 Crowds crowd NOUN NNS Number=Plur 2 nsubj\n2 filled fill VERB VBD _ 0 root\n"
      "3 Washington Washington PROPN NNP _ 2 obj\n4 . . PUNCT . _ 2 punct\n");
  name(doc, 0, 0, EntityType::Person);
  name(doc, 5, 5, EntityType::Place);
  return doc;
}

TEST(Constraints, DifferentRecognisedTypesNeverJoin) {
  const Document doc = two_washingtons();
  EXPECT_TRUE(clusters(doc, CorefOptions{}.sieves).empty());
}

TEST(MentionFeatures, Pronouns) {
  Agreement a;
  ASSERT_TRUE(pronoun_agreement("Their", a));
  EXPECT_EQ(a.number, number::kPlural);
  ASSERT_TRUE(pronoun_agreement("she", a));
  EXPECT_EQ(a.gender, gender::kFemale);
  EXPECT_FALSE(pronoun_agreement("which", a));
  EXPECT_TRUE(pronoun_agreement("THEMSELVES", a));  // the longest pronouns, in any case
  EXPECT_TRUE(pronoun_agreement("Yourselves", a));
  EXPECT_FALSE(pronoun_agreement("themselvess", a));
  EXPECT_FALSE(pronoun_agreement("", a));
  EXPECT_TRUE(is_reflexive("himself"));
}

TEST(MentionFeatures, TitleWordsIgnoreCaseAndOneTrailingDot) {
  EXPECT_TRUE(is_title_word("Mr."));
  EXPECT_TRUE(is_title_word("PRESIDENT."));
  EXPECT_TRUE(is_title_word("Governor"));
  EXPECT_FALSE(is_title_word("Mr.."));
  EXPECT_FALSE(is_title_word("Presidential"));
  EXPECT_FALSE(is_title_word("."));
  EXPECT_FALSE(is_title_word(""));
}

TEST(NameSpans, TitlesAndPossessivesAreTrimmed) {
  Document doc = parse(
      "1 President President PROPN NNP _ 3 compound\n2 Kim Kim PROPN NNP _ 3 compound\n"
      "3 Ralston Ralston PROPN NNP _ 4 nsubj\n4 visited visit VERB VBD _ 0 root\n"
      "5 Ostrava Ostrava PROPN NNP _ 7 nmod:poss\n6 's 's PART POS _ 5 case\n7 port port NOUN NN _ 4 obj\n"
      "8 . . PUNCT . _ 4 punct\n");
  name(doc, 0, 2, EntityType::Person);
  name(doc, 4, 5, EntityType::Place);
  tidy_name_spans(doc, testing::statistics());
  EXPECT_EQ(doc.mentions()[0].tokens, (TokenRange{1, 3}));
  EXPECT_EQ(doc.mentions()[0].head, 2U);
  EXPECT_EQ(doc.mentions()[1].tokens, (TokenRange{4, 5}));
  EXPECT_TRUE(validate(doc).empty());
}

TEST(NameSpans, ANameStartsWithNoArticleButTheHagueKeepsIt) {
  Document doc = parse(
      "1 The the DET DT _ 3 det\n2 Trade Trade PROPN NNP _ 3 compound\n3 Commission Commission PROPN NNP _ 4 nsubj\n"
      "4 met meet VERB VBD _ 0 root\n5 in in ADP IN _ 7 case\n6 The the DET DT _ 7 det\n7 Hague Hague PROPN NNP _ 4 obl\n");
  name(doc, 0, 2, EntityType::Organization);
  name(doc, 5, 6, EntityType::Place);
  tidy_name_spans(doc, testing::statistics());
  EXPECT_EQ(doc.mentions()[0].tokens, (TokenRange{1, 3}));
  EXPECT_EQ(doc.mentions()[1].tokens, (TokenRange{5, 7}));
}

TEST(NameSpans, ANameStartsWithNoPossessive) {
  // "the city's Harbour Project": the recogniser's span took the possessive along
  Document doc = parse(
      "1 the the DET DT _ 2 det\n2 city city NOUN NN _ 5 nmod:poss\n3 's 's PART POS _ 2 case\n"
      "4 Harbour Harbour PROPN NNP _ 5 compound\n5 Project Project PROPN NNP _ 0 root\n");
  name(doc, 2, 4, EntityType::Organization);
  tidy_name_spans(doc, testing::statistics());
  EXPECT_EQ(doc.mentions()[0].tokens, (TokenRange{3, 5}));
}

TEST(NameSpans, ACapitalisedVerbBeforeANameWordStaysAVerbAfterItGoes) {
  // "the United Nations said", "United" misread as a participle, and the recogniser's
  // span running over "said"
  Document doc = parse(
      "1 the the DET DT _ 3 det\n2 United unite VERB VBN _ 3 amod\n3 Nations Nations PROPN NNPS _ 4 nsubj\n"
      "4 said say VERB VBD _ 0 root\n5 . . PUNCT . _ 4 punct\n");
  name(doc, 1, 3, EntityType::Organization);
  tidy_name_spans(doc, testing::statistics());
  EXPECT_EQ(doc.mentions()[0].tokens, (TokenRange{1, 3}));
  EXPECT_EQ(doc.mentions()[0].head, 2U);
}

TEST(NameSpans, ASpanRunOnOverAClauseKeepsTheNameItHeads) {
  // "met Devocht, who told Lee he would help": the recogniser's span ran over "who told Lee
  // he", a longer verb-free stretch ("Lee he") than the name itself
  Document doc = parse(
      "1 met meet VERB VBD _ 0 root\n2 Devocht Devocht PROPN NNP _ 1 obj\n3 , , PUNCT , _ 5 punct\n"
      "4 who who PRON WP _ 5 nsubj\n5 told tell VERB VBD _ 2 acl:relcl\n6 Lee Lee PROPN NNP _ 5 iobj\n"
      "7 he he PRON PRP _ 9 nsubj\n8 would would AUX MD _ 9 aux\n9 help help VERB VB _ 5 ccomp\n"
      "10 . . PUNCT . _ 1 punct\n");
  name(doc, 1, 6, EntityType::Person);
  tidy_name_spans(doc, testing::statistics());
  EXPECT_EQ(doc.mentions()[0].tokens, (TokenRange{1, 2}));
  EXPECT_EQ(doc.mentions()[0].head, 1U);
}

TEST(NameSpans, ANationalityLeftAloneIsNoName) {
  // "Argentine President-elect Kim Ralston spoke English." as our parser reads it ("elect"
  // the root), with the title recognised as a Person, the name too, and the language as Other
  Document doc = parse(
      "1 Argentine Argentine ADJ JJ _ 4 amod\n2 President President PROPN NNP _ 4 nsubj\n3 - - PUNCT HYPH _ 2 punct\n"
      "4 elect elect VERB VB _ 0 root\n5 Kim Kim PROPN NNP _ 7 nsubj\n6 Ralston Ralston PROPN NNP _ 5 flat\n"
      "7 spoke speak VERB VBD _ 4 ccomp\n8 English English PROPN NNP _ 7 obj\n9 . . PUNCT . _ 4 punct\n");
  name(doc, 0, 1, EntityType::Person);
  name(doc, 4, 5, EntityType::Person);
  name(doc, 7, 7, EntityType::Other);
  tidy_name_spans(doc, testing::statistics());
  std::vector<TokenRange> names;
  for (const Mention& m : doc.mentions()) names.push_back(m.tokens);
  EXPECT_EQ(names, (std::vector<TokenRange>{{4, 6}, {7, 8}}));  // no "Argentine", no "President"
  // the recogniser's own one-word span of a nationality goes too; a longer name keeps it
  Document air_force = parse(
      "1 Mexican Mexican ADJ JJ _ 2 amod\n2 officials official NOUN NNS _ 3 nsubj\n3 thanked thank VERB VBD _ 0 root\n"
      "4 the the DET DT _ 7 det\n5 Mexican Mexican PROPN NNP _ 7 compound\n6 Air Air PROPN NNP _ 7 compound\n"
      "7 Force Force PROPN NNP _ 3 obj\n8 . . PUNCT . _ 3 punct\n");
  name(air_force, 0, 0, EntityType::Person);
  name(air_force, 4, 6, EntityType::Organization);
  tidy_name_spans(air_force, testing::statistics());
  ASSERT_EQ(air_force.mentions().size(), 1U);
  EXPECT_EQ(air_force.mentions()[0].tokens, (TokenRange{4, 7}));
}

TEST(NameSpans, ATitleWithNoNameInItIsNoName) {
  // "Ostrava's Prime Minister, Kim Ralston, spoke" with the title recognised as a Person
  Document doc = parse(
      "1 Ostrava Ostrava PROPN NNP _ 4 nmod:poss\n2 's 's PART POS _ 1 case\n3 Prime prime ADJ JJ _ 4 amod\n"
      "4 Minister Minister PROPN NNP _ 9 nsubj\n5 , , PUNCT , _ 6 punct\n6 Kim Kim PROPN NNP _ 4 appos\n"
      "7 Ralston Ralston PROPN NNP _ 6 flat\n8 , , PUNCT , _ 6 punct\n9 spoke speak VERB VBD _ 0 root\n"
      "10 . . PUNCT . _ 9 punct\n");
  name(doc, 0, 3, EntityType::Person);
  name(doc, 5, 6, EntityType::Person);
  tidy_name_spans(doc, testing::statistics());
  ASSERT_EQ(doc.mentions().size(), 1U);
  EXPECT_EQ(doc.mentions()[0].tokens, (TokenRange{5, 7}));
}

TEST(NameSpans, ANameEndingInATitleWordStaysAName) {
  Document doc = parse("1 Aaron Aaron PROPN NNP _ 3 nsubj\n2 Judge Judge PROPN NNP _ 1 flat\n3 hit hit VERB VBD _ 0 root\n");
  name(doc, 0, 1, EntityType::Person);
  tidy_name_spans(doc, testing::statistics());
  ASSERT_EQ(doc.mentions().size(), 1U);
  EXPECT_EQ(doc.mentions()[0].tokens, (TokenRange{0, 2}));
}

TEST(NameSpans, APersonsNameIsItsRunOfCapitalisedWords) {
  // "DAB's Starry Lee of the party and Ann Chiang spoke", recognised as one Person span
  Document doc = parse(
      "1 DAB DAB PROPN NNP _ 3 nmod:poss\n2 's 's PART POS _ 1 case\n3 Starry Starry PROPN NNP _ 10 nsubj\n"
      "4 Lee Lee PROPN NNP _ 3 flat\n5 of of ADP IN _ 7 case\n6 the the DET DT _ 7 det\n7 party party NOUN NN _ 3 nmod\n"
      "8 and and CCONJ CC _ 9 cc\n9 Ann Ann PROPN NNP _ 3 conj\n10 spoke speak VERB VBD _ 0 root\n");
  name(doc, 0, 8, EntityType::Person);
  tidy_name_spans(doc, testing::statistics());
  ASSERT_EQ(doc.mentions().size(), 1U);
  EXPECT_EQ(doc.mentions()[0].tokens, (TokenRange{2, 4}));
}

TEST(NameSpans, ATitlesComplementIsNoPartOfTheName) {
  // "Minister of Education Stefania Giannini said", all recognised as one Person span
  Document doc = parse(
      "1 Minister Minister PROPN NNP _ 4 nmod:desc\n2 of of ADP IN _ 3 case\n3 Education Education PROPN NNP _ 1 nmod\n"
      "4 Stefania Stefania PROPN NNP _ 6 nsubj\n5 Giannini Giannini PROPN NNP _ 4 flat\n6 said say VERB VBD _ 0 root\n");
  name(doc, 0, 4, EntityType::Person);
  tidy_name_spans(doc, testing::statistics());
  ASSERT_FALSE(doc.mentions().empty());
  EXPECT_EQ(doc.mentions()[0].tokens, (TokenRange{3, 5}));
}

TEST(NameSpans, AnOrdinaryWordEndsAnyName) {
  // "at Fisht Stadium in Sochi" as one Place span: the stadium's name stops at "in"
  Document doc = parse(
      "1 at at ADP IN _ 3 case\n2 Fisht Fisht PROPN NNP _ 3 compound\n3 Stadium Stadium PROPN NNP _ 0 root\n"
      "4 in in ADP IN _ 5 case\n5 Sochi Sochi PROPN NNP _ 3 nmod\n");
  name(doc, 1, 4, EntityType::Place);
  tidy_name_spans(doc, testing::statistics());
  ASSERT_FALSE(doc.mentions().empty());
  EXPECT_EQ(doc.mentions()[0].tokens, (TokenRange{1, 3}));
}

TEST(NameSpans, APlaceInsideAPlaceIsANameOfItsOwn) {
  // "Aceh, Indonesia": two places, and not one chain (no apposition between two places)
  Document doc = parse(
      "1 in in ADP IN _ 2 case\n2 Aceh Aceh PROPN NNP _ 0 root\n3 , , PUNCT , _ 4 punct\n"
      "4 Indonesia Indonesia PROPN NNP _ 2 appos\n5 . . PUNCT . _ 2 punct\n");
  name(doc, 1, 3, EntityType::Place);
  tidy_name_spans(doc, testing::statistics());
  ASSERT_EQ(doc.mentions().size(), 2U);
  EXPECT_EQ(doc.mentions()[0].tokens, (TokenRange{1, 2}));
  EXPECT_EQ(doc.mentions()[1].tokens, (TokenRange{3, 4}));
  EXPECT_EQ(doc.mentions()[1].type, EntityType::Place);
  EXPECT_TRUE(clusters(doc, {Sieve::PreciseConstructs}).empty());
}

TEST(NameSpans, ARoleMakesAPerson) {
  // "the mayor Dana Whitfield spoke" with the name typed Organization by mistake
  Document doc = parse(
      "1 the the DET DT _ 2 det\n2 mayor mayor NOUN NN Number=Sing 5 nsubj\n3 Dana Dana PROPN NNP _ 2 appos\n"
      "4 Whitfield Whitfield PROPN NNP _ 3 flat\n5 spoke speak VERB VBD _ 0 root\n6 . . PUNCT . _ 5 punct\n");
  name(doc, 2, 3, EntityType::Organization);
  tidy_name_spans(doc, testing::statistics());
  EXPECT_EQ(doc.mentions()[0].type, EntityType::Person);
  EXPECT_EQ(doc.mentions()[0].tokens, (TokenRange{2, 4}));
}

// "<holder> <title> <person>" as one recognised Person span: the holder becomes a name of
// its own, before the person's (mentions stay in textual order).
Document titled(const std::string& first, const std::string& upos, const std::string& rel) {
  Document doc = parse("1 " + first + " " + first + " " + upos + " NNP _ 2 " + rel +
                       "\n2 Mayor Mayor PROPN NNP _ 3 nmod:desc\n3 Dana Dana PROPN NNP _ 5 nsubj\n"
                       "4 Whitfield Whitfield PROPN NNP _ 3 flat\n5 spoke speak VERB VBD _ 0 root\n"
                       "6 . . PUNCT . _ 5 punct\n");
  name(doc, 0, 3, EntityType::Person);
  tidy_name_spans(doc, testing::statistics());
  return doc;
}

TEST(NameSpans, TheNameBeforeATitleIsItsHolder) {
  const Document doc = titled("Ostrava", "PROPN", "compound");
  ASSERT_EQ(doc.mentions().size(), 2U);
  EXPECT_EQ(doc.mentions()[0].tokens, (TokenRange{0, 1}));
  EXPECT_EQ(doc.mentions()[0].type, EntityType::None);
  EXPECT_EQ(doc.mentions()[0].kind, MentionKind::Proper);
  EXPECT_EQ(doc.mentions()[1].tokens, (TokenRange{2, 4}));
  EXPECT_EQ(doc.mentions()[1].type, EntityType::Person);
  EXPECT_TRUE(validate(doc).empty());
}

TEST(NameSpans, TitleWordsAndAdjectivesAreNoHolder) {
  for (const auto& [word, upos, rel] : {std::tuple<std::string, std::string, std::string>{"Vice", "PROPN", "compound"},
                                        {"Deputy", "PROPN", "compound"},
                                        {"Ostravan", "ADJ", "amod"},
                                        {"ostrava", "PROPN", "compound"}}) {
    const Document doc = titled(word, upos, rel);
    ASSERT_EQ(doc.mentions().size(), 1U) << word;
    EXPECT_EQ(doc.mentions()[0].tokens, (TokenRange{2, 4})) << word;
  }
}

// An all-capitals holder joins the name whose initials it is, and takes its type.
TEST(CorefStage, AHolderAcronymJoinsItsLongNameAndTakesItsType) {
  Document doc = parse(
      "1 The the DET DT _ 3 det\n2 Northland Northland PROPN NNP _ 3 compound\n3 Union Union PROPN NNP _ 4 nsubj\n"
      "4 met meet VERB VBD _ 0 root\n5 . . PUNCT . _ 4 punct\n\n"
      "1 NU NU PROPN NNP _ 2 compound\n2 Mayor Mayor PROPN NNP _ 3 nmod:desc\n3 Dana Dana PROPN NNP _ 5 nsubj\n"
      "4 Whitfield Whitfield PROPN NNP _ 3 flat\n5 spoke speak VERB VBD _ 0 root\n6 . . PUNCT . _ 5 punct\n");
  name(doc, 1, 2, EntityType::Organization);
  name(doc, 5, 8, EntityType::Person);
  CorefStage stage(testing::statistics());
  stage.process(doc);
  EXPECT_TRUE(validate(doc).empty());
  const auto acronym = std::find_if(doc.mentions().begin(), doc.mentions().end(),
                                    [](const Mention& m) { return m.tokens == TokenRange{5, 6}; });
  ASSERT_NE(acronym, doc.mentions().end());
  ASSERT_TRUE(acronym->chain.has_value());
  EXPECT_EQ(acronym->type, EntityType::Organization);
  EXPECT_EQ(doc.mentions()[doc.chains()[*acronym->chain].representative].tokens, (TokenRange{1, 3}));
}

TEST(CorefStage, WritesValidChainsWithARepresentativeName) {
  Document doc = whitfields();
  CorefStage stage(testing::statistics());
  stage.process(doc);
  EXPECT_TRUE(doc.layers().has(Layer::Coref));
  EXPECT_TRUE(validate(doc).empty());
  ASSERT_EQ(doc.chains().size(), 1U);
  const CorefChain& chain = doc.chains()[0];
  EXPECT_EQ(chain.mentions.size(), 2U);
  EXPECT_EQ(doc.mentions()[chain.representative].tokens, (TokenRange{0, 2}));
}

TEST(CorefStatistics, BadRowNamesFileAndLine) {
  try {
    CorefStatistics::parse("# comment\nkind\tword\tmasc\tfem\tneut\tplur\tperson\tplace\torganization\tother\n"
                           "noun\tmayor\t1\t2\tx\t0\t0\t0\t0\t0\n",
                           "coref.tsv");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("coref.tsv:3:"), std::string::npos) << e.what();
  }
  EXPECT_THROW(CorefStatistics::parse("noun\tmayor\n", "t.tsv"), InputError);
}

}  // namespace
}  // namespace text2kg::coref
