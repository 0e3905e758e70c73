// The late rewrite of sign tests of odd-width integers into bit tests.
#include "codegen/sign_tests.h"

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "llvm/AsmParser/Parser.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

namespace xlsaot::codegen {
namespace {

std::string Rewritten(const std::string& ir) {
  llvm::LLVMContext context;
  llvm::SMDiagnostic error;
  std::unique_ptr<llvm::Module> module = llvm::parseAssemblyString(ir, error, context);
  EXPECT_NE(module, nullptr) << error.getMessage().str();
  if (module == nullptr) return "";
  RewriteOddWidthSignTests(*module);
  EXPECT_FALSE(llvm::verifyModule(*module, &llvm::errs()));
  std::string text;
  llvm::raw_string_ostream os(text);
  module->getFunction("f")->print(os);
  return os.str();
}

TEST(SignTestsTest, OddWidthSignTestsBecomeTopBitTests) {
  const std::string text = Rewritten(R"(
define i1 @f(i10 %x, i29 %y) {
  %neg = icmp slt i10 %x, 0
  %nonneg = icmp sgt i29 %y, -1
  %r = and i1 %neg, %nonneg
  ret i1 %r
}
)");
  EXPECT_EQ(text.find("icmp slt"), std::string::npos) << text;
  EXPECT_EQ(text.find("icmp sgt"), std::string::npos) << text;
  EXPECT_NE(text.find("and i10 %x, -512"), std::string::npos) << text;
  EXPECT_NE(text.find("icmp ne i10"), std::string::npos) << text;
  EXPECT_NE(text.find("and i29 %y, -268435456"), std::string::npos) << text;
  EXPECT_NE(text.find("icmp eq i29"), std::string::npos) << text;
}

TEST(SignTestsTest, MachineWidthsAndOtherComparisonsStay) {
  const std::string ir = R"(
define i1 @f(i32 %x, i10 %y) {
  %a = icmp slt i32 %x, 0
  %b = icmp slt i10 %y, 1
  %c = icmp sgt i10 %y, 0
  %r1 = and i1 %a, %b
  %r = and i1 %r1, %c
  ret i1 %r
}
)";
  const std::string text = Rewritten(ir);
  EXPECT_NE(text.find("icmp slt i32 %x, 0"), std::string::npos) << text;
  EXPECT_NE(text.find("icmp slt i10 %y, 1"), std::string::npos) << text;
  EXPECT_NE(text.find("icmp sgt i10 %y, 0"), std::string::npos) << text;
  EXPECT_EQ(text.find(" and i10"), std::string::npos) << text;
}

}  // namespace
}  // namespace xlsaot::codegen
