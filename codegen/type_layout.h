// The buffer layout of every XLS type (docs/abi.md): how a value of the type
// is laid out in the memory compiled code reads and writes. Shared by the
// lowering, the JIT, the ahead-of-time compiler and value marshaling, so
// that all of them agree byte for byte.
//
//   bits[0], token      size 0, alignment 1
//   bits[1..8]          1-byte container      bits[9..16]   2 bytes
//   bits[17..32]        4-byte container      bits[33..64]  8 bytes
//   bits[N > 64]        ceil(N/64) little-endian 64-bit words, alignment 8
//   tuple               C struct: elements in order, each at its alignment,
//                       size rounded up to the largest alignment
//   array               elements back to back, stride = element size
//
// Containers hold the value in their low bits (little endian); the bits
// above it are padding.
#ifndef XLSAOT_CODEGEN_TYPE_LAYOUT_H_
#define XLSAOT_CODEGEN_TYPE_LAYOUT_H_

#include <cstdint>
#include <vector>

#include "ir/type.h"

namespace xlsaot {

struct TypeLayout {
  int64_t size = 0;       // bytes, a multiple of alignment
  int64_t alignment = 1;  // bytes, a power of two
  // bits: bytes of the container (== size); 0 for other kinds.
  int64_t container_bytes = 0;
  // tuple: byte offset of each element.
  std::vector<int64_t> element_offsets;
  // array: distance in bytes between consecutive elements.
  int64_t element_stride = 0;
};

TypeLayout ComputeLayout(const Type* type);

// The same layout, computed once per type and kept for the process (types
// are interned, so this never grows beyond the types in use).
const TypeLayout& CachedLayout(const Type* type);

// Container of bits[N] in bytes: 0, 1, 2, 4, 8, then multiples of 8.
int64_t BitsContainerBytes(int64_t bit_count);

// One bits leaf of a type: where it lives in the buffer.
struct LeafLayout {
  int64_t offset;     // bytes from the start of the value
  int64_t bit_count;  // >= 1 (zero-width leaves are omitted)
};

// Every non-empty bits leaf of `type` in increasing offset order. Its size is
// the number of leaves (arrays expanded), so use it only for types of modest
// size.
std::vector<LeafLayout> FlattenLeaves(const Type* type);

// True when the layout of `type` has no padding bit at all (every byte of
// the buffer belongs to a value bit), so bytewise copies and comparisons are
// exact.
bool LayoutIsDense(const Type* type);

}  // namespace xlsaot

#endif  // XLSAOT_CODEGEN_TYPE_LAYOUT_H_
