#!/bin/bash
# The command-line path of docs/c-api.md and docs/python.md, step by step:
# `xlsaot compile --c-api` / `--python`, then the documented cc and c++
# lines, then the same C program and Python test as the CMake path.
# Usage: command_line_test.sh XLSAOT RUNTIME_INCLUDE_DIR RUNTIME_ARCHIVE
set -euo pipefail
xlsaot=$1
include=$2
archive=$3
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

expect_files() {  # directory, then the files it must hold, nothing else
  local dir=$1
  shift
  local actual expected
  actual=$(cd "$dir" && ls | sort | tr '\n' ' ')
  expected=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
  if [[ "$actual" != "$expected" ]]; then
    echo "FAIL: $dir holds '$actual', expected '$expected'" >&2
    exit 1
  fi
}

# Without an option: no bindings. --c-api: the C API only. --python: also the module.
"$xlsaot" compile "$here/all_types.ir" --top mix --name all_types --out-dir plain
expect_files plain all_types.o all_types.h all_types.cc all_types.xlsmeta
"$xlsaot" compile "$here/all_types.ir" --top mix --name all_types --out-dir c --c-api
expect_files c all_types.o all_types.h all_types.cc all_types.xlsmeta all_types_c.h all_types_c.cc
"$xlsaot" compile "$here/all_types.ir" --top mix --name all_types --out-dir py --python
expect_files py all_types.o all_types.h all_types.cc all_types.xlsmeta all_types_c.h all_types_c.cc all_types.py
# A proc network has the C++ API only: asking for the bindings is an error.
if "$xlsaot" compile "$here/../../examples/pipeline.ir" --name pipeline --out-dir proc --c-api 2>proc.err; then
  echo "FAIL: --c-api on a proc top succeeded" >&2
  exit 1
fi
grep -q "generated for functions only" proc.err || { cat proc.err >&2; exit 1; }
cmp c/all_types.o plain/all_types.o
cmp py/all_types.o plain/all_types.o
cmp py/all_types_c.cc c/all_types_c.cc

# docs/c-api.md, "Building without CMake".
cc -std=c11 -Wall -Wextra -Werror -pedantic -I c -I "$include" -c "$here/c_api_test.c" -o main.o
c++ -std=c++20 -O2 -I c -I "$include" -c c/all_types_c.cc -o all_types_c.o
cc main.o all_types_c.o c/all_types.o "$archive" -lstdc++ -o c_api_test
./c_api_test

# docs/python.md, "Building without CMake".
c++ -std=c++20 -O2 -shared -fPIC -I py -I "$include" py/all_types_c.cc py/all_types.o "$archive" \
  -o py/liball_types.so
PYTHONPATH=py PYTHONDONTWRITEBYTECODE=1 python3 "$here/python_test.py"
echo "command-line path: OK"
