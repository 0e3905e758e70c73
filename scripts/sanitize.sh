#!/usr/bin/env bash
# Builds xlsaot with sanitizers and runs tests under them (docs/sanitizers.md).
#
#   bash scripts/sanitize.sh [asan|tsan|all]      (default: all)
#
#   asan  build-asan/: AddressSanitizer + UndefinedBehaviorSanitizer, then
#         the whole ctest suite; the first report fails the run.
#   tsan  build-tsan/: ThreadSanitizer, then the tests that run code from
#         several threads at once (TSAN_TESTS below).
#
# Far slower than scripts/test.sh, which does not run it. Each mode has its
# own build directory, configured on the first run and rebuilt incrementally
# after that. XLSAOT_JOBS sets the build and test parallelism (default: all
# cores).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "${XLSAOT_ROOT}"

mode="${1:-all}"
case "${mode}" in
  asan | tsan | all) ;;
  -h | --help)
    sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "usage: scripts/sanitize.sh [asan|tsan|all]" >&2
    exit 2
    ;;
esac

jobs="${XLSAOT_JOBS:-$(nproc 2> /dev/null || echo 2)}"

# The tests that exercise concurrency: the tests/concurrency suite and the
# thread tests of the interpreter and of the generated AOT API.
TSAN_TARGETS=(xlsaot_concurrency_tests xlsaot_interp_tests xlsaot_aot_tests)
TSAN_TESTS='^(AotThreadsTest|JitThreadsTest|MixModelTest)\.|ConcurrentEvaluation|OnManyThreads'

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
  export ASAN_OPTIONS="halt_on_error=1:print_stacktrace=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:report_error_type=1"
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

xlsaot_install_packages
case "${mode}" in
  asan) run_asan ;;
  tsan) run_tsan ;;
  all)
    run_asan
    run_tsan
    ;;
esac
