/*
 * Runs one instruction natively on a loader input given on stdin, for the differential check
 * against the validator (EscrowDifferentialTest): stdin = i64 clock unix timestamp, u64 input
 * length, the input as the SBPF v0 loader serializes it. stdout = u64 return code, then for each
 * account of the input in order: u64 data length and the data, as the program left them.
 */
#include <stdio.h>
#include <stdlib.h>

#include "sol.h"

uint64_t entrypoint(const uint8_t *input);
extern int64_t perp_native_clock_unix;

static int read_all(void *buf, size_t n) { return fread(buf, 1, n, stdin) == n; }

int main(void) {
  uint8_t header[16];
  if (!read_all(header, 16)) {
    return 2;
  }
  perp_native_clock_unix = (int64_t)sol_read_u64(header);
  const uint64_t len = sol_read_u64(header + 8);
  uint8_t *input = calloc(1, len + 64);
  if (!read_all(input, len)) {
    return 2;
  }
  /* the accounts' places in the input, found before the run: an account the program resizes keeps
     its place (and its realloc space), as the runtime keeps it, with the new length before its data */
  SolAccountInfo accounts[32];
  SolParameters params = {.ka = accounts};
  sol_deserialize(input, &params, 32);
  const uint64_t rc = entrypoint(input);
  uint8_t out[8];
  sol_write_u64(out, rc);
  fwrite(out, 1, 8, stdout);
  for (uint64_t i = 0; i < params.ka_num; i++) {
    const uint64_t len = sol_read_u64(accounts[i].data - 8);
    sol_write_u64(out, len);
    fwrite(out, 1, 8, stdout);
    fwrite(accounts[i].data, 1, len, stdout);
  }
  free(input);
  return 0;
}
