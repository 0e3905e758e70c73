# The Clang tree build-fuzz/: the libFuzzer targets and the sanitizer subset
# CI runs, instrumented with ASan, UBSan and libFuzzer's coverage feedback
# (XLSAOT_BUILD_FUZZERS, see docs/libfuzzer.md and docs/sanitizers.md).
# Shared by scripts/sanitize.sh (mode ci) and scripts/fuzz.sh. Source it
# after scripts/lib.sh; do not run it.

XLSAOT_FUZZ_BUILD_DIR="${XLSAOT_ROOT}/build-fuzz"
XLSAOT_FUZZ_TARGETS=(ir_parser value_parser metadata)

# Configures build-fuzz/ once. -O1 -g and no NDEBUG, as in the other
# sanitizer builds: fast enough to fuzz, exact stack traces, assert()s
# checked. Benchmarks are off: nothing there takes untrusted input.
xlsaot_configure_fuzz_tree() {
  if [[ -f "${XLSAOT_FUZZ_BUILD_DIR}/build.ninja" ]]; then
    return 0
  fi
  echo "== configuring ${XLSAOT_FUZZ_BUILD_DIR} (clang-19, ASan+UBSan, libFuzzer)"
  cmake -S "${XLSAOT_ROOT}" -B "${XLSAOT_FUZZ_BUILD_DIR}" -G Ninja \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
    -DXLSAOT_BUILD_FUZZERS=ON \
    -DXLSAOT_BUILD_BENCHMARKS=OFF > /dev/null
}

# Builds the given targets of build-fuzz/ (configuring it first if needed).
xlsaot_build_fuzz_tree() {
  xlsaot_configure_fuzz_tree
  echo "== building ${XLSAOT_FUZZ_BUILD_DIR}: $*"
  ninja -C "${XLSAOT_FUZZ_BUILD_DIR}" -j "${XLSAOT_JOBS:-$(nproc 2> /dev/null || echo 2)}" "$@"
}
