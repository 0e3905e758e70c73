// The SystemVerilog DPI-C binding of an artifact (docs/dpi.md): NAME_pkg.sv,
// a package that imports each compiled function through DPI-C and wraps it
// in a function with typed arguments and a status, and NAME_dpi.cc, the C++
// behind the import, built on the generated C++ runner (NAME.h) and the
// runtime (xlsaot/dpi_support.h).
//
// Each file is a prologue, the text of every entry (one compiled function,
// from its metadata) and an epilogue, so an artifact of several functions
// is a loop over its entries. Like the C++ API, the text depends on the
// metadata and the names only.
#ifndef XLSAOT_AOT_DPI_GENERATOR_H_
#define XLSAOT_AOT_DPI_GENERATOR_H_

#include <span>
#include <string>
#include <string_view>

#include "xlsaot/metadata.h"
#include "xlsaot/result.h"

namespace xlsaot {

struct GeneratedDpi {
  std::string package;  // NAME_pkg.sv
  std::string source;   // NAME_dpi.cc
};

// One compiled function of an artifact, as the DPI-C files see it.
struct DpiEntry {
  const MetadataView& metadata;
  // The generated C++ runner class of the function, fully qualified
  // ("ns::Runner").
  std::string runner_class;
};

// NAME_pkg.sv: the package header (status codes, report switch,
// last_error()), then DpiPackageEntry of each entry, then the end.
std::string DpiPackagePrologue(std::string_view name);
std::string DpiPackageEntry(const DpiEntry& entry, std::string_view name);
std::string DpiPackageEpilogue(std::string_view name);

// NAME_dpi.cc: the includes and last_error's definition, then
// DpiSourceEntry of each entry (the extern "C" function the package
// imports).
std::string DpiSourcePrologue(std::string_view name);
std::string DpiSourceEntry(const DpiEntry& entry, std::string_view name);

// Both files for an artifact of one function whose C++ API lives in
// `cpp_namespace`. `name` must pass CheckArtifactName.
Result<GeneratedDpi> GenerateDpi(const MetadataView& metadata, std::string_view name,
                                 std::string_view cpp_namespace);

// Both files for an artifact of several functions (the entries of
// ValidateArtifactEntries, in order): one imported function each, calling
// the runner of its entry's namespace (EntryNamespace).
Result<GeneratedDpi> GenerateDpi(std::span<const MetadataView> entries, std::string_view name,
                                 std::string_view cpp_namespace);

// The SystemVerilog identifier the package uses for an XLS function or
// parameter name: characters other than letters, digits and '_' become '_',
// and a name that is a SystemVerilog keyword, one of the package's own
// names, or not an identifier gets the prefix `prefix`.
std::string SvIdentifier(std::string_view xls_name, std::string_view prefix);

}  // namespace xlsaot

#endif  // XLSAOT_AOT_DPI_GENERATOR_H_
