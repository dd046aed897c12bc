#include "text2kg/nlp/pipeline.hpp"

#include <string>

#include "text2kg/base/error.hpp"

namespace text2kg::nlp {

void Pipeline::add(std::unique_ptr<Stage> stage) {
  const Layers missing = stage->required_layers().missing_from(provided_);
  if (!missing.empty()) {
    throw Error("stage '" + std::string(stage->name()) + "' requires layer '" + describe(missing) +
                "', provided by no earlier stage");
  }
  provided_ |= stage->provided_layers();
  stages_.push_back(std::move(stage));
}

void Pipeline::run(Document& doc, bool check) const {
  for (const auto& stage : stages_) {
    stage->process(doc);
    doc.add_layers(stage->provided_layers());
    if (!check) continue;
    const auto problems = validate(doc);
    if (!problems.empty()) {
      throw Error("stage '" + std::string(stage->name()) + "' left document '" + std::string(doc.id()) +
                  "' invalid: " + problems.front());
    }
  }
}

std::vector<std::string_view> Pipeline::names() const {
  std::vector<std::string_view> out;
  out.reserve(stages_.size());
  for (const auto& stage : stages_) out.push_back(stage->name());
  return out;
}

}  // namespace text2kg::nlp
