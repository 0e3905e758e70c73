// Hand-written C++ versions of the benchmark kernels (bench/kernels/*.ir):
// the same algorithms, written the way a C++ programmer would, so that the
// compiled IR can be measured against them.
//
// Multi-word operands use the natural C arrays, which on a little-endian
// host are byte for byte the ABI buffer layout of the IR types
// (bits[8][16] = uint8_t[16], bits[32][8] = uint32_t[8], ...).
#ifndef XLSAOT_BENCH_NATIVE_KERNELS_H_
#define XLSAOT_BENCH_NATIVE_KERNELS_H_

#include <cstddef>
#include <cstdint>

namespace xlsaot::bench {

// CRC-32 (reflected polynomial 0xEDB88320, initial and final inversion) of
// `size` bytes, bit by bit.
uint32_t NativeCrc32(const uint8_t* data, size_t size);
// The benchmarked shape: exactly 16 bytes.
uint32_t NativeCrc32Of16(const uint8_t message[16]);

// One SHA-256 block compression: `state` (8 words) updated with `block`
// (16 big-endian message words already converted to integers).
void NativeSha256Compress(const uint32_t state[8], const uint32_t block[16], uint32_t out[8]);

// c = a * b for 4x4 matrices, row-major, all arithmetic modulo 2^32.
void NativeMatmul4(const uint32_t a[16], const uint32_t b[16], uint32_t c[16]);

// Single-precision a + b on raw encodings with XLS apfloat semantics: round
// to nearest even, subnormals flushed to zero, canonical quiet NaN.
uint32_t NativeFp32Add(uint32_t a, uint32_t b);

uint8_t NativeAdd8(uint8_t x, uint8_t y);

// The kernels above behind the calling shape of compiled code
// (xlsaot_entry_fn without scratch and context): `inputs[i]` is the buffer of
// parameter i, `output` the result buffer, both in the ABI layout.
using NativeEntry = void (*)(const uint8_t* const* inputs, uint8_t* output);
void Crc32Entry(const uint8_t* const* inputs, uint8_t* output);
void Sha256CompressEntry(const uint8_t* const* inputs, uint8_t* output);
void Matmul4Entry(const uint8_t* const* inputs, uint8_t* output);
void Fp32AddEntry(const uint8_t* const* inputs, uint8_t* output);
void Add8Entry(const uint8_t* const* inputs, uint8_t* output);

}  // namespace xlsaot::bench

#endif  // XLSAOT_BENCH_NATIVE_KERNELS_H_
