// bench/kernels/fp32_add.ir: IEEE-754 single-precision a + b on raw
// encodings with the semantics of XLS's apfloat::add<8, 23>: round to
// nearest even, subnormal inputs and outputs flushed to zero, -0 + -0 = -0,
// any NaN (or +inf + -inf) gives the quiet NaN 0x7fc00000. The same
// algorithm as the IR, step by step.
//
// Working fraction (28 bits): a sign slot, the hidden bit, 23 fraction bits
// and guard/round/sticky bits.
module fp32_add (
    input  logic [31:0] a,
    input  logic [31:0] b,
    output logic [31:0] result
);
  // Places to shift a 28-bit value left to bring its leading one to bit 27
  // (28 for zero).
  function automatic logic [4:0] leading_zeros28(logic [27:0] value);
    leading_zeros28 = 5'd28;
    for (int i = 0; i < 28; i++) begin
      if (value[i]) leading_zeros28 = 5'(27 - i);
    end
  endfunction

  always_comb begin
    logic a_is_smaller, x_sign, y_sign;
    logic [7:0] shift, x_exp, y_exp;
    logic [31:0] x, y;
    logic [22:0] x_frac, y_frac;
    logic [27:0] wide_x, wide_y, addend_x, addend_y, dropped_mask, abs_sum, rounded;
    logic [28:0] sum;
    logic sum_is_zero, sum_sign, sticky, round_up;
    logic [4:0] leading_zeros;
    logic [26:0] normal_frac;
    logic [9:0] wide_exp;
    logic [8:0] exp9;
    logic result_sign, x_inf, y_inf, x_nan, y_nan, has_pos_inf, has_neg_inf;
    logic [7:0] result_exp;
    logic [22:0] result_frac;

    // Order the operands so that x has the larger (or, on a tie, b's)
    // exponent.
    a_is_smaller = a[30:23] <= b[30:23];
    shift = a_is_smaller ? b[30:23] - a[30:23] : a[30:23] - b[30:23];
    x = a_is_smaller ? b : a;
    y = a_is_smaller ? a : b;
    {x_sign, x_exp, x_frac} = x;
    {y_sign, y_exp, y_frac} = y;

    // Significands with the hidden bit; subnormals become zero.
    wide_x = x_exp == 0 ? 28'd0 : {1'b0, 1'b1, x_frac, 3'b000};
    wide_y = y_exp == 0 ? 28'd0 : {1'b0, 1'b1, y_frac, 3'b000};

    // x is negated on an effective subtraction; y is aligned to x's
    // exponent, keeping a sticky bit for everything shifted out.
    addend_x = x_sign != y_sign ? -wide_x : wide_x;
    dropped_mask = ~(28'hfffffff << shift);
    sticky = |(wide_y & dropped_mask);
    addend_y = (wide_y >> shift) | {27'd0, sticky};

    // The signed sum, one bit wider for the carry.
    sum = {addend_x[27], addend_x} + {addend_y[27], addend_y};
    sum_is_zero = sum == 0;
    sum_sign = sum_is_zero ? x_sign & y_sign : y_sign ^ sum[28];
    abs_sum = sum[28] ? 28'(-sum) : sum[27:0];

    // Normalise: one place right on a carry (keeping the sticky bit), else
    // left until the leading one is in the hidden-bit position.
    leading_zeros = leading_zeros28(abs_sum);
    normal_frac = abs_sum[27] ? abs_sum[27:1] | {26'd0, abs_sum[0]} : 27'((abs_sum << leading_zeros) >> 1);

    // Round to nearest, ties to even, on the three extra bits.
    round_up = normal_frac[2:0] > 3'd4 || normal_frac[3:2] == 2'b11;
    rounded = round_up ? {1'b0, normal_frac} + 28'd8 : {1'b0, normal_frac};
    result_frac = 23'(rounded >> (rounded[27] ? 4 : 3));

    // Exponent: x's, plus carries, minus cancelled places; underflow flushes
    // to zero, overflow saturates to infinity.
    wide_exp = sum_is_zero ? 10'd0 : {2'b00, x_exp} + {9'd0, rounded[27]} + 10'd1 - {5'd0, leading_zeros};
    exp9 = wide_exp[9] ? 9'd0 : wide_exp[8:0];
    if (exp9 < 1) result_frac = 0;
    if (exp9 < 255) begin
      result_exp = exp9[7:0];
    end else begin
      result_exp = 8'hff;
      result_frac = 0;
    end
    result_sign = sum_sign;

    // Infinite operands: the result is infinite, negative only when every
    // infinite operand is.
    x_inf = x_exp == 8'hff && x_frac == 0;
    y_inf = y_exp == 8'hff && y_frac == 0;
    x_nan = x_exp == 8'hff && x_frac != 0;
    y_nan = y_exp == 8'hff && y_frac != 0;
    has_pos_inf = (x_inf && !x_sign) || (y_inf && !y_sign);
    has_neg_inf = (x_inf && x_sign) || (y_inf && y_sign);
    if (x_inf || y_inf) begin
      result_exp = 8'hff;
      result_frac = 0;
      result_sign = !has_pos_inf;
    end

    // NaN operands, or +inf + -inf: the canonical quiet NaN.
    if (x_nan || y_nan || (has_pos_inf && has_neg_inf)) result = 32'h7fc00000;
    else result = {result_sign, result_exp, result_frac};
  end
endmodule
