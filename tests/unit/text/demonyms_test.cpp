#include "text2kg/text/demonyms.hpp"

#include <gtest/gtest.h>

namespace text2kg {
namespace {

TEST(Demonyms, CountriesFromDemonyms) {
  EXPECT_TRUE(demonym_table_is_sorted());
  EXPECT_EQ(country_for_demonym("Mexican"), "Mexico");
  EXPECT_EQ(country_for_demonym("Brazilian"), "Brazil");
  EXPECT_EQ(country_for_demonym("Argentine"), "Argentina");
  EXPECT_EQ(country_for_demonym("Argentinian"), "Argentina");
  EXPECT_EQ(country_for_demonym("bolivian"), "Bolivia");
  EXPECT_EQ(country_for_demonym("VENEZUELAN"), "Venezuela");
  EXPECT_EQ(country_for_demonym("American"), "United States");
  EXPECT_EQ(country_for_demonym("British"), "United Kingdom");
  EXPECT_EQ(country_for_demonym("Dutch"), "Netherlands");
  EXPECT_EQ(country_for_demonym("Samoan"), "Samoa");
  EXPECT_EQ(country_for_demonym("Sammarinese"), "San Marino");
  EXPECT_EQ(country_for_demonym("Martian"), std::nullopt);
  EXPECT_EQ(country_for_demonym(""), std::nullopt);
  EXPECT_EQ(country_for_demonym("Mexico"), std::nullopt);
}

}  // namespace
}  // namespace text2kg
