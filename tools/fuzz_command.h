// xlsaot fuzz: differential testing of the JIT against the reference
// interpreter on random programs (docs/fuzzing.md).
#ifndef XLSAOT_TOOLS_FUZZ_COMMAND_H_
#define XLSAOT_TOOLS_FUZZ_COMMAND_H_

#include "tools/commands.h"

namespace xlsaot {

// xlsaot fuzz --seed S --count N [--max-nodes M] [-O N] [--dump-dir D]
Command AddFuzzCommand(CLI::App& parent);

}  // namespace xlsaot

#endif  // XLSAOT_TOOLS_FUZZ_COMMAND_H_
