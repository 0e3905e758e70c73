// bench/kernels/matmul4.ir: c = a * b for 4x4 matrices of 32-bit words,
// products and sums modulo 2^32. Element [i][j] of a matrix is word 4*i + j
// (bits [32*(4*i+j) +: 32]), the ABI layout of bits[32][4][4].
module matmul4 (
    input  logic [511:0] a,
    input  logic [511:0] b,
    output logic [511:0] c
);
  always_comb begin
    for (int i = 0; i < 4; i++) begin
      for (int j = 0; j < 4; j++) begin
        logic [31:0] sum;
        sum = 32'd0;
        for (int k = 0; k < 4; k++) begin
          sum = sum + a[32*(4*i+k)+:32] * b[32*(4*k+j)+:32];
        end
        c[32*(4*i+j)+:32] = sum;
      end
    end
  end
endmodule
