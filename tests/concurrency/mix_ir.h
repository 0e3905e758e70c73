// mix.ir parsed and verified, and the conversions between the plain C++
// model's inputs/outputs and IR values, for the tests that run the function
// through the interpreter and the JIT.
#ifndef XLSAOT_TESTS_CONCURRENCY_MIX_IR_H_
#define XLSAOT_TESTS_CONCURRENCY_MIX_IR_H_

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "ir/package.h"
#include "ir/parser.h"
#include "ir/value.h"
#include "ir/verifier.h"
#include "tests/concurrency/mix_model.h"
#include "xlsaot/result.h"

namespace xlsaot::test {

inline const std::string kMixIrPath = std::string(XLSAOT_SOURCE_DIR) + "/tests/concurrency/mix.ir";

inline Result<std::unique_ptr<Package>> LoadMixPackage() {
  std::ifstream in(kMixIrPath, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, "cannot read " + kMixIrPath);
  std::ostringstream text;
  text << in.rdbuf();
  XLSAOT_ASSIGN_OR_RETURN(std::unique_ptr<Package> package, ParsePackage(text.str(), kMixIrPath));
  XLSAOT_RETURN_IF_ERROR(VerifyPackage(*package));
  if (package->GetFunction("mix") == nullptr) {
    return MakeError(ErrorCode::kNotFound, kMixIrPath + " has no function 'mix'");
  }
  return package;
}

inline std::vector<Value> MixArgs(const MixInput& in) {
  std::vector<Value> table;
  table.reserve(in.table.size());
  for (uint32_t v : in.table) table.push_back(Value::UBits(v, 32));
  return {Value::UBits(in.x, 32), Value::UBits(in.y, 32), Value::Array(std::move(table))};
}

inline Value MixValue(const MixOutput& out) {
  std::vector<Value> updated;
  updated.reserve(out.updated.size());
  for (uint32_t v : out.updated) updated.push_back(Value::UBits(v, 32));
  return Value::Tuple({Value::UBits(out.rotated, 32), Value::UBits(out.product, 64),
                       Value::Array(std::move(updated))});
}

}  // namespace xlsaot::test

#endif  // XLSAOT_TESTS_CONCURRENCY_MIX_IR_H_
