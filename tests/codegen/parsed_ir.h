// Test support: IR text parsed (and verified) into a package and its top
// function, failing the current test on errors.
#ifndef XLSAOT_TESTS_CODEGEN_PARSED_IR_H_
#define XLSAOT_TESTS_CODEGEN_PARSED_IR_H_

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "ir/package.h"
#include "ir/parser.h"
#include "ir/verifier.h"

namespace xlsaot::test {

struct Parsed {
  std::unique_ptr<Package> package;
  Function* top = nullptr;
};

inline Parsed Parse(const std::string& ir, bool verify = true) {
  Parsed p;
  Result<std::unique_ptr<Package>> package = ParsePackage(ir);
  EXPECT_TRUE(package.ok()) << package.error();
  if (!package.ok()) return p;
  p.package = std::move(package).value();
  if (verify) {
    Status s = VerifyPackage(*p.package);
    EXPECT_TRUE(s.ok()) << s.error();
  }
  Result<Function*> top = p.package->ResolveTopFunction();
  EXPECT_TRUE(top.ok()) << top.error();
  if (top.ok()) p.top = *top;
  return p;
}

}  // namespace xlsaot::test

#endif  // XLSAOT_TESTS_CODEGEN_PARSED_IR_H_
