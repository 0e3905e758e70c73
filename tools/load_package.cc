#include "tools/load_package.h"

#include "ir/parser.h"
#include "ir/verifier.h"
#include "tools/read_file.h"

namespace xlsaot {

Result<std::unique_ptr<Package>> LoadVerifiedPackage(const std::string& path) {
  XLSAOT_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
  XLSAOT_ASSIGN_OR_RETURN(std::unique_ptr<Package> package,
                          ParsePackage(text, path == "-" ? "<stdin>" : path));
  XLSAOT_RETURN_IF_ERROR(VerifyPackage(*package));
  return package;
}

}  // namespace xlsaot
