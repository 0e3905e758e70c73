// Reading a whole input file for the command line, with errors as values.
#ifndef XLSAOT_TOOLS_READ_FILE_H_
#define XLSAOT_TOOLS_READ_FILE_H_

#include <string>

#include "xlsaot/result.h"

namespace xlsaot {

// The whole content of `path` ("-" reads standard input). Directories,
// missing or unreadable files and files beyond a size limit give a one-line
// error naming the path (ErrorCode::kNotFound or kInvalidArgument).
Result<std::string> ReadWholeFile(const std::string& path);

}  // namespace xlsaot

#endif  // XLSAOT_TOOLS_READ_FILE_H_
