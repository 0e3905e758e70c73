#!/usr/bin/env bash
# Installs what is missing, builds xlsaot and its tests, and runs every test;
# then scripts/sanitize.sh ci (every layer's tests under ASan + UBSan, a
# fixed-seed bounded run of each libFuzzer target, the concurrency tests
# under TSan; docs/sanitizers.md). Both always run; the exit status is
# non-zero when either failed.
#
# With XLSAOT_REQUIRE_SHARED=1 (as CI runs it, .ci/run) the shared test data
# beside the repository is required: without it the run stops at once,
# naming what is missing, and every test that needs it fails.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "${XLSAOT_ROOT}"

shared="${XLSAOT_SHARED_DIR:-$(cd "${XLSAOT_ROOT}/.." && pwd)/shared}"
missing=()
for dir in conformance/cases corpus/xls-ir; do
  [[ -d "${shared}/${dir}" ]] || missing+=("${shared}/${dir}")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  if [[ "${XLSAOT_REQUIRE_SHARED:-}" == 1 ]]; then
    echo "error: missing shared test data: ${missing[*]} (XLSAOT_REQUIRE_SHARED=1 requires it;" \
      "place the shared data beside the repository)" >&2
    exit 1
  fi
  echo "note: no shared test data at ${missing[*]}: the tests that need it will be skipped" >&2
fi

xlsaot_install_packages
xlsaot_build

echo "== testing"
main_status=0
ctest --test-dir build --output-on-failure -j2 --no-tests=error || main_status=$?

echo "== sanitizers over every layer and bounded fuzz runs (scripts/sanitize.sh ci)"
ci_status=0
bash scripts/sanitize.sh ci || ci_status=$?

if [[ ${main_status} -ne 0 || ${ci_status} -ne 0 ]]; then
  echo "== FAILED: main test suite exit ${main_status}, sanitizer subset exit ${ci_status}" >&2
  exit 1
fi
echo "== all tests passed"
