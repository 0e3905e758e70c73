#!/usr/bin/env bash
# Installs what is missing, builds xlsaot and its tests, and runs every test.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "${XLSAOT_ROOT}"

xlsaot_install_packages
xlsaot_build

echo "== testing"
ctest --test-dir build --output-on-failure -j2
