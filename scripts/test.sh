#!/usr/bin/env bash
# Installs what is missing, builds xlsaot and its tests, and runs every test;
# then the sanitizer subset of scripts/sanitize.sh ci (ASan + UBSan over the
# layers that read untrusted input, and a bounded run of each libFuzzer
# target; docs/sanitizers.md). Both always run; the exit status is non-zero
# when either failed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "${XLSAOT_ROOT}"

xlsaot_install_packages
xlsaot_build

echo "== testing"
main_status=0
ctest --test-dir build --output-on-failure -j2 || main_status=$?

echo "== sanitizer subset and bounded fuzz runs (scripts/sanitize.sh ci)"
ci_status=0
bash scripts/sanitize.sh ci || ci_status=$?

if [[ ${main_status} -ne 0 || ${ci_status} -ne 0 ]]; then
  echo "== FAILED: main test suite exit ${main_status}, sanitizer subset exit ${ci_status}" >&2
  exit 1
fi
echo "== all tests passed"
