#include "text2kg/nlp/arc_hybrid.hpp"

#include <algorithm>

namespace text2kg::nlp {

void ArcHybridState::reset(std::uint32_t words) {
  words_ = words;
  buffer_ = 1;
  stack_.clear();
  stack_.push_back(0);
  const std::size_t size = words + 1;
  head_.assign(size, kNone);
  label_.assign(size, 0);
  left_.assign(size, {kNone, kNone});
  right_.assign(size, {kNone, kNone});
  left_count_.assign(size, 0);
  right_count_.assign(size, 0);
  left_labels_.assign(size, 0);
  right_labels_.assign(size, 0);
}

void ArcHybridState::attach(std::int32_t head, std::int32_t dependent, std::uint16_t label) {
  const auto h = static_cast<std::size_t>(head);
  head_[static_cast<std::size_t>(dependent)] = head;
  label_[static_cast<std::size_t>(dependent)] = label;
  if (dependent < head) {
    // Keep the two leftmost: a new dependent further left pushes the old leftmost to rank 1.
    auto& l = left_[h];
    if (l[0] == kNone || dependent < l[0]) {
      l[1] = l[0];
      l[0] = dependent;
    } else if (l[1] == kNone || dependent < l[1]) {
      l[1] = dependent;
    }
    ++left_count_[h];
    left_labels_[h] |= std::uint64_t{1} << (label % 64);
  } else {
    auto& r = right_[h];
    if (r[0] == kNone || dependent > r[0]) {
      r[1] = r[0];
      r[0] = dependent;
    } else if (r[1] == kNone || dependent > r[1]) {
      r[1] = dependent;
    }
    ++right_count_[h];
    right_labels_[h] |= std::uint64_t{1} << (label % 64);
  }
}

void ArcHybridState::costs(const std::vector<std::int32_t>& gold_head, const std::vector<std::uint16_t>& gold_label,
                           std::uint16_t labels, std::vector<int>& costs) const {
  costs.assign(1 + 2 * static_cast<std::size_t>(labels), -1);
  const auto in_buffer = [&](std::int32_t w) { return w >= static_cast<std::int32_t>(buffer_); };
  const auto in_stack = [&](std::int32_t w) { return std::find(stack_.begin(), stack_.end(), w) != stack_.end(); };
  const std::int32_t s0 = stack(0);
  const std::int32_t s1 = stack(1);
  const std::int32_t b0 = buffer(0);
  if (can_shift()) {
    // b0 can no longer take a head or a dependent from below the stack top.
    int cost = 0;
    for (const std::int32_t w : stack_) {
      if (w != 0 && gold_head[static_cast<std::size_t>(w)] == b0) ++cost;
    }
    const std::int32_t h = gold_head[static_cast<std::size_t>(b0)];
    if (h != s0 && in_stack(h)) ++cost;
    costs[0] = cost;
  }
  if (s0 > 0) {
    // Popping s0 loses its dependents still in the buffer.
    int lost_children = 0;
    for (std::uint32_t w = buffer_; w <= words_; ++w) {
      if (gold_head[w] == s0) ++lost_children;
    }
    const std::int32_t h = gold_head[static_cast<std::size_t>(s0)];
    const std::uint16_t gold = gold_label[static_cast<std::size_t>(s0)];
    if (can_left()) {
      const int base = lost_children + ((h != b0 && (in_buffer(h) || h == s1)) ? 1 : 0);
      for (std::uint16_t l = 1; l <= labels; ++l) costs[l] = base + ((h == b0 && l != gold) ? 1 : 0);
    }
    if (can_right()) {
      const int base = lost_children + (in_buffer(h) ? 1 : 0);
      for (std::uint16_t l = 1; l <= labels; ++l) costs[labels + l] = base + ((h == s1 && l != gold) ? 1 : 0);
    }
  }
}

}  // namespace text2kg::nlp
