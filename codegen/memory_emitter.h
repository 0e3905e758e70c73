// Reading, writing, copying and comparing values in their buffer layout
// (codegen/type_layout.h) from generated code.
//
// Buffers compiled code works on may carry garbage in padding bits (inputs
// are allowed to, and copies propagate it), so every reader here ignores
// padding; EmitClearPadding restores the all-zero padding that outputs
// promise.
#ifndef XLSAOT_CODEGEN_MEMORY_EMITTER_H_
#define XLSAOT_CODEGEN_MEMORY_EMITTER_H_

#include <cstdint>

#include "codegen/module_emitter.h"
#include "ir/type.h"

namespace xlsaot::codegen {

// ptr + offset bytes.
llvm::Value* ByteOffset(Builder& b, llvm::Value* ptr, int64_t offset);
llvm::Value* ByteOffset(Builder& b, llvm::Value* ptr, llvm::Value* offset);

// The bits value of type `t` stored at `ptr` (nullptr for bits[0]).
llvm::Value* LoadBits(const ModuleEmitter& m, Builder& b, llvm::Value* ptr, const Type* t);
// Stores `v` (of type `t`) at `ptr`, its container padding zero.
void StoreBits(const ModuleEmitter& m, Builder& b, llvm::Value* v, llvm::Value* ptr, const Type* t);
// Copies a whole value of type `t`.
void CopyValue(Builder& b, llvm::Value* dst, llvm::Value* src, const Type* t);

// i1: the values of type `t` at `x` and `y` are equal.
llvm::Value* EmitEqual(ModuleEmitter& m, Builder& b, llvm::Value* x, llvm::Value* y, const Type* t);

// Zeroes every padding bit of the value of type `t` at `ptr`.
void EmitClearPadding(ModuleEmitter& m, Builder& b, llvm::Value* ptr, const Type* t);

}  // namespace xlsaot::codegen

#endif  // XLSAOT_CODEGEN_MEMORY_EMITTER_H_
