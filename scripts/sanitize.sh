#!/usr/bin/env bash
# Builds xlsaot with sanitizers and runs tests under them (docs/sanitizers.md).
#
#   bash scripts/sanitize.sh [asan|tsan|ci|all]   (default: all = asan, tsan)
#
#   asan  build-asan/: AddressSanitizer + UndefinedBehaviorSanitizer, then
#         the whole ctest suite; the first report fails the run.
#   tsan  build-tsan/: ThreadSanitizer, then the tests that run code from
#         several threads at once (TSAN_TESTS below).
#   ci    build-fuzz/ (clang-19): ASan + UBSan + libFuzzer over the layers
#         that read untrusted input (CI_TARGETS, CI_LABELS below), and a
#         bounded run of each libFuzzer target. scripts/test.sh runs it.
#
# asan and tsan are far slower than scripts/test.sh. Each mode has its own
# build directory, configured on the first run and rebuilt incrementally
# after that. XLSAOT_JOBS sets the build and test parallelism (default: all
# cores).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../fuzz/libfuzzer/fuzz_tree.sh"
cd "${XLSAOT_ROOT}"

mode="${1:-all}"
case "${mode}" in
  asan | tsan | ci | all) ;;
  -h | --help)
    sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "usage: scripts/sanitize.sh [asan|tsan|ci|all]" >&2
    exit 2
    ;;
esac

jobs="${XLSAOT_JOBS:-$(nproc 2> /dev/null || echo 2)}"

# The tests that exercise concurrency: the tests/concurrency suite and the
# thread tests of the interpreter and of the generated AOT API.
TSAN_TARGETS=(xlsaot_concurrency_tests xlsaot_interp_tests xlsaot_aot_tests)
TSAN_TESTS='^(AotThreadsTest|JitThreadsTest|MixModelTest)\.|ConcurrentEvaluation|OnManyThreads'

# The CI subset: the test executables of the layers that take untrusted
# input (runtime: artifact metadata; ir: IR and value text; interp: what
# verified IR makes the interpreter do), the replay of the committed fuzz
# inputs (tests/libfuzzer), and the three fuzzers for the bounded runs.
# Nothing that needs the LLVM code generator is built, which is what keeps
# the build to a few minutes.
CI_TARGETS=(xlsaot_runtime_tests xlsaot_ir_tests xlsaot_interp_tests xlsaot_libfuzzer_tests
  ir_parser_fuzzer value_parser_fuzzer metadata_fuzzer)
CI_LABELS='^(runtime|ir|interp|libfuzzer)$'

ASAN_REPORT_OPTIONS="halt_on_error=1:print_stacktrace=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1"
UBSAN_REPORT_OPTIONS="halt_on_error=1:print_stacktrace=1:report_error_type=1"

# Configures `dir` with `flags` added to every compile and link. -O1 keeps
# the run fast and stack traces exact; NDEBUG stays undefined so assert()s
# are checked too. The flags also go to the environment (CFLAGS, CXXFLAGS,
# LDFLAGS): the test that builds tests/standalone against an installed
# xlsaot configures a fresh project, which must link the instrumented
# runtime library with the same sanitizer runtime.
configure_sanitized() {
  local dir="$1" flags="$2"
  export CFLAGS="${flags}" CXXFLAGS="${flags}" LDFLAGS="${flags}"
  echo "== configuring ${dir} (${flags})"
  cmake -S . -B "${dir}" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
    -DCMAKE_C_FLAGS="${flags}" \
    -DCMAKE_CXX_FLAGS="${flags}" \
    -DCMAKE_EXE_LINKER_FLAGS="${flags}" \
    -DCMAKE_SHARED_LINKER_FLAGS="${flags}" \
    -DCMAKE_MODULE_LINKER_FLAGS="${flags}" > /dev/null
}

run_asan() {
  local start=${SECONDS}
  configure_sanitized build-asan "-fsanitize=address,undefined -fno-omit-frame-pointer"
  # Every report is fatal: a test that triggers one fails, whatever it
  # checks, and so does the build when the instrumented `xlsaot compile`
  # (run by xlsaot_add_library) triggers one.
  export ASAN_OPTIONS="${ASAN_REPORT_OPTIONS}" UBSAN_OPTIONS="${UBSAN_REPORT_OPTIONS}"
  echo "== building build-asan"
  ninja -C build-asan -j "${jobs}"
  local built=${SECONDS}
  echo "== testing under AddressSanitizer + UndefinedBehaviorSanitizer (whole suite)"
  ctest --test-dir build-asan --output-on-failure -j "${jobs}"
  echo "== asan: passed (build $((built - start)) s, tests $((SECONDS - built)) s)"
}

run_tsan() {
  local start=${SECONDS}
  configure_sanitized build-tsan "-fsanitize=thread -fno-omit-frame-pointer"
  # scripts/tsan.supp may only silence reports whose frames lie in libLLVM,
  # which is not instrumented (see the file); never anything of xlsaot.
  export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=${XLSAOT_ROOT}/scripts/tsan.supp"
  echo "== building build-tsan (${TSAN_TARGETS[*]})"
  ninja -C build-tsan -j "${jobs}" "${TSAN_TARGETS[@]}"
  local built=${SECONDS}
  echo "== testing under ThreadSanitizer (${TSAN_TESTS})"
  ctest --test-dir build-tsan --output-on-failure -j "${jobs}" -R "${TSAN_TESTS}" --no-tests=error
  echo "== tsan: passed (build $((built - start)) s, tests $((SECONDS - built)) s)"
}

# One Clang tree (fuzz/libfuzzer/fuzz_tree.sh) serves both the sanitized
# tests and the fuzzers, so CI compiles each source once. The bounded fuzz
# runs are ctest tests of that tree (tests/libfuzzer/CMakeLists.txt).
run_ci() {
  local start=${SECONDS}
  export ASAN_OPTIONS="${ASAN_REPORT_OPTIONS}" UBSAN_OPTIONS="${UBSAN_REPORT_OPTIONS}"
  XLSAOT_JOBS="${jobs}" xlsaot_build_fuzz_tree "${CI_TARGETS[@]}"
  local built=${SECONDS}
  echo "== testing build-fuzz under ASan + UBSan (labels ${CI_LABELS}, with the bounded fuzz runs)"
  ctest --test-dir "${XLSAOT_FUZZ_BUILD_DIR}" --output-on-failure -j "${jobs}" -L "${CI_LABELS}" \
    --no-tests=error
  echo "== ci: passed (build $((built - start)) s, tests $((SECONDS - built)) s)"
}

xlsaot_install_packages
case "${mode}" in
  asan) run_asan ;;
  tsan) run_tsan ;;
  ci) run_ci ;;
  all)
    run_asan
    run_tsan
    ;;
esac
