#!/usr/bin/env bash
# Builds escrow-program/target/deploy/escrow.so from src/*.c:
#   clang-19 (BPF target, flags from shared/facts/SBF-FACTS.md) -> target/obj/*.o -> our SBF linker.
# Usage: build.sh LINKER_CLASSPATH   (Maven passes it; JAVA_BIN names the java to run it with)
# Deterministic: sources in sorted order, no timestamps or paths in the output; prints the SHA-256.
set -euo pipefail
cd "$(dirname "$0")"
classpath="${1:?usage: build.sh LINKER_CLASSPATH}"
java_bin="${JAVA_BIN:-java}"
CLANG="${CLANG:-clang-19}"
if ! command -v "$CLANG" >/dev/null 2>&1; then
  echo "error: $CLANG not found. The escrow program is C compiled to BPF by Debian's clang-19:" >&2
  echo "       sudo apt-get update && sudo apt-get install -y clang-19 llvm-19" >&2
  exit 1
fi
CFLAGS=(-target bpfel -mcpu=v2 -O2 -std=c17 -Wall -Wextra -Werror
        -ffreestanding -fno-builtin -fno-stack-protector
        -mllvm -bpf-stack-size=4096 -mllvm -replexitval=never
        -Iinclude)
obj_dir=target/obj
out=../target/deploy/escrow.so
rm -rf "$obj_dir" && mkdir -p "$obj_dir" "$(dirname "$out")"
objects=()
while IFS= read -r -d '' src; do
  obj="$obj_dir/$(basename "${src%.c}").o"
  "$CLANG" "${CFLAGS[@]}" -c "$src" -o "$obj"
  objects+=("$obj")
done < <(find src -maxdepth 1 -name '*.c' -print0 | LC_ALL=C sort -z)
if [ "${#objects[@]}" -eq 0 ]; then
  echo "error: no C sources in escrow-program/program/src" >&2
  exit 1
fi
"$java_bin" -cp "$classpath" io.perpnet.sbf.linker.Main "${objects[@]}" -o "$out"
