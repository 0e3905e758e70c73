// Reading, parsing and verifying an IR file: the first step of every
// subcommand that takes IR.
#ifndef XLSAOT_TOOLS_LOAD_PACKAGE_H_
#define XLSAOT_TOOLS_LOAD_PACKAGE_H_

#include <memory>
#include <string>

#include "ir/package.h"
#include "xlsaot/result.h"

namespace xlsaot {

// The verified package in file `path`. Errors name the file and, for parse
// and verification errors, line and column.
Result<std::unique_ptr<Package>> LoadVerifiedPackage(const std::string& path);

}  // namespace xlsaot

#endif  // XLSAOT_TOOLS_LOAD_PACKAGE_H_
