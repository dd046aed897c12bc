#include <gtest/gtest.h>

#include <map>
#include <string>

#include "text2kg/io/pooled_text_memo.hpp"

namespace text2kg::io {
namespace {

std::string text_for(std::uint32_t id) {
  std::string text = "type-";
  text += std::to_string(id);
  return text;
}

// Ids far more than the recent table's slots, so that slots are shared and entries evicted:
// each id's text is made exactly once and every answer is that id's own.
TEST(PooledTextMemo, MakesEachTextOnceAndAnswersEveryIdWithItsOwn) {
  PooledTextMemo memo;
  std::map<std::uint32_t, int> made;
  for (int round = 0; round < 3; ++round) {
    for (std::uint32_t id = 0; id < 5000; id += 7) {
      const std::string& text = memo.get(id, [&] {
        ++made[id];
        return text_for(id);
      });
      ASSERT_EQ(text, text_for(id));
    }
  }
  EXPECT_EQ(made.size(), 715U);
  for (const auto& [id, times] : made) EXPECT_EQ(times, 1) << id;
}

TEST(PooledTextMemo, TheSameIdInARowGivesTheSameString) {
  PooledTextMemo memo;
  const std::string& first = memo.get(42, [] { return std::string("FLEE_TO"); });
  const std::string& again = memo.get(42, [] { return std::string("never made"); });
  EXPECT_EQ(&first, &again);
  EXPECT_EQ(again, "FLEE_TO");
}

}  // namespace
}  // namespace text2kg::io
