// text2kg: the command line. Only argument handling and exit codes live here; everything
// else is in the library (text2kg/app).
#include <iostream>
#include <string>
#include <vector>

#include "text2kg/app/exporter.hpp"
#include "text2kg/app/options.hpp"
#include "text2kg/base/error.hpp"
#include "text2kg/version.hpp"

int main(int argc, char** argv) {
  try {
    const std::vector<std::string> args(argv + 1, argv + argc);
    const auto command = text2kg::app::parse_command_line(args);
    if (command.help) {
      text2kg::app::print_usage(std::cout);
      return 0;
    }
    if (command.version) {
      std::cout << "text2kg " << text2kg::version() << '\n';
      return 0;
    }
    text2kg::app::Exporter exporter(command.options);
    const auto summary = exporter.run();
    if (!command.options.quiet && command.options.dump_conllu) {
      std::cerr << "text2kg: " << summary.documents << " documents (" << summary.failed_documents << " skipped)\n";
    } else if (!command.options.quiet) {
      std::cerr << "text2kg: " << summary.triples << " triples, " << summary.nodes << " nodes, " << summary.edges
                << " edges";
      if (summary.documents > 0) {
        std::cerr << " from " << summary.documents << " documents (" << summary.failed_documents << " skipped)";
      }
      std::cerr << '\n';
    }
    return 0;
  } catch (const text2kg::UsageError& e) {
    std::cerr << "text2kg: " << e.what() << "\nTry 'text2kg --help'.\n";
    return 2;
  } catch (const text2kg::Error& e) {
    std::cerr << "text2kg: error: " << e.what() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "text2kg: error: " << e.what() << '\n';
    return 1;
  }
}
