// The generated C API of an artifact (docs/c-api.md): NAME_c.h, a C11
// header declaring an opaque runner, the C types of the function's
// parameters and result, and functions that return xlsaot_error_code
// (xlsaot/c_api.h); NAME_c.cc, the C++ glue that implements them with
// extern "C" over the generated C++ runner of NAME.h.
//
// Each entry (one compiled function) gets its own functions and types, all
// named with the entry's prefix ("NAME" for the function of a one-function
// artifact); the file-level prologue and epilogue are separate, so an
// artifact of several functions concatenates one entry text per function.
#ifndef XLSAOT_AOT_C_API_GENERATOR_H_
#define XLSAOT_AOT_C_API_GENERATOR_H_

#include <span>
#include <string>
#include <string_view>

#include "xlsaot/metadata.h"
#include "xlsaot/result.h"

namespace xlsaot {

struct GeneratedCApi {
  std::string header;  // NAME_c.h
  std::string glue;    // NAME_c.cc
};

// One entry: `metadata` of the function, the C `prefix` of its names and
// the C++ type of its generated runner ("ns::Runner").
struct CApiEntry {
  const MetadataView& metadata;
  std::string prefix;
  std::string cpp_runner;
};

// The parts of NAME_c.h and NAME_c.cc: prologue, one text per entry,
// epilogue. `name` is the artifact name (file names, include guard).
std::string CApiHeaderPrologue(std::string_view name);
std::string CApiHeaderEntry(const CApiEntry& entry);
std::string CApiHeaderEpilogue(std::string_view name);
std::string CApiGluePrologue(std::string_view name);
std::string CApiGlueEntry(const CApiEntry& entry);

// Both files for the one function of artifact `name` whose C++ API lives in
// namespace `cpp_namespace` (prefix: the name).
Result<GeneratedCApi> GenerateCApi(const MetadataView& metadata, std::string_view name,
                                   std::string_view cpp_namespace);

// Both files for an artifact of several functions (the entries of
// ValidateArtifactEntries, in order): the names of each start with
// NAME_<EntryIdentifier(function name)>, and its glue calls the runner of
// its entry's namespace (EntryNamespace). One entry gives exactly the
// files of the overload above.
Result<GeneratedCApi> GenerateCApi(std::span<const MetadataView> entries, std::string_view name,
                                   std::string_view cpp_namespace);

}  // namespace xlsaot

#endif  // XLSAOT_AOT_C_API_GENERATOR_H_
