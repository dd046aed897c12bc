#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace text2kg {

/// Any failure the user must hear about; the command line maps it to exit code 1.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A malformed command line; exit code 2.
class UsageError : public Error {
 public:
  using Error::Error;
};

/// A malformed input, located so the user can find it: "FILE:LINE: message" when a line is
/// known, "FILE: byte N: message" when only a byte offset is, "FILE: message" otherwise.
class InputError : public Error {
 public:
  static constexpr std::uint64_t kUnknown = ~std::uint64_t{0};

  static InputError at_line(const std::string& file, std::uint64_t line, const std::string& what) {
    return InputError(file + ":" + std::to_string(line) + ": " + what);
  }
  static InputError at_byte(const std::string& file, std::uint64_t byte, const std::string& what) {
    return InputError(file + ": byte " + std::to_string(byte) + ": " + what);
  }
  static InputError in_file(const std::string& file, const std::string& what) {
    return InputError(file + ": " + what);
  }

 private:
  explicit InputError(const std::string& message) : Error(message) {}
};

}  // namespace text2kg
