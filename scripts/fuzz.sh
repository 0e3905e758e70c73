#!/usr/bin/env bash
# Runs the libFuzzer targets of fuzz/libfuzzer (docs/libfuzzer.md).
#
#   bash scripts/fuzz.sh [TARGET|all] [SECONDS]   (default: all, 60 s each)
#   bash scripts/fuzz.sh minimize
#
# TARGET is ir_parser, value_parser or metadata. Builds the fuzzers in the
# Clang tree build-fuzz/ if needed, then fuzzes each target in turn for
# SECONDS from the shared seeds (../shared, in place), its committed seeds,
# regressions and corpus. New inputs collect in build-fuzz/fuzz-runs/TARGET/
# and carry over to the next run; the repository is not written. A finding
# stops that target, prints where its input was saved, and makes the exit
# status non-zero.
#
# `minimize` re-merges each committed corpus (fuzz/libfuzzer/corpus/TARGET)
# from itself and the inputs collected by earlier runs, keeping only what
# adds coverage beyond the seeds.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "${XLSAOT_ROOT}/fuzz/libfuzzer/fuzz_tree.sh"
cd "${XLSAOT_ROOT}"

usage() {
  sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

what="${1:-all}"
seconds="${2:-60}"
case "${what}" in
  all | minimize) targets=("${XLSAOT_FUZZ_TARGETS[@]}") ;;
  ir_parser | value_parser | metadata) targets=("${what}") ;;
  -h | --help)
    usage
    exit 0
    ;;
  *)
    usage >&2
    exit 2
    ;;
esac
if [[ ! "${seconds}" =~ ^[0-9]+$ ]]; then
  echo "fuzz.sh: SECONDS must be a whole number, got '${seconds}'" >&2
  exit 2
fi

xlsaot_install_packages
fuzzers=()
for target in "${targets[@]}"; do fuzzers+=("${target}_fuzzer"); done
xlsaot_build_fuzz_tree "${fuzzers[@]}"

runs="${XLSAOT_FUZZ_BUILD_DIR}/fuzz-runs"
run_fuzzer="${XLSAOT_ROOT}/fuzz/libfuzzer/run_fuzzer.sh"
binary() { echo "${XLSAOT_FUZZ_BUILD_DIR}/fuzz/libfuzzer/$1_fuzzer"; }

if [[ "${what}" == minimize ]]; then
  for target in "${targets[@]}"; do
    log="${runs}/${target}.merge.log"
    mkdir -p "${runs}"
    echo "== minimising fuzz/libfuzzer/corpus/${target} (log: ${log})"
    bash "${run_fuzzer}" merge "${target}" "$(binary "${target}")" "${runs}/${target}" > "${log}" 2>&1 ||
      { tail -n 30 "${log}"; exit 1; }
    tail -n 1 "${log}"
  done
  exit 0
fi

failed=()
for target in "${targets[@]}"; do
  log="${runs}/${target}.log"
  mkdir -p "${runs}"
  status=0
  bash "${run_fuzzer}" fuzz "${target}" "$(binary "${target}")" "${runs}/${target}" "${seconds}" \
    > "${log}" 2>&1 || status=$?
  # libFuzzer's last status line (execs, cov, ft, corpus) and final stats.
  echo "== ${target} (full log: ${log})"
  grep -E '^#[0-9]+[[:space:]]+DONE|^stat::' "${log}" || true
  if [[ ${status} -ne 0 ]]; then
    failed+=("${target}")
    echo "== ${target}: FINDING (exit ${status}); the input is in ${runs}/${target}/findings/:"
    grep -E '^==[0-9]+==ERROR|^==xlsaot finding==|^SUMMARY|Test unit written to|^artifact_prefix' "${log}" || tail -n 20 "${log}"
  fi
done
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "== findings in: ${failed[*]} (see docs/libfuzzer.md, 'Adding a regression')" >&2
  exit 1
fi
