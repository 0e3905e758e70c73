// Test support: IR text for a chain of work that a test can make one node
// depend on, so that branching on a condition can save it.
#ifndef XLSAOT_TESTS_CODEGEN_WORK_CHAIN_H_
#define XLSAOT_TESTS_CODEGEN_WORK_CHAIN_H_

#include <string>

namespace xlsaot::test {

// `count` lines defining <prefix>1 .. <prefix><count>: bits[width] values
// computed from `x`, `y` and each other (multiply, logic, shifts, add, sub,
// negate), so that everything in the chain is needed by its last node and
// by nothing else.
inline std::string WorkChain(const std::string& prefix, int width, const std::string& x, const std::string& y,
                             int count) {
  static const char* const kBinary[] = {"xor", "shll", "sub", "shrl", "or", "and", "add"};
  const std::string type = "bits[" + std::to_string(width) + "]";
  auto name = [&](int k) { return prefix + std::to_string(k); };
  std::string text;
  for (int k = 1; k <= count; ++k) {
    std::string expr;
    if (k == 1) {
      expr = "umul(" + x + ", " + y + ")";
    } else if (k % 8 == 0) {
      expr = "neg(" + name(k - 1) + ")";
    } else {
      const std::string other = k % 2 == 0 ? (k % 4 == 0 ? x : y) : name(k / 2);
      expr = std::string(kBinary[k % 7]) + "(" + name(k - 1) + ", " + other + ")";
    }
    text += "  " + name(k) + ": " + type + " = " + expr + "\n";
  }
  return text;
}

}  // namespace xlsaot::test

#endif  // XLSAOT_TESTS_CODEGEN_WORK_CHAIN_H_
