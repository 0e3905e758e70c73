// The generated C++ API of an artifact (docs/generated-api.md): NAME.h
// declares NS::Runner with typed Run/RunWithEvents and NS::kMetadata (for an
// artifact of several functions, NS::F::Runner and NS::F::kMetadata for each
// function F); NAME.cc implements them over xlsaot::ArtifactRunner. The
// text of each entry comes from one Generator, between a file prologue and
// epilogue.
//
// The text is produced from the metadata alone, in one canonical layout, so
// identical metadata always gives byte-identical sources (no formatter, no
// paths, no dates).
#ifndef XLSAOT_AOT_API_GENERATOR_H_
#define XLSAOT_AOT_API_GENERATOR_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

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

// The API of an artifact of several functions (ValidateArtifactEntries
// holds): each entry's declarations in its own namespace
// cpp_namespace::EntryIdentifier(function name). One entry gives exactly
// the API of the overload above, in cpp_namespace itself.
Result<GeneratedApi> GenerateCppApi(std::span<const MetadataView> entries, std::string_view name,
                                    std::string_view cpp_namespace);

// The C++ name of an entry of an artifact of several functions: the
// function name with every character outside [A-Za-z0-9_] replaced by '_',
// runs of '_' collapsed and leading or trailing '_' dropped, with "fn_" in
// front when that would be empty, start with a digit, be a C++ keyword or a
// name the generated code uses (Runner, internal, ...), or start with
// "xlsaot".
std::string EntryIdentifier(std::string_view function_name);

// The C++ namespace of the API of function `function_name` in an artifact
// of `entry_count` functions whose API is in `cpp_namespace`: that namespace
// itself for one function, cpp_namespace::EntryIdentifier(function_name)
// for several. Every generator that refers to the C++ API uses it.
std::string EntryNamespace(std::string_view cpp_namespace, std::string_view function_name, size_t entry_count);

// kInvalidArgument unless `name` is a C identifier usable as a file name.
Status CheckArtifactName(std::string_view name);
// kInvalidArgument unless `ns` is identifiers joined by "::", none a C++
// keyword or reserved.
Status CheckCppNamespace(std::string_view ns);

// A C++ expression convertible to std::string_view with exactly the bytes of
// `text` (a plain string literal unless `text` holds a NUL).
std::string StringViewLiteral(std::string_view text);

// The identifiers the API gives the parameters, in order: the XLS names
// made C/C++ identifiers, distinct, no keyword (the C API uses them too).
std::vector<std::string> ParamIdentifiers(const MetadataView& metadata);

// Text safe inside a line comment (// or #) of any generated language:
// printable ASCII, anything else as '?'.
std::string CommentText(std::string_view text);

// The C++ type the API uses for a type of the metadata's table.
std::string CppTypeName(const MetadataView& metadata, uint32_t type);

// C++ text defining `kMetadata`, an xlsaot::MetadataView of `metadata` as
// constant data, with its tables in a namespace `internal`: what a
// generated header holds for each compiled entry point.
std::string MetadataDefinition(const MetadataView& metadata);

}  // namespace xlsaot

#endif  // XLSAOT_AOT_API_GENERATOR_H_
