// Placeholder entry point while the exporter facade is being built (issue 2).
#include <iostream>
#include <string_view>

#include "text2kg/version.hpp"

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--version") {
      std::cout << "text2kg " << text2kg::version() << '\n';
      return 0;
    }
  }
  std::cerr << "text2kg: usage: text2kg --version\n";
  return 2;
}
