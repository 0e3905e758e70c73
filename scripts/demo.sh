#!/usr/bin/env bash
# Installs what is missing, builds xlsaot, and evaluates the bundled CRC-32
# example (examples/crc32.ir) with the reference interpreter; then compiles it
# ahead of time and builds and runs a standalone consumer against the
# installed runtime.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "${XLSAOT_ROOT}"

xlsaot_install_packages
xlsaot_build

xlsaot=build/tools/xlsaot

# Echoes a command the way one would type it, then runs it.
run() {
  local shown="\$" arg
  for arg in "$@"; do
    if [[ "${arg}" =~ ^[A-Za-z0-9_./=:-]+$ ]]; then
      shown+=" ${arg}"
    else
      shown+=" '${arg}'"
    fi
  done
  echo
  echo "${shown}"
  "$@"
}

echo
echo "== demo: CRC-32 over the bytes of \"123456789\", one byte per evaluation"
echo "   (examples/crc32.ir: crc32_byte(state, byte) -> next state)"
run "${xlsaot}" eval examples/crc32.ir \
  --input-file examples/crc32_inputs.txt \
  --expected-file examples/crc32_expected.txt \
  --format hex
echo "(all 9 results matched examples/crc32_expected.txt)"

echo
echo "== one evaluation on the command line: invert the final state"
run "${xlsaot}" eval examples/crc32.ir --top crc32_finish \
  --input 'bits[32]:0x340b_c6d9' --expected 'bits[32]:0xcbf4_3926' --format hex
echo "(0xcbf43926 is the standard CRC-32 check value of \"123456789\")"

echo
echo "== the canonical form of the example, as xlsaot parses and verifies it"
run "${xlsaot}" parse examples/crc32.ir

echo
echo "== ahead of time: the example as an object file plus a generated C++ API"
aot_dir="${XLSAOT_BUILD_DIR}/demo-aot"
run "${xlsaot}" compile examples/crc32.ir --top crc32_byte --name crc32 \
  --namespace demo --out-dir "${aot_dir}"
run ls "${aot_dir}"
run "${xlsaot}" inspect "${aot_dir}/crc32"

echo
echo "== a standalone consumer (tests/standalone) built against the installed"
echo "   runtime with find_package(xlsaot) and xlsaot_add_library"
prefix="${XLSAOT_BUILD_DIR}/demo-prefix"
consumer_dir="${XLSAOT_BUILD_DIR}/demo-consumer"
quiet() {
  echo
  echo "\$ $*   (output hidden)"
  "$@" > /dev/null
}
quiet cmake --install build --prefix "${prefix}"
quiet cmake -S tests/standalone -B "${consumer_dir}" -G Ninja \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="${prefix}"
quiet cmake --build "${consumer_dir}"
run "${consumer_dir}/xlsaot_standalone_consumer"
echo
echo "\$ readelf -d ${consumer_dir}/xlsaot_standalone_consumer | grep NEEDED"
readelf -d "${consumer_dir}/xlsaot_standalone_consumer" | grep NEEDED
echo "(no libLLVM, no xlsaot library: the consumer carries only its compiled code and the runtime)"
