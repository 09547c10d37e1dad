#!/usr/bin/env bash
# Builds the instruction processor natively with libFuzzer, AddressSanitizer and
# UndefinedBehaviorSanitizer and fuzzes it for FUZZ_SECONDS (default 30); fails on any crash or
# sanitizer report. Prints the number of executions.
set -euo pipefail
cd "$(dirname "$0")"
out=../target/fuzz
mkdir -p "$out/corpus"
# the native replay of one instruction, for the differential test against the validator
clang-19 -std=c17 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -I../include \
  ../src/*.c native_syscalls.c replay.c -o "$out/replay"
clang-19 -std=c17 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -I../include \
  ../src/*.c native_syscalls.c fuzz_entrypoint.c -o "$out/fuzz_entrypoint"
"$out/fuzz_entrypoint" -max_total_time="${FUZZ_SECONDS:-30}" -seed="${FUZZ_SEED:-1}" -rss_limit_mb=2048 -dict=escrow.dict \
  "$out/corpus" 2>&1 | tee "$out/fuzz.log" | grep -E "^#[0-9]+ *DONE|ERROR|SUMMARY|runtime error" || true
grep -q "DONE" "$out/fuzz.log" && ! grep -qE "ERROR: |runtime error" "$out/fuzz.log"
echo "escrow fuzzing: $(grep -oE 'Done [0-9]+ runs' "$out/fuzz.log" | grep -oE '[0-9]+') executions, no crash, no sanitizer report"
