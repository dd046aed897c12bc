#include <gtest/gtest.h>

#include "fixture_triples.hpp"
#include <array>
#include <tuple>

#include "text2kg/base/error.hpp"
#include "text2kg/extract/carb_view.hpp"
#include "text2kg/extract/predicate.hpp"

namespace text2kg::testing {
namespace {

using extract::Extractor;
using extract::ExtractorOptions;

class ClauseRule : public ::testing::Test {
 protected:
  Document doc = load_fixture("clauses.conllu");
  std::vector<Triple> triples = Extractor().extract(doc);
};

TEST_F(ClauseRule, ObliquePrepositionJoinsThePredicate) {
  const auto s = in_sentence(triples, 0);
  ASSERT_EQ(s.size(), 1U) << describe(triples);
  EXPECT_EQ(s[0].predicate, "flew_to");
  EXPECT_EQ(s[0].predicate_lemma, "fly_to");
  EXPECT_EQ(s[0].subject.key, "thing/morales");
  EXPECT_EQ(s[0].object.key, "thing/mexico");
  EXPECT_EQ(s[0].object.phrase, "Mexico");
  EXPECT_EQ(s[0].provenance.rule, "clause.obl");
  EXPECT_EQ(s[0].provenance.time, "on Monday");
  EXPECT_EQ(s[0].provenance.sentence_text, "Morales flew to Mexico on Monday.");
  EXPECT_EQ(doc.text().substr(s[0].provenance.subject_chars.begin, s[0].provenance.subject_chars.size()), "Morales");
}

TEST_F(ClauseRule, CommonNounsBecomeConceptsKeyedByLemma) {
  const auto* t = find_triple(triples, "concept/protester", "burn", "concept/police_station");
  ASSERT_NE(t, nullptr) << describe(triples);
  EXPECT_EQ(t->subject.type, EntityType::Concept);
  EXPECT_EQ(t->subject.name, "protesters");
  EXPECT_EQ(t->subject.phrase, "The protesters");
  EXPECT_EQ(t->object.name, "police stations");
  EXPECT_EQ(t->provenance.rule, "clause.svo");
}

TEST_F(ClauseRule, CoordinationSplitsSubjectsAndVerbs) {
  const auto s = in_sentence(triples, 2);
  EXPECT_EQ(s.size(), 4U) << describe(s);
  for (const auto* subject : {"thing/mesa", "thing/camacho"}) {
    EXPECT_NE(find_triple(s, subject, "quit", "concept/post"), nullptr) << describe(s);
    EXPECT_NE(find_triple(s, subject, "urge", "concept/calm"), nullptr) << describe(s);
  }
}

TEST_F(ClauseRule, ExpletiveClauseGivesNothing) { EXPECT_TRUE(in_sentence(triples, 3).empty()) << describe(triples); }

TEST_F(ClauseRule, NegationAndModalityAreKept) {
  const auto s = in_sentence(triples, 4);
  ASSERT_EQ(s.size(), 1U) << describe(triples);
  EXPECT_TRUE(s[0].provenance.negated);
  EXPECT_EQ(s[0].provenance.modality, "would");
  EXPECT_EQ(s[0].predicate_lemma, "return_to");
}

TEST_F(ClauseRule, AspectualControlChainsThePredicate) {
  const auto* t = find_triple(triples, "concept/farmer", "begin_to_drive_toward", "thing/santa_rosa");
  ASSERT_NE(t, nullptr) << describe(triples);
  EXPECT_EQ(t->predicate, "began_to_drive_toward");
  EXPECT_EQ(t->object.name, "Santa Rosa");
}

TEST_F(ClauseRule, IntentControlBecomesModality) {
  const auto* t = find_triple(triples, "thing/morales", "return_to", "thing/bolivia");
  ASSERT_NE(t, nullptr) << describe(triples);
  EXPECT_EQ(t->provenance.modality, "pledged");
  EXPECT_FALSE(t->provenance.negated);
}

TEST_F(ClauseRule, RelativeClauseUsesItsAntecedent) {
  const auto* t = find_triple(triples, "concept/protester", "block", "concept/road");
  ASSERT_NE(t, nullptr) << describe(triples);
  EXPECT_EQ(t->provenance.rule, "clause.relcl");
  EXPECT_EQ(t->subject.phrase, "protesters");  // the clause stating this triple is left out
  const auto* arrest = find_triple(triples, "concept/police", "arrest", "concept/protester");
  ASSERT_NE(arrest, nullptr);
  EXPECT_EQ(arrest->object.phrase, "protesters who blocked the road");
}

TEST_F(ClauseRule, TimeIsNormalizedAgainstTheDocumentDate) {
  const auto dated = Extractor().extract(with_date(doc, "2019-11-13"));  // a Wednesday
  const auto monday = in_sentence(dated, 0);
  ASSERT_EQ(monday.size(), 1U);
  EXPECT_EQ(monday[0].provenance.time_normalized, "2019-11-11");
  const auto october = in_sentence(dated, 8);
  ASSERT_EQ(october.size(), 1U) << describe(dated);
  EXPECT_EQ(october[0].provenance.time, "on October 21");
  EXPECT_EQ(october[0].provenance.time_normalized, "2019-10-21");
  EXPECT_TRUE(in_sentence(triples, 8)[0].provenance.time_normalized.empty());
}

TEST(PassiveRule, AgentTurnsThePassiveActiveAndObliqueStaysPassive) {
  const auto triples = Extractor().extract(load_fixture("passive.conllu"));
  const auto* active = find_triple(triples, "concept/military", "take", "thing/morales");
  ASSERT_NE(active, nullptr) << describe(triples);
  EXPECT_EQ(active->provenance.rule, "passive.agent");
  const auto* passive = find_triple(triples, "thing/morales", "be_take_to", "concept/airport");
  ASSERT_NE(passive, nullptr) << describe(triples);
  EXPECT_EQ(passive->predicate, "was_taken_to");
  EXPECT_EQ(passive->provenance.rule, "passive.obl");
}

TEST(PassiveRule, PassiveWithoutObjectGivesNothing) {
  const auto triples = Extractor().extract(load_fixture("passive.conllu"));
  EXPECT_TRUE(in_sentence(triples, 1).empty()) << describe(triples);
}

TEST(PassiveRule, PastParticipleModifierIsPassive) {
  const auto triples = Extractor().extract(load_fixture("passive.conllu"));
  const auto* t = find_triple(triples, "concept/troop", "be_deploy_to", "concept/capital");
  ASSERT_NE(t, nullptr) << describe(triples);
  EXPECT_EQ(t->predicate, "deployed_to");
  EXPECT_NE(find_triple(triples, "concept/troop", "fire", "concept/shot"), nullptr);
}

class CopulaRule : public ::testing::Test {
 protected:
  std::vector<Triple> triples = Extractor().extract(load_fixture("copula.conllu"));
};

TEST_F(CopulaRule, PredicateNominalWithOfBecomesRelation) {
  const auto* t = find_triple(triples, "thing/jeanine_anez", "president_of", "thing/senate");
  ASSERT_NE(t, nullptr) << describe(triples);
  EXPECT_EQ(t->provenance.rule, "copula.nominal");
  EXPECT_EQ(t->subject.name, "Jeanine Áñez");
}

TEST_F(CopulaRule, PlainPredicateNominalIsA) {
  const auto* t = find_triple(triples, "thing/camacho", "be", "concept/lawyer");
  ASSERT_NE(t, nullptr) << describe(triples);
  EXPECT_EQ(t->predicate, "is");
  EXPECT_EQ(t->object.phrase, "a lawyer");
}

TEST_F(CopulaRule, CopularRelativeClauseAndMainClauseShareTheAntecedent) {
  // "next" ranks its subject within a domain: "in line" is part of the property
  const auto* next = find_triple(triples, "thing/anez", "be", "concept/next_in_line");
  ASSERT_NE(next, nullptr) << describe(triples);
  EXPECT_EQ(next->provenance.rule, "copula.attribute");
  EXPECT_EQ(next->object.name, "next in line");
  EXPECT_EQ(find_triple(triples, "thing/anez", "be_next_in", "concept/line"), nullptr) << describe(triples);
  const auto* t = find_triple(triples, "thing/anez", "take", "concept/office");
  ASSERT_NE(t, nullptr) << describe(triples);
  EXPECT_EQ(t->subject.phrase, "Áñez");
}

TEST_F(CopulaRule, RelativePronounAttachedElsewhereTakesTheNameBeforeIt) {
  // "said Mesa, who is loyal to Camacho" with the relative clause parsed as a parataxis
  const auto* t = find_triple(triples, "thing/mesa", "be_loyal_to", "thing/camacho");
  ASSERT_NE(t, nullptr) << describe(triples);
  EXPECT_EQ(t->provenance.rule, "copula.adjective");
}

TEST_F(CopulaRule, EmbeddedQuestionWordIsNoRelativePronoun) {
  // "asked the police who is responsible": "who" asks, it does not stand for the police
  for (const auto& t : in_sentence(triples, 6)) EXPECT_NE(t.subject.key, "concept/police") << describe(triples);
}

TEST_F(CopulaRule, LocativePredicate) {
  EXPECT_NE(find_triple(triples, "thing/morales", "be_in", "thing/mexico"), nullptr) << describe(triples);
}

TEST_F(CopulaRule, AdjectiveWithoutObliqueGivesNothing) {
  EXPECT_TRUE(in_sentence(triples, 4).empty()) << describe(triples);
}

class NominalRule : public ::testing::Test {
 protected:
  std::vector<Triple> triples = Extractor().extract(load_fixture("nominal.conllu"));
};

TEST_F(NominalRule, DemonymTitleGivesTitleOfCountry) {
  const auto* t = find_triple(triples, "thing/jair_bolsonaro", "president_of", "place/brazil");
  ASSERT_NE(t, nullptr) << describe(triples);
  EXPECT_EQ(t->provenance.rule, "title.of");
  EXPECT_EQ(t->provenance.level, Evidence::Nominal);
  EXPECT_EQ(t->subject.name, "Jair Bolsonaro");
}

TEST_F(NominalRule, PossessorOfTitleIsTheHolder) {
  const auto* t = find_triple(triples, "thing/rosa_vidal", "foreign_minister_of", "thing/chile");
  ASSERT_NE(t, nullptr) << describe(triples);
  EXPECT_EQ(in_sentence(triples, 1).size(), 1U) << describe(triples);  // "spoke" has no object
}

TEST_F(NominalRule, AppositionWithOfGivesTitle) {
  const auto* t = find_triple(triples, "thing/evo_morales", "former_president_of", "thing/bolivia");
  ASSERT_NE(t, nullptr) << describe(triples);
  EXPECT_EQ(t->provenance.rule, "apposition.title_of");
  const auto* arrived = find_triple(triples, "thing/evo_morales", "arrive_in", "thing/mexico");
  ASSERT_NE(arrived, nullptr);
  EXPECT_EQ(arrived->provenance.place, "Mexico");
  EXPECT_EQ(arrived->subject.phrase, "Evo Morales");
}

TEST_F(NominalRule, OfModifierAndPossessive) {
  EXPECT_NE(find_triple(triples, "concept/opponent", "of", "thing/maduro"), nullptr) << describe(triples);
  const auto* t = find_triple(triples, "concept/supporter", "of", "thing/morales");
  ASSERT_NE(t, nullptr) << describe(triples);
  EXPECT_EQ(t->provenance.rule, "possessive.of");
}

// sentences 6 and 7: "Acme's plant in Ostrava closed." / "Acme's plan for Ostrava failed."
TEST_F(NominalRule, PossessedNounPlacedByInGivesWhereThePossessorHasIt) {
  const auto* t = find_triple(triples, "thing/acme", "plant_in", "thing/ostrava");
  ASSERT_NE(t, nullptr) << describe(triples);
  EXPECT_EQ(t->provenance.rule, "possessive.place");
  for (const auto& x : in_sentence(triples, 7)) EXPECT_NE(x.provenance.rule, "possessive.place") << describe(triples);
}

TEST_F(NominalRule, AdjectivesAloneGiveNothing) { EXPECT_TRUE(in_sentence(triples, 5).empty()) << describe(triples); }

class ConceptPhrase : public ::testing::Test {
 protected:
  std::vector<Triple> triples = Extractor().extract(load_fixture("concepts.conllu"));
};

// "the town of Ostrava": the classifier says the name is a place; "the capital of
// Ruritania" names another place by relation, so it types nothing.
TEST_F(ConceptPhrase, AGeographicClassifierTypesTheNameAfterOf) {
  const auto s = in_sentence(triples, 7);
  const bool ostrava_is_a_place = std::any_of(s.begin(), s.end(), [](const Triple& t) { return t.object.key == "place/ostrava"; });
  const bool ruritania_untyped = std::any_of(s.begin(), s.end(), [](const Triple& t) { return t.object.key == "thing/ruritania"; });
  EXPECT_TRUE(ostrava_is_a_place) << describe(s);
  EXPECT_TRUE(ruritania_untyped) << describe(s);
}

// A classifying adjective is part of the term ("armed guards"); a describing one is not
// ("the new trucks" is the concept "truck").
TEST_F(ConceptPhrase, ClassifyingAdjectiveStaysDescribingOneGoes) {
  const auto* t = find_triple(triples, "concept/armed_guard", "stop", "concept/truck");
  ASSERT_NE(t, nullptr) << describe(triples);
  EXPECT_EQ(t->subject.name, "armed guards");
  EXPECT_EQ(t->object.phrase, "the new trucks");  // the full phrase is kept as an attribute
}

// A classifier stands next to its noun after any describing adjective; an adverb of its own
// ("very political") shows it is graded, so it describes.
TEST_F(ConceptPhrase, OnlyTheUngradedRunNextToTheNounClassifies) {
  EXPECT_NE(find_triple(triples, "concept/federal_agency", "close", "concept/office"), nullptr) << describe(triples);
}

TEST_F(ConceptPhrase, ComparativeGoesAndClassifierPrecedesCompounds) {
  EXPECT_NE(find_triple(triples, "concept/soldier", "guard", "concept/nuclear_power_plant"), nullptr)
      << describe(triples);
}

TEST_F(ConceptPhrase, ClassifierMustTouchTheNoun) {
  EXPECT_NE(find_triple(triples, "concept/political_leader", "meet", "concept/state_official"), nullptr)
      << describe(triples);
}

// A title capitalised on its own names no one; with a name it is part of the name.
TEST_F(ConceptPhrase, ABareCapitalisedTitleIsAConcept) {
  const auto* bare = find_triple(triples, "concept/crowd", "cheer", "concept/senator");
  ASSERT_NE(bare, nullptr) << describe(triples);
  EXPECT_EQ(bare->object.type, EntityType::Concept);
  EXPECT_NE(find_triple(triples, "concept/crowd", "cheer", "thing/senator_whitfield"), nullptr) << describe(triples);
}

// "The council met. It approved the budget." with "It" in the chain of "The council".
Document council_and_it(bool chained) {
  Document doc = load_fixture("pronoun_concept.conllu");
  Mention council;
  council.tokens = {0, 2};
  council.head = 1;
  council.kind = MentionKind::Nominal;
  Mention it;
  it.tokens = {4, 5};
  it.head = 4;
  it.kind = MentionKind::Pronoun;
  doc.mutable_mentions() = {council, it};
  if (chained) {
    doc.mutable_mentions()[0].chain = 0;
    doc.mutable_mentions()[1].chain = 0;
    doc.mutable_chains().push_back(CorefChain{{0, 1}, 0});
  }
  doc.add_layers(Layer::Entities);
  doc.add_layers(Layer::Coref);
  return doc;
}

TEST(PronounResolution, APronounInADescriptionsChainIsThatConcept) {
  const auto triples = Extractor().extract(council_and_it(true));
  const auto* t = find_triple(triples, "concept/council", "approve", "concept/budget");
  ASSERT_NE(t, nullptr) << describe(triples);
  EXPECT_EQ(t->subject.surface, "It");
  EXPECT_EQ(t->subject.name, "council");
  // unresolved, "it" names nothing: the graph gets no node "it" (it would join every other
  // unresolved "it"), while the rule itself still read the clause
  const auto alone = Extractor().extract(council_and_it(false));
  EXPECT_EQ(find_triple(alone, "thing/it", "approve", "concept/budget"), nullptr) << describe(alone);
  const auto all = Extractor({.keep_unresolved_pronouns = true}).extract(council_and_it(false));
  EXPECT_NE(find_triple(all, "thing/it", "approve", "concept/budget"), nullptr) << describe(all);
}

// An ordering adjective is ungraded but does not classify: "the final report" is a report.
TEST_F(ConceptPhrase, OrderingAdjectiveIsNoClassifier) {
  EXPECT_NE(find_triple(triples, "concept/inspector", "read", "concept/report"), nullptr) << describe(triples);
}

TEST(ConceptPhraseTable, IsSortedAndUnique) { EXPECT_TRUE(extract::classifying_adjective_table_is_sorted()); }

class AttributionRule : public ::testing::Test {
 protected:
  // the fixture has no coreference: its pronouns stay unresolved, kept to see the rules
  std::vector<Triple> triples = Extractor({.keep_unresolved_pronouns = true}).extract(load_fixture("attribution.conllu"));
};

TEST_F(AttributionRule, ComplementOfSayIsAttributed) {
  const auto s = in_sentence(triples, 0);
  const auto* inner = find_triple(s, "concept/army", "betray", "thing/him");
  ASSERT_NE(inner, nullptr) << describe(s);
  EXPECT_EQ(inner->provenance.attributed_to, "thing/morales");
  const auto* said = find_triple(s, "thing/morales", "say", "claim/the_army_betrayed_him");
  ASSERT_NE(said, nullptr) << describe(s);
  EXPECT_EQ(said->provenance.rule, "attribution.said");
  EXPECT_TRUE(said->provenance.attributed_to.empty());
  // what was said is a claim node (schema:Claim), not an entity of some other kind
  EXPECT_EQ(said->object.type, EntityType::Claim);
  EXPECT_EQ(said->object.name, "the army betrayed him");
}

TEST_F(AttributionRule, ParentheticalSpeechVerbAttributesTheMainClause) {
  const auto s = in_sentence(triples, 1);
  const auto* inner = find_triple(s, "concept/army", "take", "concept/control");
  ASSERT_NE(inner, nullptr) << describe(s);
  EXPECT_EQ(inner->provenance.attributed_to, "thing/mesa");
  EXPECT_NE(find_triple(s, "thing/mesa", "tweet", "claim/the_army_took_control"), nullptr) << describe(s);
}

TEST_F(AttributionRule, QuotedDependentOfASpeechVerbIsWhatWasSaid) {
  const auto quoted = in_sentence(triples, 3);
  const auto* said = find_triple(quoted, "concept/mayor", "say", "claim/peace_now");
  ASSERT_NE(said, nullptr) << describe(quoted);
  EXPECT_EQ(said->provenance.rule, "attribution.said");
  // without quotation marks the same parse states no speech act
  for (const auto& t : in_sentence(triples, 4)) EXPECT_NE(t.provenance.rule, "attribution.said") << describe(triples);
}

TEST_F(AttributionRule, QuotationMarksInsideTheQuotedDependentCountToo) {
  // '"Good news," the mayor wrote.' with the quotation marks attached to "news" itself
  const auto quoted = in_sentence(triples, 5);
  const auto* wrote = find_triple(quoted, "concept/mayor", "write", "claim/good_news");
  ASSERT_NE(wrote, nullptr) << describe(quoted);
  EXPECT_EQ(wrote->provenance.rule, "attribution.said");
}

TEST_F(AttributionRule, AttributionLowersConfidence) {
  const auto reported_sentence = in_sentence(triples, 1);
  const auto plain_sentence = in_sentence(triples, 2);
  const auto* reported = find_triple(reported_sentence, "concept/army", "take", "concept/control");
  const auto* plain = find_triple(plain_sentence, "concept/army", "take", "concept/control");
  ASSERT_NE(reported, nullptr);
  ASSERT_NE(plain, nullptr);
  EXPECT_TRUE(plain->provenance.attributed_to.empty());
  EXPECT_LT(reported->provenance.confidence, plain->provenance.confidence);
}

TEST(Extractor, MinConfidenceFilters) {
  const Document doc = load_fixture("clauses.conllu");
  const auto all = Extractor().extract(doc);
  const auto some = Extractor(ExtractorOptions{0.7}).extract(doc);
  EXPECT_LT(some.size(), all.size());
  EXPECT_FALSE(some.empty());
  for (const auto& t : some) EXPECT_GE(t.provenance.confidence, 0.7);
  EXPECT_TRUE(Extractor(ExtractorOptions{1.01}).extract(doc).empty());
}

TEST(Extractor, EveryTripleIsFilled) {
  for (const auto* name : {"clauses.conllu", "passive.conllu", "copula.conllu", "nominal.conllu", "attribution.conllu", "concepts.conllu", "pronoun_concept.conllu"}) {
    const Document doc = load_fixture(name);
    for (const auto& t : Extractor().extract(doc)) {
      EXPECT_FALSE(t.subject.key.empty());
      EXPECT_FALSE(t.object.key.empty());
      EXPECT_FALSE(t.predicate.empty());
      EXPECT_FALSE(t.predicate_lemma.empty());
      EXPECT_FALSE(t.provenance.rule.empty());
      EXPECT_EQ(t.provenance.doc_id, doc.id());
      EXPECT_GT(t.provenance.confidence, 0.0);
      EXPECT_LE(t.provenance.confidence, 1.0);
      EXPECT_EQ(t.provenance.sentence_text, doc.text_of(t.provenance.sentence_chars));
    }
  }
}

TEST(Extractor, SurvivesACyclicParse) {
  // A broken parser could emit heads that loop; extraction must end, not recurse forever.
  Document doc("cycle", "They fled and hid");
  for (const auto& [begin, end] : {std::pair{0U, 4U}, {5U, 10U}, {11U, 14U}, {15U, 18U}}) doc.add_token({begin, end});
  doc.add_sentence(0);
  auto& tokens = doc.mutable_tokens();
  const std::array<std::tuple<Upos, int, const char*>, 4> parse = {
      {{Upos::PRON, 1, "nsubj"}, {Upos::VERB, 3, "conj"}, {Upos::CCONJ, 3, "cc"}, {Upos::VERB, 1, "conj"}}};
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    tokens[i].upos = std::get<0>(parse[i]);
    tokens[i].head = std::get<1>(parse[i]);
    tokens[i].deprel = std::get<2>(parse[i]);
    tokens[i].lemma = std::string(doc.form(static_cast<std::uint32_t>(i)));
  }
  doc.add_layers(Layer::Tokens | Layer::Sentences | Layer::Pos | Layer::Lemmas | Layer::Deps);
  EXPECT_NO_THROW(Extractor().extract(doc));
  EXPECT_NO_THROW(extract::carb::sentence_extractions(doc, 0));
}

TEST(Extractor, RequiresTheParse) {
  Document doc("bare", "Hello.");
  EXPECT_THROW(Extractor().extract(doc), Error);
}

}  // namespace
}  // namespace text2kg::testing
