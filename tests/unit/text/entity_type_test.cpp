#include "text2kg/text/entity_type.hpp"

#include <gtest/gtest.h>

namespace text2kg {
namespace {

TEST(EntityType, ParsesCommonTagSets) {
  EXPECT_EQ(parse_entity_type("PER"), EntityType::Person);
  EXPECT_EQ(parse_entity_type("gpe"), EntityType::Place);
  EXPECT_EQ(parse_entity_type("Organization"), EntityType::Organization);
  EXPECT_EQ(parse_entity_type("concept"), EntityType::Concept);
  EXPECT_EQ(parse_entity_type("Claim"), EntityType::Claim);
  EXPECT_FALSE(parse_entity_type("animal"));
}

TEST(EntityType, NamesRoundTrip) {
  for (std::size_t i = 1; i < kEntityTypeCount; ++i) {
    const auto type = static_cast<EntityType>(i);
    EXPECT_EQ(parse_entity_type(to_string(type)), type);
  }
}

}  // namespace
}  // namespace text2kg
