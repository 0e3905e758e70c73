// The C++ program run_only.cc would be without xlsaot: the same printf
// calls and exit statuses, no runtime, no artifact. Its stripped size is the
// baseline that tests/aot/standalone_test.cc subtracts from run_only's to
// get what the runtime and the generated glue add.
#include <cstdio>

int main(int argc, char**) {
  if (argc > 1) {
    std::printf("error: %s\n", "unexpected argument");
    return 1;
  }
  std::printf("traced_sum(200, 100) = %d\n", 44);
  return 0;
}
