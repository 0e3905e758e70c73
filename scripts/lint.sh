#!/usr/bin/env bash
# Static analysis: clang-tidy-19 (.clang-tidy) and cppcheck
# (.cppcheck-suppressions) over every project .cc file, in build-lint/.
#
#   bash scripts/lint.sh [clang-tidy|cppcheck|all]    (default: all)
#
# Exits non-zero on any finding. docs/static-analysis.md describes the check
# sets, every suppression and what a run costs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "${XLSAOT_ROOT}"

mode="${1:-all}"
case "${mode}" in
  clang-tidy | cppcheck | all) ;;
  *)
    echo "usage: bash scripts/lint.sh [clang-tidy|cppcheck|all]" >&2
    exit 2
    ;;
esac

# Configuring needs the build packages (CMake, LLVM, GoogleTest, ...).
xlsaot_install_packages
xlsaot_install_packages "${XLSAOT_ROOT}/scripts/lint-packages.txt"

lint_dir="${XLSAOT_ROOT}/build-lint"
jobs="$(nproc 2> /dev/null || echo 2)"

# Debug: assert() stays in, so the analyses see the preconditions the code
# states. Re-running the configure step picks up new source files.
echo "== configuring ${lint_dir}"
nice -n 5 cmake -S . -B "${lint_dir}" -G Ninja -DCMAKE_BUILD_TYPE=Debug > /dev/null

# The project's translation units: every compile_commands.json entry under a
# project directory, so nothing generated into build-lint/ (the wrappers'
# .cc files) is linted. A project .cc missing from the database would go
# unchecked, so that is an error. Not compiled here, hence not linted:
# tests/aot/golden/*.cc (generator output pinned as golden files) and
# fuzz/libfuzzer/*_fuzzer.cc (libFuzzer entry points, built only by Clang
# with XLSAOT_BUILD_FUZZERS; each only forwards to a *_check.cc that is).
layers="runtime|ir|interp|codegen|jit|aot|fuzz|tools|bench|tests"
python3 - "${XLSAOT_ROOT}" "${lint_dir}" "${layers}" << 'EOF'
import json, os, re, subprocess, sys
root, lint_dir, layers = sys.argv[1:]
db = json.load(open(os.path.join(lint_dir, "compile_commands.json")))
own = re.compile(re.escape(root) + "/(" + layers + ")/")
in_db = {os.path.normpath(e["file"]) for e in db if own.match(e["file"])}
tracked = subprocess.run(["git", "-C", root, "ls-files", "--cached", "--others",
                          "--exclude-standard", "*.cc"],
                         check=True, capture_output=True, text=True).stdout.split()
missing = sorted(f for f in tracked
                 if re.match("(" + layers + ")/", f) and not f.startswith("tests/aot/golden/")
                 and not re.match(r"fuzz/libfuzzer/\w+_fuzzer\.cc$", f)
                 and os.path.join(root, f) not in in_db)
if missing:
    sys.exit("error: not in build-lint/compile_commands.json, so not linted: " + " ".join(missing))
print(f"== {len(in_db)} translation units")
EOF

status=0

run_clang_tidy() {
  # Some tests include the C++ API that xlsaot_add_library generates at build
  # time (tests/aot, tests/concurrency, tests/standalone). Those headers need
  # the xlsaot compiler, so they are built here (once; incremental after
  # that) instead of analysing those tests against missing files.
  local generated
  mapfile -t generated < <(ninja -C "${lint_dir}" -t targets all |
    sed -n 's|^\([^/:][^:]*/xlsaot_generated/[^:]*\.h\): .*|\1|p' | sort -u)
  if [[ ${#generated[@]} -gt 0 ]]; then
    echo "== building the ${#generated[@]} generated headers some tests include"
    nice -n 5 ninja -C "${lint_dir}" -j "${jobs}" "${generated[@]}" > /dev/null
  fi

  echo "== clang-tidy ($(clang-tidy-19 --version | sed -n 's/.*version \([0-9.]*\).*/\1/p'), ${jobs} jobs)"
  local start=${SECONDS}
  # The positional argument selects the database entries (a regex on their
  # paths): the project directories, hence not build-lint/.
  if ! nice -n 5 run-clang-tidy-19 -p "${lint_dir}" -j "${jobs}" -quiet \
      "^${XLSAOT_ROOT}/(${layers})/"; then
    echo "== clang-tidy: findings (above)" >&2
    status=1
  fi
  echo "== clang-tidy took $((SECONDS - start)) s"
}

run_cppcheck() {
  echo "== cppcheck ($(cppcheck --version), ${jobs} jobs)"
  local start=${SECONDS}
  # The compile database without LLVM's include directory: cppcheck needs no
  # third-party headers (it would spend minutes per file in LLVM's) and
  # then checks the project's code only. Nor does it get build-lint/'s
  # directories of generated APIs: they are not project code, and the
  # result must not depend on whether they were built yet. cppcheck does
  # not know the compiler's predefined macros, so the target's architecture
  # and OS macros are added: architecture-specific code is checked as it is
  # compiled here.
  local db="${lint_dir}/cppcheck/compile_commands.json"
  mkdir -p "${lint_dir}/cppcheck"
  python3 - "${XLSAOT_ROOT}" "${lint_dir}" "${layers}" "${db}" << 'EOF'
import json, re, subprocess, sys
root, lint_dir, layers, out = sys.argv[1:]
own = re.compile(re.escape(root) + "/(" + layers + ")/")
predefined = subprocess.run(["c++", "-dM", "-E", "-x", "c++", "/dev/null"],
                            check=True, capture_output=True, text=True).stdout
platform = " ".join("-D" + m for m in re.findall(
    r"^#define (__(?:x86_64|aarch64|linux|unix)__) ", predefined, re.M))
entries = []
for e in json.load(open(lint_dir + "/compile_commands.json")):
    if own.match(e["file"]):
        command = re.sub(r"-isystem \S*/llvm-\d+/include", "", e["command"])
        command = re.sub(r"-I" + re.escape(lint_dir) + r"/\S*", "", command)
        e["command"] = command.replace(" -c ", f" {platform} -c ", 1)
        entries.append(e)
json.dump(entries, open(out, "w"), indent=1)
EOF
  if ! nice -n 5 cppcheck --project="${db}" -j "${jobs}" -q \
      --enable=warning,performance,portability,style \
      --std=c++20 --library=googletest,posix \
      --inline-suppr --suppressions-list="${XLSAOT_ROOT}/.cppcheck-suppressions" \
      --template='{file}:{line}:{column}: {severity}: {message} [{id}]' \
      --error-exitcode=1; then
    echo "== cppcheck: findings (above)" >&2
    status=1
  fi
  echo "== cppcheck took $((SECONDS - start)) s"
}

if [[ "${mode}" == clang-tidy || "${mode}" == all ]]; then run_clang_tidy; fi
if [[ "${mode}" == cppcheck || "${mode}" == all ]]; then run_cppcheck; fi

if [[ ${status} -eq 0 ]]; then
  echo "== lint: clean"
fi
exit "${status}"
