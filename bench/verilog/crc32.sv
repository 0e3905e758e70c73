// bench/kernels/crc32.ir: CRC-32 (reflected polynomial 0xEDB88320, initial
// and final inversion) of a 16-byte message, bit by bit. Byte i of the
// message is message[8*i +: 8], the ABI layout of bits[8][16].
module crc32 (
    input  logic [127:0] message,
    output logic [ 31:0] result
);
  localparam logic [31:0] Polynomial = 32'hedb88320;

  always_comb begin
    logic [31:0] crc;
    crc = 32'hffffffff;
    for (int i = 0; i < 16; i++) begin
      crc = crc ^ {24'b0, message[8*i+:8]};
      for (int bit_index = 0; bit_index < 8; bit_index++) begin
        crc = (crc >> 1) ^ (Polynomial & {32{crc[0]}});
      end
    end
    result = ~crc;
  end
endmodule
