#!/usr/bin/env bash
# Checks the rule of tests/support/shared_data.h on one test that needs the
# shared data, run with XLSAOT_SHARED_DIR pointing at a directory that does
# not exist:
#   without XLSAOT_REQUIRE_SHARED  the test is skipped, with a message;
#   with XLSAOT_REQUIRE_SHARED=1   the test fails, naming the missing data.
#
#   check_missing_shared.sh TEST_EXECUTABLE GTEST_FILTER
set -uo pipefail
binary="$1" filter="$2"
nowhere="$(mktemp -d)/no-shared-data"
trap 'rm -rf "$(dirname "${nowhere}")"' EXIT

output="$(env -u XLSAOT_REQUIRE_SHARED XLSAOT_SHARED_DIR="${nowhere}" "${binary}" --gtest_filter="${filter}" 2>&1)"
status=$?
if [[ ${status} -ne 0 || "${output}" != *"[  SKIPPED ]"* || "${output}" != *"missing shared data: "* ]]; then
  echo "FAILED: without XLSAOT_REQUIRE_SHARED, ${filter} should be skipped with a message (exit ${status}):"
  echo "${output}"
  exit 1
fi

output="$(XLSAOT_REQUIRE_SHARED=1 XLSAOT_SHARED_DIR="${nowhere}" "${binary}" --gtest_filter="${filter}" 2>&1)"
status=$?
if [[ ${status} -eq 0 || "${output}" != *"[  FAILED  ]"* || "${output}" != *"missing shared data: "*"${nowhere}"* ]]; then
  echo "FAILED: with XLSAOT_REQUIRE_SHARED=1, ${filter} should fail naming ${nowhere} (exit ${status}):"
  echo "${output}"
  exit 1
fi
echo "ok: ${filter} skips without the shared data, and fails when it is required"
