// The `xlsaot` command line: dispatches to one subcommand per verb.
#include "tools/cli.h"

#include <cstdio>
#include <exception>
#include <new>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "tools/commands.h"
#include "tools/compile_command.h"
#include "tools/inspect_command.h"
#include "tools/diagnostics.h"
#include "tools/fuzz_command.h"

namespace xlsaot {
namespace {

int Main(int argc, char** argv) {
  CLI::App app("xlsaot: a toolchain for XLS IR functions", "xlsaot");
  app.set_version_flag("--version", "xlsaot " XLSAOT_VERSION);
  app.require_subcommand(1);
  std::vector<Command> commands = {AddEvalCommand(app), AddEvalProcCommand(app), AddParseCommand(app),
                                   AddCompileCommand(app), AddInspectCommand(app),
                                   AddFuzzCommand(app)};

  if (argc <= 1) {
    std::fputs(app.help().c_str(), stderr);
    return kExitUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version arrive as "errors" with exit code 0.
    if (e.get_exit_code() == 0) return app.exit(e);
    return ReportUsageError(std::string(e.what()) + " (see xlsaot --help)");
  }
  for (const Command& command : commands) {
    if (command.app->parsed()) return command.run();
  }
  return ReportUsageError("no subcommand given (see xlsaot --help)");
}

}  // namespace

int RunCli(int argc, char** argv) {
  // Errors are values throughout; these only guard against the standard
  // library itself running out of memory on a hostile input.
  try {
    return Main(argc, argv);
  } catch (const std::bad_alloc&) {
    return ReportError("out of memory", kExitLimit);
  } catch (const std::exception& e) {
    return ReportError(std::string("internal error: ") + e.what(), kExitInternal);
  }
}

}  // namespace xlsaot
