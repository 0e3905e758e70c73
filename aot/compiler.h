// Ahead-of-time compilation of XLS functions into an artifact: a
// relocatable object (per function: entry point, metadata blob, artifact
// descriptor), the generated C++ API (NAME.h, NAME.cc) and the metadata file
// (NAME.xlsmeta). The code comes from the same lowering as the JIT's
// (codegen/); functions several tops call are compiled once.
#ifndef XLSAOT_AOT_COMPILER_H_
#define XLSAOT_AOT_COMPILER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "aot/target_selection.h"
#include "ir/function.h"
#include "xlsaot/result.h"

namespace xlsaot {

struct AotOptions {
  // Artifact name: NAME.o, NAME.h, NAME.cc, NAME.xlsmeta; a C identifier.
  std::string name;
  // C++ namespace of the generated API ("" = name).
  std::string cpp_namespace;
  // LLVM optimisation level, 0 to 3.
  int opt_level = 2;
  // "" = portable baseline of the host architecture, "native", or a CPU name.
  std::string cpu;
  // Alignment the caller must give the scratch buffer (a power of two >= 8).
  int64_t scratch_alignment = 8;
  // Values larger than this live in scratch memory instead of on the stack.
  int64_t stack_cutoff_bytes = 512;
  // From -O2, how many rarely true comparisons a function may branch on
  // (`--rare-paths`, CodegenOptions::rare_path_conditions); 0 never branches.
  int rare_path_conditions = 6;
  // Traces and covers are compiled and their sites recorded in the metadata
  // (`--events`); without it a reachable trace or cover is an error.
  bool events = false;
  // Also generate the C API, NAME_c.h and its glue NAME_c.cc (`--c-api`,
  // docs/c-api.md).
  bool c_api = false;
  // Also generate the Python module NAME.py (`--python`, docs/python.md); it
  // calls the C API, so this generates that too.
  bool python = false;
  // Threads compiling the parts of a large function at once (0 = the
  // hardware threads of this machine). The artifact does not depend on it.
  int jobs = 0;
  // Also generate the SystemVerilog DPI-C binding (`--dpi`, docs/dpi.md).
  bool dpi = false;
};

// One compiled function of an artifact.
struct AotEntry {
  std::string function_name;
  std::string entry_symbol;
  std::vector<uint8_t> metadata;  // its blob, inside the object next to the entry
};

struct AotArtifact {
  std::string name;
  std::string entry_symbol;       // of the first entry
  std::vector<AotEntry> entries;  // in the order of the tops
  std::vector<uint8_t> object;    // NAME.o
  std::string header;             // NAME.h
  std::string source;             // NAME.cc
  // NAME.xlsmeta: the entry's blob for one top, all entries' blobs in the
  // entry list format for several (SerializeArtifactEntries).
  std::vector<uint8_t> metadata;
  std::string dpi_package;        // NAME_pkg.sv, with AotOptions::dpi only
  std::string dpi_source;         // NAME_dpi.cc, with AotOptions::dpi only
  std::string c_header;           // NAME_c.h ("" without the C API)
  std::string c_glue;             // NAME_c.cc ("" without the C API)
  std::string python_module;      // NAME.py ("" without the Python module)
};

// The entry symbol of artifact `name` in namespace `ns`:
// "xlsaot_" + the namespace's parts and the name joined by "__". An
// artifact of several functions adds "__" + the entry's C++ name
// (EntryIdentifier) to it for each.
std::string AotEntrySymbol(const std::string& ns, const std::string& name);

// The target and code generation options `options` ask for (CPU, level,
// events, scratch and stack settings).
Result<AotTarget> SelectAotTarget(const AotOptions& options);

// Compiles verified `top`. Errors: kInvalidArgument for bad options,
// kUnsupported for a trace or cover reachable from `top` (see aot/legality.h)
// and for IR the code generator does not handle.
Result<AotArtifact> CompileAheadOfTime(const Function& top, const AotOptions& options);

// Compiles verified `tops` (functions of one package, at least one, none
// twice) into one artifact with an entry each. One top gives exactly the
// artifact of the overload above. Legality is checked for each top's own
// closure. Errors as above, and kInvalidArgument for a repeated top or two
// tops whose C++ names (EntryIdentifier) coincide.
Result<AotArtifact> CompileAheadOfTime(const std::vector<const Function*>& tops,
                                       const AotOptions& options);

// Writes the four files (and those of the DPI-C binding, the C API and the
// Python module when generated) into `out_dir` (created if missing). Each file is
// written under a temporary name first and renamed into place only after
// all were written, so a failure leaves no partial artifact behind.
Status WriteArtifactFiles(const AotArtifact& artifact, const std::string& out_dir);

}  // namespace xlsaot

#endif  // XLSAOT_AOT_COMPILER_H_
