// Runs the Verilator model of dpi_tb.sv: its initial block calls the DPI-C
// functions and ends with $finish, or $fatal on a wrong result.
#include <cstdio>
#include <memory>

#include "Vdpi_tb.h"
#include "verilated.h"

int main(int argc, char** argv) {
  auto context = std::make_unique<VerilatedContext>();
  context->commandArgs(argc, argv);
  auto top = std::make_unique<Vdpi_tb>(context.get(), "dpi_tb");
  top->eval();
  top->final();
  if (!context->gotFinish()) {
    std::fprintf(stderr, "dpi_tb: the testbench did not reach $finish\n");
    return 1;
  }
  return 0;
}
