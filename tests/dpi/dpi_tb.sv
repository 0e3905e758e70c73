// Drives dpi_mix_pkg::mix (mix.ir compiled with --dpi) with a few hundred
// pseudo-random and edge vectors and checks each result against the same
// computation written here in SystemVerilog, so the expected values never
// pass through the generated glue. Ends with "dpi_tb: N vectors passed", or
// $fatal naming the first difference.
module dpi_tb;
  import dpi_mix_pkg::*;

  localparam int kVectors = 400;

  // mix.ir, transcribed.
  function automatic mix_result_t expected(mix_flag_t flag, mix_n_t n, mix_w_t w, mix_pair_t pair, mix_arr_t arr,
                                           mix_pts_t pts);
    mix_result_t r;
    r.f0.f0 = w + {67'b0, pair.f1};
    r.f0.f1 = r.f0.f0 < w;
    for (int i = 0; i < 4; i++) r.f1[i] = arr[(i + 1) % 4] + n[4:0];
    r.f2.f0 = ~flag;
    r.f2.f1 = {pair.f0, pair.f1};
    r.f3 = {48'b0, pair.f0} * {31'b0, pair.f1};
    r.f4 = {pts[0].f0, pts[1].f1};
    return r;
  endfunction

  function automatic bit [255:0] random256();
    bit [255:0] bits;
    for (int i = 0; i < 8; i++) bits[32 * i +: 32] = $urandom;
    return bits;
  endfunction

  initial begin
    mix_flag_t flag;
    mix_n_t n;
    mix_w_t w;
    mix_pair_t pair;
    mix_arr_t arr;
    mix_pts_t pts;
    mix_result_t got;
    mix_result_t want;
    int status;
    int want_status;
    int assertion_vectors = 0;
    bit [255:0] random_bits;

    void'($urandom(32'h5eed));
    report_errors = 1'b0;  // failed assertions are expected: checked by status
    for (int v = 0; v < kVectors; v++) begin
      if (v < 2) begin  // all zeros, then all ones
        {flag, n, w, pair, arr, pts} = v == 0 ? '0 : '1;
      end else begin
        random_bits = random256();
        {flag, n, w, pair, arr, pts} = random_bits[$bits({flag, n, w, pair, arr, pts}) - 1:0];
      end
      if (v % 50 == 7) n = 7'h7f;  // the assertion fails
      want = expected(flag, n, w, pair, arr, pts);
      want_status = n == 7'h7f ? STATUS_ASSERTION_FAILED : STATUS_OK;
      status = mix(flag, n, w, pair, arr, pts, got);
      if (status != want_status)
        $fatal(1, "dpi_tb: vector %0d: status %0d, expected %0d (%s)", v, status, want_status, last_error());
      if (got != want) $fatal(1, "dpi_tb: vector %0d: result\n  %h\nexpected\n  %h", v, got, want);
      if (status == STATUS_ASSERTION_FAILED) begin
        assertion_vectors++;
        if (last_error() != "assertion failed: n must not be 127")
          $fatal(1, "dpi_tb: vector %0d: last_error() is \"%s\"", v, last_error());
      end else if (last_error() != "") begin
        $fatal(1, "dpi_tb: vector %0d: last_error() is \"%s\" after a successful call", v, last_error());
      end
    end
    // Every 50th vector and the random ones with n = 127.
    if (assertion_vectors < kVectors / 50) $fatal(1, "dpi_tb: only %0d failed assertions", assertion_vectors);
    $display("dpi_tb: %0d vectors passed (%0d with a failed assertion)", kVectors, assertion_vectors);
    $finish;
  end
endmodule
