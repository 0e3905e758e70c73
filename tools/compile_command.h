// xlsaot compile: ahead-of-time compilation of one function into an object
// file, a generated C++ API and a metadata file (docs/aot.md).
#ifndef XLSAOT_TOOLS_COMPILE_COMMAND_H_
#define XLSAOT_TOOLS_COMPILE_COMMAND_H_

#include "tools/commands.h"

namespace xlsaot {

Command AddCompileCommand(CLI::App& parent);

}  // namespace xlsaot

#endif  // XLSAOT_TOOLS_COMPILE_COMMAND_H_
