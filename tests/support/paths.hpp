#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace text2kg::testing {

/// Folders handed to tests by meson (tests/meson.build sets the environment).
inline std::filesystem::path source_dir() {
  const char* dir = std::getenv("TEXT2KG_SOURCE_DIR");
  return dir ? dir : ".";
}
inline std::filesystem::path shared_dir() {
  const char* dir = std::getenv("TEXT2KG_SHARED_DIR");
  return dir ? dir : source_dir() / ".." / "shared";
}
inline std::filesystem::path build_dir() {
  const char* dir = std::getenv("TEXT2KG_BUILD_DIR");
  return dir ? dir : ".";
}

}  // namespace text2kg::testing
