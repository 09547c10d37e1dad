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
  ../src/*.c native_syscalls.c native_curve.c replay.c -lcrypto -o "$out/replay"
clang-19 -std=c17 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -I../include \
  ../src/*.c native_syscalls.c native_curve.c fuzz_entrypoint.c -lcrypto -o "$out/fuzz_entrypoint"
# the starting corpus: one valid state per instruction (seeds.c), so mutations start past the first checks
clang-19 -std=c17 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -I../include seeds.c -o "$out/seeds"
"$out/seeds" "$out/corpus"
clang-19 -std=c17 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -I../include \
  ../src/*.c native_syscalls.c native_curve.c fuzz_entrypoint.c seed_check.c -lcrypto -o "$out/seed_check"
"$out/seed_check" "$out"/corpus/seed-*
# inputs that once crashed the program, run first: each must now pass cleanly
"$out/fuzz_entrypoint" -runs=1 regressions/*
"$out/fuzz_entrypoint" -max_total_time="${FUZZ_SECONDS:-30}" -seed="${FUZZ_SEED:-1}" -rss_limit_mb=2048 -dict=escrow.dict \
  -artifact_prefix="$out/" \
  "$out/corpus" 2>&1 | tee "$out/fuzz.log" | grep -E "^#[0-9]+ *DONE|ERROR|SUMMARY|runtime error" || true
# (an explicit test: a command negated with ! never stops a set -e script)
if ! grep -q "DONE" "$out/fuzz.log" || grep -qE "ERROR: |runtime error|deadly signal" "$out/fuzz.log"; then
  echo "escrow fuzzing FAILED: a crash or a sanitizer report, input saved under $out/crash-*; the report:" >&2
  grep -E -A20 "ERROR: |runtime error" "$out/fuzz.log" | head -40 >&2
  exit 1
fi
echo "escrow fuzzing: $(grep -oE 'Done [0-9]+ runs' "$out/fuzz.log" | grep -oE '[0-9]+') executions, $(grep -oE 'cov: [0-9]+' "$out/fuzz.log" | tail -n 1 | grep -oE '[0-9]+') edges covered, no crash, no sanitizer report"
