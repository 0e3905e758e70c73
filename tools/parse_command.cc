// xlsaot parse: parses and verifies an IR file and prints it in canonical
// form, which is what every other subcommand sees.
#include <cstdio>
#include <memory>
#include <string>

#include "CLI/CLI.hpp"
#include "ir/printer.h"
#include "tools/commands.h"
#include "tools/diagnostics.h"
#include "tools/load_package.h"

namespace xlsaot {

Command AddParseCommand(CLI::App& parent) {
  auto ir_file = std::make_shared<std::string>();
  CLI::App* app = parent.add_subcommand(
      "parse", "Parse and verify an IR file and print it in canonical form");
  app->add_option("file", *ir_file, "IR file (.ir)")->required();
  return Command{app, [ir_file] {
                   Result<std::unique_ptr<Package>> package = LoadVerifiedPackage(*ir_file);
                   if (!package.ok()) return ReportError(package);
                   std::string text = PrintPackage(**package);
                   std::fwrite(text.data(), 1, text.size(), stdout);
                   std::fflush(stdout);
                   return static_cast<int>(kExitOk);
                 }};
}

}  // namespace xlsaot
