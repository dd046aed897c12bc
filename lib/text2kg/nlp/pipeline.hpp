#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "text2kg/nlp/stage.hpp"

namespace text2kg::nlp {

/// Stages run in order; each one's requirements are checked when it is added.
class Pipeline {
 public:
  /// Throws text2kg::Error("stage 'parser' requires layer 'pos', provided by no earlier stage").
  void add(std::unique_ptr<Stage> stage);
  /// Runs every stage; with `check` (tests, debug builds) validates the document after each.
  void run(Document& doc, bool check = false) const;
  std::vector<std::string_view> names() const;
  Layers provided_layers() const { return provided_; }

 private:
  std::vector<std::unique_ptr<Stage>> stages_;
  Layers provided_;
};

}  // namespace text2kg::nlp
