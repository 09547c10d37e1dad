/*
 * Runs each seed file given through the fuzz target's input builder and fails unless the program
 * accepts it (returns 0): the starting corpus must stay valid states when layouts change.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
extern uint64_t perp_fuzz_last_return;

int main(int argc, char **argv) {
  static uint8_t buf[1 << 16];
  int failed = 0;
  for (int i = 1; i < argc; i++) {
    FILE *f = fopen(argv[i], "rb");
    if (!f) {
      fprintf(stderr, "cannot read %s\n", argv[i]);
      return 2;
    }
    const size_t n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    LLVMFuzzerTestOneInput(buf, n);
    if (perp_fuzz_last_return != 0) {
      fprintf(stderr, "seed %s is refused with error %llu\n", argv[i], (unsigned long long)perp_fuzz_last_return);
      failed = 1;
    }
  }
  return failed;
}
