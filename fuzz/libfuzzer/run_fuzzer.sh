#!/usr/bin/env bash
# Runs one libFuzzer target of fuzz/libfuzzer with its seeds, dictionary and
# flags (docs/libfuzzer.md): the one place those are chosen, used by the
# bounded runs of the test suite (tests/libfuzzer/CMakeLists.txt) and by
# scripts/fuzz.sh.
#
#   run_fuzzer.sh fuzz   TARGET BINARY WORK_DIR SECONDS [--fresh] [FLAG...]
#   run_fuzzer.sh check  TARGET BINARY WORK_DIR RUNS SEED
#   run_fuzzer.sh replay TARGET BINARY WORK_DIR
#   run_fuzzer.sh merge  TARGET BINARY WORK_DIR
#
# TARGET is ir_parser, value_parser or metadata; BINARY its built fuzzer.
#   fuzz    fuzzes for SECONDS. New inputs go to WORK_DIR/new (kept between
#           runs unless --fresh), findings to WORK_DIR/findings/; the
#           committed corpus, regressions and seeds and the shared data are
#           read-only extra corpus directories. FLAGs go to libFuzzer as
#           they are (e.g. -fork=1 -ignore_crashes=1 for long runs).
#   check   the bounded run of the test suite: RUNS inputs from a fresh
#           start with libFuzzer's -seed=SEED, so the same tree explores the
#           same inputs every time and a finding reproduces. Exploration
#           that depends on time belongs to `fuzz` (scripts/fuzz.sh).
#   replay  runs every committed corpus, regression and seed input once.
#   merge   rewrites fuzz/libfuzzer/corpus/TARGET as the smallest set of
#           inputs of at most 4 KB (from it and WORK_DIR/new) that covers
#           what the seeds and regressions do not.
# WORK_DIR belongs in a build tree: only `merge` writes into the repository.
set -euo pipefail

if [[ $# -lt 4 ]]; then
  sed -n '2,26p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
mode="$1" target="$2" binary="$3" work="$4"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
shared="${XLSAOT_SHARED_DIR:-$(cd "${here}/../../.." && pwd)/shared}"
committed_corpus="${here}/corpus/${target}"
regressions="${here}/regressions/${target}"
committed_seeds="${here}/seeds/${target}"

# Per-target limits. -max_len keeps mutations near the size of real inputs
# (the largest shared IR file is 27 KB; metadata blobs are a few hundred
# bytes); -timeout (seconds per input) turns a hang into a finding.
flags=(-rss_limit_mb=2048 -timeout=10 -print_final_stats=1)
shared_seed_dirs=()
# Largest input `merge` commits.
max_committed_size=4096
case "${target}" in
  ir_parser)
    flags+=(-max_len=32768 "-dict=${here}/ir_parser.dict")
    shared_seed_dirs=("${shared}/corpus/xls-ir" "${shared}/conformance/cases" "${shared}/conformance-procs/cases")
    ;;
  value_parser)
    flags+=(-max_len=2048)
    shared_seed_dirs=("${work}/conformance_values")
    ;;
  metadata)
    flags+=(-max_len=4096)
    ;;
  *)
    echo "run_fuzzer.sh: unknown target '${target}' (ir_parser, value_parser, metadata)" >&2
    exit 2
    ;;
esac

# The typed values of the conformance vectors (`//! run: A; B -> R`), one
# per file, plus each bits value split into type and untyped value
# ("bits[8]\n42"), the second form the value_parser target reads. Extracted
# afresh on every run into the build tree; the shared files stay untouched.
extract_conformance_values() {
  local out="$1"
  rm -rf "${out}"
  mkdir -p "${out}"
  sed -n 's|^//! run: ||p' "${shared}"/conformance/cases/*.ir |
    sed 's/->/;/' | tr ';' '\n' | sed 's/^ *//; s/ *$//' | grep -v '^$' | sort -u |
    awk -v dir="${out}" '
      { f = sprintf("%s/typed_%05d", dir, NR); printf "%s", $0 > f; close(f) }
      /^bits\[[0-9]+\]:[0-9a-fA-Fx_]+$/ {
        split($0, part, ":"); f = sprintf("%s/split_%05d", dir, NR)
        printf "%s\n%s", part[1], part[2] > f; close(f)
      }'
}

# The read-only corpus directories that exist, shared seeds last.
existing_dirs() {
  local dir
  for dir in "$@"; do
    if [[ -d "${dir}" ]]; then echo "${dir}"; fi
  done
}

prepare_shared_seeds() {
  if [[ ! -d "${shared}/conformance/cases" || ! -d "${shared}/corpus/xls-ir" || ! -d "${shared}/conformance-procs/cases" ]]; then
    if [[ "${XLSAOT_REQUIRE_SHARED:-}" == 1 ]]; then
      echo "error: missing shared data: ${shared}/conformance/cases, ${shared}/conformance-procs/cases and ${shared}/corpus/xls-ir" \
        "(XLSAOT_REQUIRE_SHARED=1 makes this a failure)" >&2
      exit 1
    fi
    echo "note: shared data not found at ${shared}; ${target} runs without the shared seeds" >&2
    shared_seed_dirs=()
    return
  fi
  if [[ "${target}" == value_parser ]]; then extract_conformance_values "${work}/conformance_values"; fi
}

mkdir -p "${work}"
case "${mode}" in
  fuzz)
    seconds="${5:?run_fuzzer.sh fuzz needs SECONDS}"
    shift 5
    if [[ "${1:-}" == --fresh ]]; then
      rm -rf "${work}/new"
      shift
    fi
    flags+=("$@")
    mkdir -p "${work}/new" "${work}/findings"
    prepare_shared_seeds
    mapfile -t dirs < <(existing_dirs "${committed_corpus}" "${regressions}" "${committed_seeds}" \
      "${shared_seed_dirs[@]}")
    echo "== ${target}: fuzzing for ${seconds} s (new inputs: ${work}/new; read-only: ${dirs[*]})"
    exec "${binary}" "${flags[@]}" "-max_total_time=${seconds}" "-artifact_prefix=${work}/findings/" \
      "${work}/new" "${dirs[@]}"
    ;;
  check)
    runs="${5:?run_fuzzer.sh check needs RUNS}" seed="${6:?run_fuzzer.sh check needs SEED}"
    rm -rf "${work}/new"
    mkdir -p "${work}/new" "${work}/findings"
    prepare_shared_seeds
    mapfile -t dirs < <(existing_dirs "${committed_corpus}" "${regressions}" "${committed_seeds}" \
      "${shared_seed_dirs[@]}")
    echo "== ${target}: ${runs} runs from seed ${seed} (read-only: ${dirs[*]})"
    exec "${binary}" "${flags[@]}" "-seed=${seed}" "-runs=${runs}" "-artifact_prefix=${work}/findings/" \
      "${work}/new" "${dirs[@]}"
    ;;
  replay)
    mapfile -t inputs < <(find "${committed_corpus}" "${regressions}" "${committed_seeds}" \
      -type f 2> /dev/null | sort)
    if [[ ${#inputs[@]} -eq 0 ]]; then
      echo "== ${target}: no committed inputs to replay"
      exit 0
    fi
    mkdir -p "${work}/findings"
    echo "== ${target}: replaying ${#inputs[@]} committed inputs"
    # Given files rather than directories, libFuzzer runs each once and exits.
    exec "${binary}" "${flags[@]}" "-artifact_prefix=${work}/findings/" "${inputs[@]}"
    ;;
  merge)
    prepare_shared_seeds
    mkdir -p "${work}/new"
    baseline="${work}/merge_baseline" merged="${work}/merge_result"
    rm -rf "${baseline}" "${merged}"
    mkdir -p "${baseline}" "${merged}"
    # First the coverage of the seeds and regressions alone (all committed
    # or shared elsewhere), then what the committed corpus and the new
    # inputs add to it; only the additions are kept.
    mapfile -t seed_dirs < <(existing_dirs "${regressions}" "${committed_seeds}" "${shared_seed_dirs[@]}")
    if [[ ${#seed_dirs[@]} -gt 0 ]]; then
      "${binary}" "${flags[@]}" -merge=1 "${baseline}" "${seed_dirs[@]}"
    fi
    find "${baseline}" -type f -printf '%f\n' | sort > "${work}/merge_baseline.list"
    # Candidates are capped in size: a large input is a mutated seed, mostly
    # a copy of shared data, and small inputs reach the same code.
    candidates="${work}/merge_candidates"
    rm -rf "${candidates}"
    mkdir -p "${candidates}"
    mapfile -t dirs < <(existing_dirs "${committed_corpus}" "${work}/new")
    for dir in "${dirs[@]}"; do
      # One directory at a time: the same input (file names are content
      # hashes) may be in both.
      find "${dir}" -type f -size -$((max_committed_size + 1))c -exec cp -f -t "${candidates}" {} +
    done
    "${binary}" "${flags[@]}" -merge=1 "${baseline}" "${candidates}"
    find "${baseline}" -type f -printf '%f\n' | sort | comm -13 "${work}/merge_baseline.list" - |
      while read -r name; do mv "${baseline}/${name}" "${merged}/"; done
    rm -rf "${committed_corpus}"
    mkdir -p "${committed_corpus}"
    if compgen -G "${merged}/*" > /dev/null; then mv "${merged}"/* "${committed_corpus}/"; fi
    rm -rf "${baseline}" "${merged}" "${candidates}"
    echo "== ${target}: corpus/${target} now has $(find "${committed_corpus}" -type f | wc -l) inputs," \
      "$(find "${committed_corpus}" -type f -printf '%s\n' | awk '{ n += $1 } END { print n + 0 }') bytes"
    ;;
  *)
    echo "run_fuzzer.sh: unknown mode '${mode}' (fuzz, replay, merge)" >&2
    exit 2
    ;;
esac
