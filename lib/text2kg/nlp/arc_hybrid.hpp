#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace text2kg::nlp {

/// The arc-hybrid transition system (Kuhlmann, Gómez-Rodríguez and Satta 2011) over one
/// sentence, with words numbered 1..n and 0 the artificial root at the stack bottom.
///   SHIFT     moves the buffer front b0 onto the stack;
///   LEFT(l)   makes b0 the head of s0 with label l and pops s0;
///   RIGHT(l)  makes s1 the head of s0 with label l and pops s0.
/// The root may take a dependent only as the very last transition, so every finished
/// state is a tree with exactly one root word. Transitions are numbered as the parser's
/// classes: 0 = SHIFT, 1..L = LEFT(label 1..L), L+1..2L = RIGHT(label 1..L).
class ArcHybridState {
 public:
  static constexpr std::int32_t kNone = -1;

  void reset(std::uint32_t words);

  bool finished() const { return buffer_ > words_ && stack_.size() == 1; }
  bool can_shift() const { return buffer_ <= words_; }
  bool can_left() const { return buffer_ <= words_ && stack_.size() > 1; }
  /// Attaching to the root only when it ends the parse keeps a single root.
  bool can_right() const { return stack_.size() > 2 || (stack_.size() == 2 && buffer_ > words_); }

  void shift() { stack_.push_back(buffer_++); }
  void left(std::uint16_t label) { attach(static_cast<std::int32_t>(buffer_), pop(), label); }
  void right(std::uint16_t label) {
    const std::int32_t dependent = pop();
    attach(stack_.back(), dependent, label);
  }

  /// Stack from the top (0 = s0) and buffer from the front (0 = b0); kNone when absent.
  std::int32_t stack(std::size_t depth) const {
    return depth < stack_.size() ? stack_[stack_.size() - 1 - depth] : kNone;
  }
  std::int32_t buffer(std::size_t offset) const {
    return buffer_ + offset <= words_ ? static_cast<std::int32_t>(buffer_ + offset) : kNone;
  }
  std::uint32_t words() const { return words_; }

  std::int32_t head(std::int32_t word) const { return head_[static_cast<std::size_t>(word)]; }
  std::uint16_t label(std::int32_t word) const { return label_[static_cast<std::size_t>(word)]; }
  /// Leftmost / second leftmost and rightmost / second rightmost dependents, or kNone.
  std::int32_t left_child(std::int32_t word, int rank) const { return left_[static_cast<std::size_t>(word)][rank]; }
  std::int32_t right_child(std::int32_t word, int rank) const { return right_[static_cast<std::size_t>(word)][rank]; }
  std::uint32_t left_count(std::int32_t word) const { return left_count_[static_cast<std::size_t>(word)]; }
  std::uint32_t right_count(std::int32_t word) const { return right_count_[static_cast<std::size_t>(word)]; }
  /// Bit l%64 set when the word has a left (right) dependent with label l.
  std::uint64_t left_labels(std::int32_t word) const { return left_labels_[static_cast<std::size_t>(word)]; }
  std::uint64_t right_labels(std::int32_t word) const { return right_labels_[static_cast<std::size_t>(word)]; }

  /// Dynamic-oracle cost (Goldberg and Nivre 2013) of each transition: how many gold arcs
  /// (a wrong label counts as a lost arc) become unreachable. `gold_head[w]` for w in
  /// 1..n, `gold_label[w]` likewise; `costs` gets 1 + 2L entries, -1 for illegal ones.
  void costs(const std::vector<std::int32_t>& gold_head, const std::vector<std::uint16_t>& gold_label,
             std::uint16_t labels, std::vector<int>& costs) const;

 private:
  std::int32_t pop() {
    const std::int32_t top = stack_.back();
    stack_.pop_back();
    return top;
  }
  void attach(std::int32_t head, std::int32_t dependent, std::uint16_t label);

  std::uint32_t words_ = 0;
  std::uint32_t buffer_ = 1;
  std::vector<std::int32_t> stack_;
  std::vector<std::int32_t> head_;
  std::vector<std::uint16_t> label_;
  std::vector<std::array<std::int32_t, 2>> left_, right_;
  std::vector<std::uint32_t> left_count_, right_count_;
  std::vector<std::uint64_t> left_labels_, right_labels_;
  std::vector<char> in_stack_;
};

}  // namespace text2kg::nlp
