#include "codegen/sign_tests.h"

#include <vector>

#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"

namespace xlsaot::codegen {
namespace {

bool HasMachineWidth(unsigned bits) { return bits == 1 || bits == 8 || bits == 16 || bits == 32 || bits == 64; }

}  // namespace

void RewriteOddWidthSignTests(llvm::Module& module) {
  std::vector<llvm::ICmpInst*> tests;
  for (llvm::Function& fn : module) {
    for (llvm::BasicBlock& bb : fn) {
      for (llvm::Instruction& inst : bb) {
        auto* cmp = llvm::dyn_cast<llvm::ICmpInst>(&inst);
        if (cmp == nullptr) continue;
        auto* type = llvm::dyn_cast<llvm::IntegerType>(cmp->getOperand(0)->getType());
        auto* bound = llvm::dyn_cast<llvm::ConstantInt>(cmp->getOperand(1));
        if (type == nullptr || bound == nullptr || HasMachineWidth(type->getBitWidth()) || type->getBitWidth() > 64)
          continue;
        const bool negative_test = cmp->getPredicate() == llvm::CmpInst::ICMP_SLT && bound->isZero();
        const bool non_negative_test = cmp->getPredicate() == llvm::CmpInst::ICMP_SGT && bound->isMinusOne();
        if (negative_test || non_negative_test) tests.push_back(cmp);
      }
    }
  }
  for (llvm::ICmpInst* cmp : tests) {
    llvm::IRBuilder<> b(cmp);
    llvm::Value* x = cmp->getOperand(0);
    const unsigned width = x->getType()->getIntegerBitWidth();
    llvm::Value* top_bit = b.CreateAnd(x, llvm::APInt::getSignMask(width));
    llvm::Value* zero = llvm::ConstantInt::get(x->getType(), 0);
    llvm::Value* replacement = cmp->getPredicate() == llvm::CmpInst::ICMP_SLT ? b.CreateICmpNE(top_bit, zero)
                                                                               : b.CreateICmpEQ(top_bit, zero);
    cmp->replaceAllUsesWith(replacement);
    cmp->eraseFromParent();
  }
}

}  // namespace xlsaot::codegen
