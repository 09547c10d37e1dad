#!/usr/bin/env bash
# Builds and runs the native tests of the program's C code with the sanitizers on.
set -euo pipefail
cd "$(dirname "$0")"
CC="${CC:-clang-19}"
command -v "$CC" >/dev/null 2>&1 || CC=gcc
out=../target/native-test
mkdir -p "$out"
for test in test_*.c; do
  "$CC" -std=c17 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined -fno-sanitize-recover=all \
    -I../include "$test" -o "$out/${test%.c}"
  "$out/${test%.c}" ../../../consensus/vectors/messages-v1.json
done
