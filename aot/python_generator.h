// The generated Python module of an artifact (docs/python.md): NAME.py,
// standard library only, which loads libNAME.so (the artifact's object, its
// C API glue and the runtime, linked as a shared library) with ctypes and
// calls the C API of NAME_c.h (aot/c_api_generator.h) with Python values.
//
// Like the C API, the text is a prologue (loading, exceptions, the value
// conversions every entry shares) plus one text per entry (its type table,
// a Runner class and a module-level function), so an artifact of several
// functions concatenates one entry text per function.
#ifndef XLSAOT_AOT_PYTHON_GENERATOR_H_
#define XLSAOT_AOT_PYTHON_GENERATOR_H_

#include <span>
#include <string>
#include <string_view>

#include "xlsaot/metadata.h"
#include "xlsaot/result.h"

namespace xlsaot {

// One entry: `metadata` of the function; `c_prefix` the prefix of its C API
// names; `class_name` and `function_name` the Python names of its runner
// class and of the module-level function that calls it.
struct PythonEntry {
  const MetadataView& metadata;
  std::string c_prefix;
  std::string class_name;
  std::string function_name;
};

// The module's text before the entries; `name` is the artifact name, and
// the shared library libNAME.so.
std::string PythonModulePrologue(std::string_view name);
std::string PythonModuleEntry(const PythonEntry& entry);

// The Python name of the module-level function of XLS function
// `xls_name`: an identifier, not a keyword or a name the module defines.
std::string PythonFunctionName(std::string_view xls_name);

// NAME.py for the one function of artifact `name` (C prefix: the name,
// class Runner).
Result<std::string> GeneratePythonModule(const MetadataView& metadata, std::string_view name);

// NAME.py for an artifact of several functions: per entry the C prefix of
// GenerateCApi, the class Runner_<function name> and the function.
Result<std::string> GeneratePythonModule(std::span<const MetadataView> entries, std::string_view name);

}  // namespace xlsaot

#endif  // XLSAOT_AOT_PYTHON_GENERATOR_H_
