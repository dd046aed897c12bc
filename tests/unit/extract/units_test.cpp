#include <gtest/gtest.h>

#include "text2kg/extract/confidence.hpp"
#include "text2kg/extract/predicate.hpp"
#include "text2kg/extract/time_expression.hpp"

namespace text2kg::extract {
namespace {

TEST(Predicate, SnakeCase) {
  EXPECT_EQ(snake_case({"Fled", "to"}), "fled_to");
  EXPECT_EQ(snake_case({"was", "taken", "to"}), "was_taken_to");
  EXPECT_EQ(snake_case({"according", "to"}), "according_to");
  EXPECT_EQ(snake_case({"co-founded", ""}), "co_founded");
  EXPECT_EQ(snake_case({}), "");
}

TEST(TimeExpression, WeekdayIsMostRecentOnOrBeforeTheDate) {
  EXPECT_EQ(normalize_time("on Monday", "2019-11-13"), "2019-11-11");
  EXPECT_EQ(normalize_time("Wednesday", "2019-11-13"), "2019-11-13");
  EXPECT_EQ(normalize_time("late on Sunday", "2019-11-13"), "2019-11-10");
  EXPECT_EQ(normalize_time("on Thursday", "2020-01-01"), "2019-12-26");
}

TEST(TimeExpression, MonthDayTakesTheDocumentYear) {
  EXPECT_EQ(normalize_time("October 21", "2019-11-13"), "2019-10-21");
  EXPECT_EQ(normalize_time("Oct. 21, 2018", "2019-11-13"), "2018-10-21");
  EXPECT_EQ(normalize_time("Oct. 21, 2018", ""), "2018-10-21");
  EXPECT_EQ(normalize_time("on the 3rd of May", "2019-11-13"), "2019-05-03");
  EXPECT_EQ(normalize_time("in November", "2019-11-13"), "2019-11");
}

TEST(TimeExpression, RelativeDaysAndYears) {
  EXPECT_EQ(normalize_time("yesterday", "2019-03-01"), "2019-02-28");
  EXPECT_EQ(normalize_time("tomorrow", "2019-12-31"), "2020-01-01");
  EXPECT_EQ(normalize_time("today", "2019-11-13"), "2019-11-13");
  EXPECT_EQ(normalize_time("in 2019", "2020-01-05"), "2019");
}

TEST(TimeExpression, NothingToResolve) {
  EXPECT_EQ(normalize_time("on Monday", ""), "");
  EXPECT_EQ(normalize_time("on Monday", "13/11/2019"), "");
  EXPECT_EQ(normalize_time("the meeting", "2019-11-13"), "");
  EXPECT_EQ(normalize_time("may", "2019-11-13"), "");
}

TEST(TimeExpression, TimeWords) {
  EXPECT_TRUE(is_time_word("monday"));
  EXPECT_TRUE(is_time_word("october"));
  EXPECT_TRUE(is_time_word("week"));
  EXPECT_FALSE(is_time_word("mexico"));
}

ConfidenceInputs base() {
  ConfidenceInputs in;
  in.rule = "clause.svo";
  in.sentence_length = 10;
  in.distance = 1;
  return in;
}

TEST(Confidence, OrderingProperties) {
  const double plain = triple_confidence(base());
  EXPECT_DOUBLE_EQ(plain, 0.9);
  auto pronoun = base();
  pronoun.subject = ArgumentKind::Pronoun;
  EXPECT_LT(triple_confidence(pronoun), plain);
  auto resolved = base();
  resolved.subject = ArgumentKind::ResolvedPronoun;
  EXPECT_GT(triple_confidence(resolved), triple_confidence(pronoun));
  auto far = base();
  far.distance = 15;
  EXPECT_LT(triple_confidence(far), plain);
  auto longer = base();
  longer.sentence_length = 50;
  EXPECT_LT(triple_confidence(longer), plain);
  auto coordinated = base();
  coordinated.coordination_depth = 2;
  auto less_coordinated = base();
  less_coordinated.coordination_depth = 1;
  EXPECT_LT(triple_confidence(coordinated), triple_confidence(less_coordinated));
  auto attributed = base();
  attributed.attributed = true;
  EXPECT_LT(triple_confidence(attributed), plain);
  auto obl = base();
  obl.rule = "clause.obl";
  EXPECT_LT(triple_confidence(obl), plain);
  auto unknown = base();
  unknown.rule = "no.such.rule";
  EXPECT_DOUBLE_EQ(triple_confidence(unknown), 0.5);
}

TEST(Confidence, StaysInRange) {
  auto worst = base();
  worst.rule = "nominal.of";
  worst.subject = worst.object = ArgumentKind::Pronoun;
  worst.sentence_length = 500;
  worst.distance = 500;
  worst.coordination_depth = 40;
  worst.inherited_subject = worst.attributed = true;
  EXPECT_GE(triple_confidence(worst), 0.01);
  EXPECT_LE(triple_confidence(base()), 1.0);
}

}  // namespace
}  // namespace text2kg::extract
