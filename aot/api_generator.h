// The generated C++ API of an artifact (docs/generated-api.md): NAME.h
// declares NS::Runner with typed Run/RunWithEvents and NS::kMetadata;
// NAME.cc implements them over xlsaot::ArtifactRunner.
//
// The text is produced from the metadata alone, in one canonical layout, so
// identical metadata always gives byte-identical sources (no formatter, no
// paths, no dates).
#ifndef XLSAOT_AOT_API_GENERATOR_H_
#define XLSAOT_AOT_API_GENERATOR_H_

#include <string>
#include <string_view>

#include "xlsaot/metadata.h"
#include "xlsaot/result.h"

namespace xlsaot {

struct GeneratedApi {
  std::string header;  // NAME.h
  std::string source;  // NAME.cc
};

// `name` is the artifact name (file names, include guard); `cpp_namespace`
// a C++ namespace ("ns" or "a::b"). Both must pass CheckArtifactName /
// CheckCppNamespace.
Result<GeneratedApi> GenerateCppApi(const MetadataView& metadata, std::string_view name,
                                    std::string_view cpp_namespace);

// kInvalidArgument unless `name` is a C identifier usable as a file name.
Status CheckArtifactName(std::string_view name);
// kInvalidArgument unless `ns` is identifiers joined by "::", none a C++
// keyword or reserved.
Status CheckCppNamespace(std::string_view ns);

// A C++ expression convertible to std::string_view with exactly the bytes of
// `text` (a plain string literal unless `text` holds a NUL).
std::string StringViewLiteral(std::string_view text);

// The C++ type the API uses for a type of the metadata's table.
std::string CppTypeName(const MetadataView& metadata, uint32_t type);

}  // namespace xlsaot

#endif  // XLSAOT_AOT_API_GENERATOR_H_
