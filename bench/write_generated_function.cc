// Writes the text of a generated function (bench/function_generator.h) to
// standard output, so that the command line compiler can be timed on it:
//   xlsaot_bench_generate 100000 > generated.ir
//   /usr/bin/time -v xlsaot compile generated.ir --top generated ...
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench/function_generator.h"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: %s NODES [SEED] > FILE.ir\n", argv[0]);
    return 2;
  }
  char* end = nullptr;
  const long long nodes = std::strtoll(argv[1], &end, 10);
  if (*end != '\0' || nodes < 1) {
    std::fprintf(stderr, "%s: NODES must be a positive number, not '%s'\n", argv[0], argv[1]);
    return 2;
  }
  unsigned long long seed = 1;
  if (argc == 3) {
    seed = std::strtoull(argv[2], &end, 10);
    if (*end != '\0') {
      std::fprintf(stderr, "%s: SEED must be a number, not '%s'\n", argv[0], argv[2]);
      return 2;
    }
  }
  const std::string text = xlsaot::bench::GenerateFunctionIr(nodes, seed);
  return std::fwrite(text.data(), 1, text.size(), stdout) == text.size() ? 0 : 1;
}
