#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>

#include "text2kg/base/atomic_file.hpp"
#include "text2kg/base/error.hpp"

namespace text2kg::nlp::model_io {

/// Little helpers for the binary model files (linear models, tagger, parser, NER, gazetteer;
/// host byte order). Readers throw text2kg::Error naming `what` on a truncated file.
template <typename T>
void put(std::ostream& out, T value) {
  out.write(reinterpret_cast<const char*>(&value), sizeof value);
}

template <typename T>
T get(std::istream& in, std::string_view what) {
  // Straight from the stream buffer: istream::read builds a sentry per call, which made
  // loading millions of small values the slowest part of starting a pipeline.
  T value{};
  if (in.rdbuf()->sgetn(reinterpret_cast<char*>(&value), sizeof value) != static_cast<std::streamsize>(sizeof value)) {
    in.setstate(std::ios::failbit | std::ios::eofbit);
    throw Error(std::string(what) + ": truncated model file");
  }
  return value;
}

inline void put_string(std::ostream& out, std::string_view text) {
  put(out, static_cast<std::uint32_t>(text.size()));
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

inline std::string get_string(std::istream& in, std::string_view what) {
  const auto size = get<std::uint32_t>(in, what);
  if (size > (1U << 20)) throw Error(std::string(what) + ": implausible string length in model file");
  std::string text(size, '\0');
  if (!in.read(text.data(), size)) throw Error(std::string(what) + ": truncated model file");
  return text;
}

/// Reads and checks an 8-byte magic tag.
inline void expect_magic(std::istream& in, std::string_view magic, std::string_view what) {
  char buffer[8] = {};
  if (!in.read(buffer, sizeof buffer) || std::string_view(buffer, sizeof buffer) != magic) {
    throw Error(std::string(what) + ": not a text2kg " + std::string(what) + " model (expected " + std::string(magic) + ")");
  }
}

/// Opens a model file and reads it with `load(std::istream&)`; any error names the file.
template <typename Load>
auto load_file(const std::filesystem::path& model_file, std::string_view what, Load load) {
  std::ifstream in(model_file, std::ios::binary);
  if (!in) throw Error(model_file.string() + ": cannot open " + std::string(what) + " model");
  try {
    return load(in);
  } catch (const Error& e) {
    throw Error(model_file.string() + ": " + e.what());
  }
}

/// Writes a model through `save(std::ostream&)` to a file that appears whole or not at all.
template <typename Save>
void save_file(const std::filesystem::path& model_file, Save save) {
  AtomicFile file(model_file);
  save(file.stream());
  file.commit();
}

}  // namespace text2kg::nlp::model_io
