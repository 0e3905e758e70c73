// The `xlsaot` command line as a function, so that the executable and
// test programs (which register extra fuzz engines first, see
// fuzz/differential.h) run exactly the same code.
#ifndef XLSAOT_TOOLS_CLI_H_
#define XLSAOT_TOOLS_CLI_H_

namespace xlsaot {

// Parses `argv`, runs the subcommand it names and returns the process exit
// status (tools/diagnostics.h). Never throws.
int RunCli(int argc, char** argv);

}  // namespace xlsaot

#endif  // XLSAOT_TOOLS_CLI_H_
