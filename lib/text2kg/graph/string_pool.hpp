#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace text2kg::graph {

/// Each distinct string held once (document ids, rule names, predicates, sentence texts);
/// records refer to them by a 32-bit id. Id 0 is always the empty string.
class StringPool {
 public:
  StringPool() { intern(""); }
  StringPool(const StringPool& other) : StringPool() { copy_from(other); }
  StringPool& operator=(const StringPool& other) {
    if (this != &other) {
      strings_.clear();
      ids_.clear();
      intern("");
      copy_from(other);
    }
    return *this;
  }

  std::uint32_t intern(std::string_view text) {
    if (const auto found = ids_.find(text); found != ids_.end()) return found->second;
    const auto id = static_cast<std::uint32_t>(strings_.size());
    strings_.emplace_back(text);  // a deque never moves its elements: the views stay valid
    ids_.emplace(strings_.back(), id);
    return id;
  }
  std::string_view get(std::uint32_t id) const { return strings_[id]; }
  std::size_t size() const { return strings_.size(); }

 private:
  void copy_from(const StringPool& other) {
    for (std::size_t i = 1; i < other.strings_.size(); ++i) intern(other.strings_[i]);
  }

  std::deque<std::string> strings_;
  std::unordered_map<std::string_view, std::uint32_t> ids_;
};

}  // namespace text2kg::graph
