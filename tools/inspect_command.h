// xlsaot inspect: prints the metadata of an ahead-of-time artifact.
#ifndef XLSAOT_TOOLS_INSPECT_COMMAND_H_
#define XLSAOT_TOOLS_INSPECT_COMMAND_H_

#include "tools/commands.h"

namespace xlsaot {

Command AddInspectCommand(CLI::App& parent);

}  // namespace xlsaot

#endif  // XLSAOT_TOOLS_INSPECT_COMMAND_H_
