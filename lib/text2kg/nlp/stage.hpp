#pragma once

#include <string_view>

#include "text2kg/text/document.hpp"
#include "text2kg/text/layers.hpp"

namespace text2kg::nlp {

/// One step of the NLP pipeline. Holds only immutable, loaded resources.
/// Thread safety: process() is const and may run concurrently on different Documents.
/// A stage that cannot do better degrades (fallback tag, flat attachment); bad NLP is never
/// an exception.
class Stage {
 public:
  virtual ~Stage() = default;
  virtual std::string_view name() const = 0;   ///< "tokenizer", "tagger", ...
  virtual Layers required_layers() const = 0;  ///< layers that must exist before process()
  virtual Layers provided_layers() const = 0;  ///< layers this stage fills
  virtual void process(Document& doc) const = 0;
};

}  // namespace text2kg::nlp
