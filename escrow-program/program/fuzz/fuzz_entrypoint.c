/*
 * libFuzzer target: the whole instruction processor (entrypoint and every handler) on inputs
 * serialized exactly as the SBPF v0 loader serializes them, built from the fuzzer's bytes:
 *   byte 0: account count (0..12); per account: flags (signer, writable, executable, duplicate),
 *   key index and owner index into a pool of interesting keys (this program, System, SPL Token,
 *   the sysvars, agents), a data length (0..600) and that many bytes; the rest is instruction data.
 * Any crash, sanitizer report or out-of-bounds access fails the run.
 */
#include <stdlib.h>
#include <string.h>

#include "escrow.h"

uint64_t entrypoint(const uint8_t *input);

/* The program's answer to the last input (seed_check.c reads it). */
uint64_t perp_fuzz_last_return;

static const uint8_t POOL[8][32] = {
    {0xE5, 1, 2, 3},                                                     /* the program id */
    {0},                                                                 /* System */
    {0x06, 0xdd, 0xf6, 0xe1, 0xd7, 0x65, 0xa1, 0x93, 0xd9, 0xcb, 0xe1, 0x46, 0xce, 0xeb, 0x79, 0xac,
     0x1c, 0xb4, 0x85, 0xed, 0x5f, 0x5b, 0x37, 0x91, 0x3a, 0x8c, 0xf5, 0x85, 0x7e, 0xff, 0x00, 0xa9}, /* SPL Token */
    {0x06, 0xa7, 0xd5, 0x17, 0x18, 0x7b, 0xd1, 0x66, 0x35, 0xda, 0xd4, 0x04, 0x55, 0xfd, 0xc2, 0xc0,
     0xc1, 0x24, 0xc6, 0x8f, 0x21, 0x56, 0x75, 0xa5, 0xdb, 0xba, 0xcb, 0x5f, 0x08, 0x00, 0x00, 0x00}, /* instructions */
    {0x11}, {0x22}, {0x33}, {0x44},                                     /* agents */
};

typedef struct {
  const uint8_t *p;
  size_t n;
} Reader;

static uint8_t take(Reader *r) {
  if (r->n == 0) {
    return 0;
  }
  r->n--;
  return *r->p++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  Reader r = {data, size};
  const int accounts = take(&r) % 13;
  const size_t cap = 8 + (size_t)accounts * (8 + 32 + 32 + 8 + 8 + 600 + SOL_MAX_PERMITTED_DATA_INCREASE + 8 + 8) +
                     8 + size + 32 + 64;
  uint8_t *input = calloc(1, cap);
  uint8_t *w = input;
  sol_write_u64(w, (uint64_t)accounts);
  w += 8;
  for (int i = 0; i < accounts; i++) {
    const uint8_t flags = take(&r);
    if (i > 0 && (flags & 0x80)) { /* a duplicate of an earlier account, as the loader marks it */
      *w = (uint8_t)((flags & 0x7f) % i);
      w += 8;
      continue;
    }
    w[0] = SOL_NON_DUP_MARKER;
    w[1] = flags & 1;
    w[2] = (flags >> 1) & 1;
    w[3] = (flags >> 2) & 1;
    w += 8;
    memcpy(w, POOL[take(&r) % 8], 32);
    w += 32;
    memcpy(w, POOL[take(&r) % 8], 32);
    w += 32;
    sol_write_u64(w, 1000000);
    w += 8;
    uint64_t len = ((uint64_t)take(&r) << 8 | take(&r)) % 601;
    if (len > r.n) {
      len = r.n;
    }
    sol_write_u64(w, len);
    w += 8;
    memcpy(w, r.p, len);
    r.p += len;
    r.n -= len;
    w += len + SOL_MAX_PERMITTED_DATA_INCREASE;
    w = (uint8_t *)(((uintptr_t)w + 7) & ~(uintptr_t)7);
    w += 8; /* rent epoch */
  }
  sol_write_u64(w, r.n);
  w += 8;
  memcpy(w, r.p, r.n);
  w += r.n;
  memcpy(w, POOL[0], 32);
  perp_fuzz_last_return = entrypoint(input);
  free(input);
  return 0;
}
