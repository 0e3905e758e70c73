// CRC-32 of the bytes given on the command line (default "123456789"), one
// byte per call of crc32_byte from ../crc32.ir, compiled ahead of time: the
// program links the generated code and the xlsaot runtime, nothing else.
// Built by CMakeLists.txt (find_package) or Makefile (pkg-config) alike.
#include <cstdint>
#include <cstdio>
#include <string_view>

#include "crc32.h"

int main(int argc, char** argv) {
  const std::string_view text = argc > 1 ? argv[1] : "123456789";
  auto runner = demo::Runner::Create();  // checks ABI, features and CPU once
  if (!runner.ok()) {
    std::fprintf(stderr, "crc32: %s\n", runner.error().c_str());
    return 1;
  }
  uint32_t state = 0xffffffff;
  for (char c : text) {
    xlsaot::Result<uint32_t> next = runner->Run(state, static_cast<uint8_t>(c));
    if (!next.ok()) {
      std::fprintf(stderr, "crc32: %s\n", next.error().c_str());
      return 1;
    }
    state = *next;
  }
  std::printf("crc32(\"%.*s\") = %08x\n", static_cast<int>(text.size()), text.data(),
              static_cast<unsigned>(~state));
  return 0;
}
