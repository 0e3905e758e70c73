#include "bench/native_kernels.h"

#include <bit>
#include <cstring>

namespace xlsaot::bench {
namespace {

constexpr uint32_t kSha256RoundConstants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

uint32_t Rotr(uint32_t x, int n) { return std::rotr(x, n); }

template <typename T>
T Load(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

}  // namespace

uint32_t NativeCrc32(const uint8_t* data, size_t size) {
  uint32_t crc = 0xffffffffu;
  for (size_t i = 0; i < size; ++i) {
    crc ^= data[i];
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

uint32_t NativeCrc32Of16(const uint8_t message[16]) { return NativeCrc32(message, 16); }

void NativeSha256Compress(const uint32_t state[8], const uint32_t block[16], uint32_t out[8]) {
  uint32_t w[64];
  for (int t = 0; t < 16; ++t) w[t] = block[t];
  for (int t = 16; t < 64; ++t) {
    const uint32_t s0 = Rotr(w[t - 15], 7) ^ Rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
    const uint32_t s1 = Rotr(w[t - 2], 17) ^ Rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
    w[t] = w[t - 16] + s0 + w[t - 7] + s1;
  }
  uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
  uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
  for (int t = 0; t < 64; ++t) {
    const uint32_t big_sigma1 = Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25);
    const uint32_t ch = (e & f) ^ (~e & g);
    const uint32_t temp1 = h + big_sigma1 + ch + kSha256RoundConstants[t] + w[t];
    const uint32_t big_sigma0 = Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22);
    const uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
    const uint32_t temp2 = big_sigma0 + maj;
    h = g;
    g = f;
    f = e;
    e = d + temp1;
    d = c;
    c = b;
    b = a;
    a = temp1 + temp2;
  }
  out[0] = state[0] + a;
  out[1] = state[1] + b;
  out[2] = state[2] + c;
  out[3] = state[3] + d;
  out[4] = state[4] + e;
  out[5] = state[5] + f;
  out[6] = state[6] + g;
  out[7] = state[7] + h;
}

void NativeMatmul4(const uint32_t a[16], const uint32_t b[16], uint32_t c[16]) {
  for (int i = 0; i < 4; ++i) {
    for (int j = 0; j < 4; ++j) {
      uint32_t sum = 0;
      for (int k = 0; k < 4; ++k) sum += a[i * 4 + k] * b[k * 4 + j];
      c[i * 4 + j] = sum;
    }
  }
}

uint32_t NativeFp32Add(uint32_t a, uint32_t b) {
  // x is the operand with the larger (or, on a tie, b's) exponent.
  const uint32_t a_exp = (a >> 23) & 0xff;
  const uint32_t b_exp = (b >> 23) & 0xff;
  const bool a_is_smaller = b_exp >= a_exp;
  const uint32_t shift = a_is_smaller ? b_exp - a_exp : a_exp - b_exp;
  const uint32_t x = a_is_smaller ? b : a;
  const uint32_t y = a_is_smaller ? a : b;
  const uint32_t x_sign = x >> 31, y_sign = y >> 31;
  const uint32_t x_exp = (x >> 23) & 0xff, y_exp = (y >> 23) & 0xff;
  const uint32_t x_frac = x & 0x7fffff, y_frac = y & 0x7fffff;

  // 28-bit working fractions: sign slot, hidden bit, 23 bits, guard/round/sticky.
  constexpr uint32_t kMask28 = 0xfffffff;
  const uint32_t wide_x = x_exp == 0 ? 0 : ((x_frac | 0x800000) << 3);
  const uint32_t wide_y = y_exp == 0 ? 0 : ((y_frac | 0x800000) << 3);
  const int32_t addend_x = x_sign != y_sign ? -static_cast<int32_t>(wide_x) : static_cast<int32_t>(wide_x);
  const uint32_t dropped_mask = shift >= 28 ? kMask28 : (1u << shift) - 1;
  const uint32_t sticky = (wide_y & dropped_mask) != 0;
  const uint32_t aligned_y = shift >= 28 ? 0 : wide_y >> shift;
  const int32_t addend_y = static_cast<int32_t>(aligned_y | sticky);

  const int32_t sum = addend_x + addend_y;
  const uint32_t sum_sign = sum == 0 ? (x_sign & y_sign) : (y_sign ^ (sum < 0 ? 1u : 0u));
  const uint32_t abs_sum = static_cast<uint32_t>(sum < 0 ? -sum : sum) & kMask28;

  // Normalise.
  const bool carry = (abs_sum >> 27) & 1;
  const int leading_zeros = abs_sum == 0 ? 28 : std::countl_zero(abs_sum) - 4;
  uint32_t normal_frac;
  if (carry) {
    normal_frac = (abs_sum >> 1) | (abs_sum & 1);
  } else {
    normal_frac = ((abs_sum << leading_zeros) >> 1) & 0x7ffffff;
  }

  // Round to nearest even.
  const uint32_t grs = normal_frac & 7;
  const bool round_up = grs > 4 || ((normal_frac >> 2) & 3) == 3;
  const uint32_t rounded = round_up ? normal_frac + 8 : normal_frac;
  const uint32_t rounding_carry = (rounded >> 27) & 1;
  uint32_t frac = (rounded >> (3 + rounding_carry)) & 0x7fffff;

  int32_t exp = sum == 0 ? 0 : static_cast<int32_t>(x_exp + rounding_carry + 1) - leading_zeros;
  if (exp < 0) exp = 0;
  uint32_t result_exp;
  if (exp < 1) frac = 0;
  if (exp < 255) {
    result_exp = static_cast<uint32_t>(exp);
  } else {
    result_exp = 255;
    frac = 0;
  }
  uint32_t sign = sum_sign;

  const bool x_inf = x_exp == 255 && x_frac == 0, y_inf = y_exp == 255 && y_frac == 0;
  const bool x_nan = x_exp == 255 && x_frac != 0, y_nan = y_exp == 255 && y_frac != 0;
  if (x_inf || y_inf) {
    const bool has_pos_inf = (x_inf && x_sign == 0) || (y_inf && y_sign == 0);
    result_exp = 255;
    frac = 0;
    sign = has_pos_inf ? 0 : 1;
  }
  const bool has_pos_inf = (x_inf && x_sign == 0) || (y_inf && y_sign == 0);
  const bool has_neg_inf = (x_inf && x_sign == 1) || (y_inf && y_sign == 1);
  if (x_nan || y_nan || (has_pos_inf && has_neg_inf)) return 0x7fc00000u;
  return (sign << 31) | (result_exp << 23) | frac;
}

uint8_t NativeAdd8(uint8_t x, uint8_t y) { return static_cast<uint8_t>(x + y); }

// Buffers are at least as aligned as their ABI layout demands, which for
// these types is the alignment of the C element type, so the casts are safe.
void Crc32Entry(const uint8_t* const* inputs, uint8_t* output) {
  const uint32_t crc = NativeCrc32Of16(inputs[0]);
  std::memcpy(output, &crc, sizeof(crc));
}

void Sha256CompressEntry(const uint8_t* const* inputs, uint8_t* output) {
  NativeSha256Compress(reinterpret_cast<const uint32_t*>(inputs[0]),
                       reinterpret_cast<const uint32_t*>(inputs[1]), reinterpret_cast<uint32_t*>(output));
}

void Matmul4Entry(const uint8_t* const* inputs, uint8_t* output) {
  NativeMatmul4(reinterpret_cast<const uint32_t*>(inputs[0]), reinterpret_cast<const uint32_t*>(inputs[1]),
                reinterpret_cast<uint32_t*>(output));
}

void Fp32AddEntry(const uint8_t* const* inputs, uint8_t* output) {
  const uint32_t sum = NativeFp32Add(Load<uint32_t>(inputs[0]), Load<uint32_t>(inputs[1]));
  std::memcpy(output, &sum, sizeof(sum));
}

void Add8Entry(const uint8_t* const* inputs, uint8_t* output) { output[0] = NativeAdd8(inputs[0][0], inputs[1][0]); }

}  // namespace xlsaot::bench
