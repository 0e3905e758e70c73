// bench/kernels/add8.ir: one 8-bit add, the cost of evaluating a model
// apart from the work.
module add8 (
    input  logic [7:0] x,
    input  logic [7:0] y,
    output logic [7:0] sum
);
  assign sum = x + y;
endmodule
