#!/usr/bin/env bash
# Builds xlsaot with sanitizers and runs tests under them (docs/sanitizers.md).
#
#   bash scripts/sanitize.sh [asan|tsan|ci|ci-asan|all]   (default: all = asan, tsan)
#
#   asan  build-asan/: AddressSanitizer + UndefinedBehaviorSanitizer, then
#         the whole ctest suite; the first report fails the run.
#   tsan  build-tsan/: ThreadSanitizer, then the tests that run code from
#         several threads at once (TSAN_TESTS below).
#   ci    what CI runs after the main suite (scripts/test.sh):
#         build-fuzz/ (clang-19): ASan + UBSan + libFuzzer coverage over
#         every layer, its whole test suite with the conformance suites at
#         one optimisation level (tests/CMakeLists.txt), and a fixed-seed
#         bounded run of each libFuzzer target (alone: ci-asan); then tsan.
#
# asan is far slower than scripts/test.sh. Each mode has its own build
# directory, configured on the first run and rebuilt incrementally after
# that. XLSAOT_JOBS sets the build and test parallelism (default: all
# cores). Every sanitizer report ends its process with status
# SANITIZER_EXIT_CODE, which no xlsaot program uses.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../fuzz/libfuzzer/fuzz_tree.sh"
cd "${XLSAOT_ROOT}"

mode="${1:-all}"
case "${mode}" in
  asan | tsan | ci | ci-asan | all) ;;
  -h | --help)
    sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "usage: scripts/sanitize.sh [asan|tsan|ci|ci-asan|all]" >&2
    exit 2
    ;;
esac

jobs="${XLSAOT_JOBS:-$(nproc 2> /dev/null || echo 2)}"

# The tests that exercise concurrency: the tests/concurrency suite and the
# thread tests of the interpreter and of the generated AOT API.
TSAN_TARGETS=(xlsaot_concurrency_tests xlsaot_interp_tests xlsaot_aot_tests)
TSAN_TESTS='^(AotThreadsTest|JitThreadsTest|MixModelTest)\.|ConcurrentEvaluation|OnManyThreads'

# The exit status of a process in which a sanitizer reported: distinct from
# every status xlsaot's programs use (tools/diagnostics.h: 0 to 12) and from
# GoogleTest's 1, so that a test expecting `xlsaot` to exit 1 cannot pass
# over a report in it. Keep equal to kSanitizerExitCode in
# tests/support/sanitizer_report.h.
SANITIZER_EXIT_CODE=66

ASAN_REPORT_OPTIONS="halt_on_error=1:print_stacktrace=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:exitcode=${SANITIZER_EXIT_CODE}"
UBSAN_REPORT_OPTIONS="halt_on_error=1:print_stacktrace=1:report_error_type=1:exitcode=${SANITIZER_EXIT_CODE}"
TSAN_REPORT_OPTIONS="halt_on_error=1:second_deadlock_stack=1:exitcode=${SANITIZER_EXIT_CODE}:suppressions=${XLSAOT_ROOT}/scripts/tsan.supp"

# Checks, with `compiler` and `flags`, that a report of each kind in `kinds`
# (address, undefined, thread) ends the process with SANITIZER_EXIT_CODE
# under the options above: the guarantee the tests rely on.
check_report_exit_code() {
  local compiler="$1" flags="$2" kind status
  shift 2
  local dir
  dir="$(mktemp -d)"
  cat > "${dir}/faulty.cc" << 'EOF_FAULTY'
#include <cstdlib>
#include <cstring>
#include <thread>
int shared_counter = 0;
int main(int argc, char** argv) {
  if (std::strcmp(argv[1], "address") == 0) {
    char* p = static_cast<char*>(std::malloc(4));
    p[argc + 3] = 1;  // one past the end
    std::free(p);
  } else if (std::strcmp(argv[1], "undefined") == 0) {
    int big = 0x7fffffff - 1 + argc;
    return big + argc;  // signed overflow
  } else {
    std::thread t([] { ++shared_counter; });
    ++shared_counter;  // a data race
    t.join();
  }
  return 0;
}
EOF_FAULTY
  # shellcheck disable=SC2086 # flags are words
  "${compiler}" ${flags} -O0 -g "${dir}/faulty.cc" -o "${dir}/faulty" -pthread
  for kind in "$@"; do
    status=0
    "${dir}/faulty" "${kind}" > "${dir}/report.txt" 2>&1 || status=$?
    if [[ ${status} -ne ${SANITIZER_EXIT_CODE} ]]; then
      echo "error: a ${kind} sanitizer report exited with ${status}, not ${SANITIZER_EXIT_CODE}:" >&2
      cat "${dir}/report.txt" >&2
      rm -rf "${dir}"
      return 1
    fi
  done
  rm -rf "${dir}"
  echo "== sanitizer reports (${*}) exit with status ${SANITIZER_EXIT_CODE}"
}

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
  check_report_exit_code "${CXX:-c++}" "-fsanitize=address,undefined" address undefined
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
  export TSAN_OPTIONS="${TSAN_REPORT_OPTIONS}"
  check_report_exit_code "${CXX:-c++}" "-fsanitize=thread" thread
  echo "== building build-tsan (${TSAN_TARGETS[*]})"
  ninja -C build-tsan -j "${jobs}" "${TSAN_TARGETS[@]}"
  local built=${SECONDS}
  echo "== testing under ThreadSanitizer (${TSAN_TESTS})"
  ctest --test-dir build-tsan --output-on-failure -j "${jobs}" -R "${TSAN_TESTS}" --no-tests=error
  echo "== tsan: passed (build $((built - start)) s, tests $((SECONDS - built)) s)"
}

# One Clang tree (fuzz/libfuzzer/fuzz_tree.sh) serves both the sanitized
# tests and the fuzzers, so CI compiles each source once. In that tree each
# test executable is one ctest test or a few shards of one, the conformance
# suites run at one optimisation level, and the bounded fuzz runs are ctest
# tests too (tests/CMakeLists.txt, tests/libfuzzer/CMakeLists.txt).
run_ci_asan() {
  local start=${SECONDS}
  export ASAN_OPTIONS="${ASAN_REPORT_OPTIONS}" UBSAN_OPTIONS="${UBSAN_REPORT_OPTIONS}"
  check_report_exit_code clang++-19 "-fsanitize=address,undefined -fno-sanitize-recover=undefined" address undefined
  XLSAOT_JOBS="${jobs}" xlsaot_build_fuzz_tree
  local built=${SECONDS}
  # The test that builds tests/standalone against the installed package
  # configures a fresh project: it must link the instrumented runtime
  # archive with the same compiler and sanitizer runtime.
  export CC=clang-19 CXX=clang++-19
  export CFLAGS="-fsanitize=address,undefined" CXXFLAGS="-fsanitize=address,undefined"
  export LDFLAGS="-fsanitize=address,undefined"
  echo "== testing build-fuzz under ASan + UBSan (every layer, with the bounded fuzz runs)"
  ctest --test-dir "${XLSAOT_FUZZ_BUILD_DIR}" --output-on-failure -j "${jobs}" --no-tests=error
  unset CC CXX CFLAGS CXXFLAGS LDFLAGS
  echo "== ci asan: passed (build $((built - start)) s, tests $((SECONDS - built)) s)"
}

# Both halves always run, each in a process of its own (errexit does not
# apply inside a function whose status is tested); the status is non-zero
# when either failed.
run_ci() {
  local asan_status=0 tsan_status=0
  bash "${BASH_SOURCE[0]}" ci-asan || asan_status=$?
  bash "${BASH_SOURCE[0]}" tsan || tsan_status=$?
  if [[ ${asan_status} -ne 0 || ${tsan_status} -ne 0 ]]; then
    echo "== ci: FAILED (ASan/UBSan exit ${asan_status}, TSan exit ${tsan_status})" >&2
    return 1
  fi
  echo "== ci: passed"
}

xlsaot_install_packages
case "${mode}" in
  asan) run_asan ;;
  tsan) run_tsan ;;
  ci) run_ci ;;
  ci-asan) run_ci_asan ;;
  all)
    run_asan
    run_tsan
    ;;
esac
