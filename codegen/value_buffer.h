// Conversion between Values and buffers in the ABI layout (type_layout.h),
// for callers of compiled code on the compiler side (JIT runner, tests,
// value marshaling in tools).
#ifndef XLSAOT_CODEGEN_VALUE_BUFFER_H_
#define XLSAOT_CODEGEN_VALUE_BUFFER_H_

#include <cstdint>

#include "ir/type.h"
#include "ir/value.h"

namespace xlsaot {

// Writes `v` (which must have type `t`) into `buffer`, which holds at least
// ComputeLayout(t).size bytes. Every padding bit is written as zero.
void WriteValueToBuffer(const Value& v, const Type* t, uint8_t* buffer);

// Reads a value of type `t` from `buffer`; padding bits are ignored.
Value ReadValueFromBuffer(const Type* t, const uint8_t* buffer);

}  // namespace xlsaot

#endif  // XLSAOT_CODEGEN_VALUE_BUFFER_H_
