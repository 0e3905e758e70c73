// The subcommands of the `xlsaot` command line. Each adds its options to the
// top-level CLI11 app and returns how to run it once the options are parsed.
#ifndef XLSAOT_TOOLS_COMMANDS_H_
#define XLSAOT_TOOLS_COMMANDS_H_

#include <functional>

namespace CLI {
class App;
}  // namespace CLI

namespace xlsaot {

struct Command {
  CLI::App* app;             // the subcommand, owned by the parent app
  std::function<int()> run;  // returns an ExitStatus (tools/diagnostics.h)
};

// xlsaot eval FILE.ir: evaluates a function on inputs (tools/eval_command.cc).
Command AddEvalCommand(CLI::App& parent);
// xlsaot eval-proc FILE.ir: runs a proc network (tools/eval_proc_command.cc).
Command AddEvalProcCommand(CLI::App& parent);
// xlsaot parse FILE.ir: parses, verifies and prints canonical IR.
Command AddParseCommand(CLI::App& parent);

}  // namespace xlsaot

#endif  // XLSAOT_TOOLS_COMMANDS_H_
