/*
 * Native test of sol.h's checked arithmetic against the compiler's own 128-bit integers:
 * sol_mul_u64, sol_div_u128 (both roundings), and the checked u64 add/sub/mul, on edge cases and
 * a million pseudo-random cases. Built with -fsanitize=address,undefined; exits non-zero on the
 * first mismatch. The BPF build cannot use __int128 multiply or divide, which is why sol.h exists.
 */
#include <stdio.h>
#include <stdlib.h>

#include "sol.h"

typedef unsigned __int128 u128;

static int failures;

#define CHECK(cond, ...)            \
  do {                              \
    if (!(cond)) {                  \
      fprintf(stderr, __VA_ARGS__); \
      fprintf(stderr, "\n");        \
      failures++;                   \
    }                               \
  } while (0)

static uint64_t state = 0x9e3779b97f4a7c15ull;
static uint64_t next(void) { /* splitmix64 */
  uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static void check_case(uint64_t a, uint64_t b, uint64_t d) {
  const sol_u128 p = sol_mul_u64(a, b);
  const u128 exact = (u128)a * b;
  CHECK(p.lo == (uint64_t)exact && p.hi == (uint64_t)(exact >> 64), "mul %llu * %llu", (unsigned long long)a,
        (unsigned long long)b);
  for (int up = 0; up <= 1; up++) {
    uint64_t q = 0;
    const bool ok = sol_div_u128(p, d, up, &q);
    if (d == 0) {
      CHECK(!ok, "division by zero accepted");
      continue;
    }
    u128 expected = exact / d;
    if (up && exact % d != 0) {
      expected += 1;
    }
    const bool fits = expected <= UINT64_MAX;
    CHECK(ok == fits, "div fit %llu*%llu/%llu up=%d", (unsigned long long)a, (unsigned long long)b,
          (unsigned long long)d, up);
    if (ok && fits) {
      CHECK(q == (uint64_t)expected, "div %llu*%llu/%llu up=%d", (unsigned long long)a, (unsigned long long)b,
            (unsigned long long)d, up);
    }
  }
  uint64_t r = 7;
  CHECK(sol_add_u64(a, b, &r) == ((u128)a + b <= UINT64_MAX), "add %llu %llu", (unsigned long long)a, (unsigned long long)b);
  CHECK(sol_sub_u64(a, b, &r) == (b <= a), "sub");
  CHECK(sol_checked_mul_u64(a, b, &r) == (exact <= UINT64_MAX), "checked mul");
}

int main(int argc, char **argv) {
  (void)argc;
  (void)argv;
  const uint64_t edges[] = {0, 1, 2, 3, 10, 0xffffffffull, 0x100000000ull, UINT64_MAX / 2, UINT64_MAX - 1, UINT64_MAX};
  const int n = sizeof(edges) / sizeof(edges[0]);
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < n; j++) {
      for (int k = 0; k < n; k++) {
        check_case(edges[i], edges[j], edges[k]);
      }
    }
  }
  for (int i = 0; i < 1000000; i++) {
    const uint64_t a = next() >> (next() % 64);
    const uint64_t b = next() >> (next() % 64);
    const uint64_t d = next() >> (next() % 64);
    check_case(a, b, d);
  }
  uint64_t out;
  CHECK(sol_read_u64((const uint8_t *)"\x01\x02\x03\x04\x05\x06\x07\x08") == 0x0807060504030201ull, "read_u64");
  uint8_t buf[8];
  sol_write_u64(buf, 0x0102030405060708ull);
  CHECK(buf[0] == 8 && buf[7] == 1, "write_u64");
  (void)out;
  if (failures) {
    fprintf(stderr, "%d failures\n", failures);
    return 1;
  }
  printf("sol.h arithmetic: 1,001,000 cases, 0 failed\n");
  return 0;
}
