#!/bin/sh
# Wall time, CPU time and peak memory of `xlsaot compile` on a generated
# function (bench/function_generator.h), at -O0 and -O2 with 1 and 2 threads:
#   bench/time_compile.sh BUILD_DIR [NODES] [REPETITIONS]
# BUILD_DIR holds tools/xlsaot and bench/xlsaot_bench_generate. Needs GNU
# time (/usr/bin/time, Debian package `time`).
set -eu
build=${1:?usage: $0 BUILD_DIR [NODES] [REPETITIONS]}
nodes=${2:-100000}
repetitions=${3:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/bench/xlsaot_bench_generate" "$nodes" > "$work/generated.ir"
# A compiler from before -j existed is timed once per level ("-" jobs).
job_counts="1 2"
"$build/tools/xlsaot" compile --help | grep -q -- --jobs || job_counts="-"
echo "nodes opt jobs wall_s cpu_s peak_MiB"
for opt in 0 2; do
  for jobs in $job_counts; do
    jobs_option=""
    [ "$jobs" = "-" ] || jobs_option="-j $jobs"
    i=0
    while [ "$i" -lt "$repetitions" ]; do
      /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$build/tools/xlsaot" compile "$work/generated.ir" \
        --name generated --out-dir "$work/out" "-O$opt" $jobs_option
      read -r wall user sys rss < "$work/time"
      echo "$nodes $opt $jobs $wall $user $sys $rss" | awk '{ printf "%s %s %s %s %.2f %d\n", $1, $2, $3, $4, $5 + $6, $7 / 1024 }'
      i=$((i + 1))
    done
  done
done
