/*
 * Native stand-ins for the Solana syscalls, so the program's C code runs on x86 under libFuzzer
 * and the sanitizers, and so the differential test can compare it with the validator. SHA-256
 * (OpenSSL's libcrypto) and PDA derivation (SHA-256, then off-curve, native_curve.c) are the real
 * algorithms; logging does nothing; the rent and clock sysvars hold fixed values (the replay sets
 * the clock to the validator's); a cross-program call succeeds and, for the System
 * program's CreateAccount, Transfer, Allocate and Assign, moves lamports, resizes and assigns as
 * the runtime would.
 */
#include <openssl/evp.h>
#include <string.h>

#include "sol.h"

void sol_log_(const char *message, uint64_t length) {
  (void)message;
  (void)length;
}

void sol_log_64_(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) {
  (void)a, (void)b, (void)c, (void)d, (void)e;
}

void sol_log_compute_units_(void) {}

bool perp_native_on_curve(const uint8_t bytes[32]); /* native_curve.c */

/* As the runtime: SHA-256 of the seeds, the program id and "ProgramDerivedAddress", refused on the curve. */
uint64_t sol_create_program_address(const SolSignerSeed *seeds, int seeds_len, const SolPubkey *program_id,
                                    SolPubkey *address) {
  static const char MARKER[] = "ProgramDerivedAddress";
  if (seeds_len > 16) {
    return 1;
  }
  EVP_MD_CTX *ctx = EVP_MD_CTX_new();
  bool ok = ctx != NULL && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1;
  for (int i = 0; ok && i < seeds_len; i++) {
    ok = seeds[i].len <= 32 && EVP_DigestUpdate(ctx, seeds[i].addr, seeds[i].len) == 1;
  }
  uint8_t hash[32];
  unsigned int n = 0;
  ok = ok && EVP_DigestUpdate(ctx, program_id->x, 32) == 1 && EVP_DigestUpdate(ctx, MARKER, sizeof(MARKER) - 1) == 1 &&
       EVP_DigestFinal_ex(ctx, hash, &n) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok || perp_native_on_curve(hash)) {
    return 1;
  }
  memcpy(address->x, hash, 32);
  return 0;
}

/* As the runtime: the highest bump whose address derives (the stand-in derives every bump, so 255). */
uint64_t sol_try_find_program_address(const SolSignerSeed *seeds, int seeds_len, const SolPubkey *program_id,
                                      SolPubkey *address, uint8_t *bump) {
  SolSignerSeed with_bump[17];
  if (seeds_len > 16) {
    return 1;
  }
  memcpy(with_bump, seeds, sizeof(SolSignerSeed) * (size_t)seeds_len);
  for (int b = 255; b >= 0; b--) {
    *bump = (uint8_t)b;
    with_bump[seeds_len] = (SolSignerSeed){bump, 1};
    if (sol_create_program_address(with_bump, seeds_len + 1, program_id, address) == 0) {
      return 0;
    }
  }
  return 1;
}

uint64_t sol_sha256(const SolBytes *bytes, int bytes_len, uint8_t *result) {
  EVP_MD_CTX *ctx = EVP_MD_CTX_new();
  bool ok = ctx != NULL && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1;
  for (int i = 0; ok && i < bytes_len; i++) {
    ok = EVP_DigestUpdate(ctx, bytes[i].addr, bytes[i].len) == 1;
  }
  unsigned int n = 0;
  ok = ok && EVP_DigestFinal_ex(ctx, result, &n) == 1;
  EVP_MD_CTX_free(ctx);
  return ok ? 0 : 1;
}

uint64_t sol_get_rent_sysvar(void *rent) {
  memset(rent, 0, 24);
  sol_write_u64(rent, 3480);
  return 0;
}

/* The Clock's unix timestamp; the differential replay sets it to the validator's. */
int64_t perp_native_clock_unix = 1767225600; /* 2026-01-01 */

uint64_t sol_get_clock_sysvar(void *clock) {
  memset(clock, 0, 40);
  sol_write_u64((uint8_t *)clock, 1000);
  sol_write_u64((uint8_t *)clock + 32, (uint64_t)perp_native_clock_unix);
  return 0;
}

/* As the runtime after a call that allocates: the new length, in the view and in the serialized input before the data. */
static void resize(SolAccountInfo *account, uint64_t space) {
  account->data_len = space;
  sol_write_u64(account->data - 8, space);
}

/* As the System program: fails (false) when `from` has too little or `to` would overflow. */
static bool move_lamports(SolAccountInfo *from, SolAccountInfo *to, uint64_t amount) {
  uint64_t left, total;
  if (!sol_sub_u64(*from->lamports, amount, &left) || !sol_add_u64(*to->lamports, amount, &total)) {
    return false;
  }
  *from->lamports = left;
  *to->lamports = total;
  return true;
}

uint64_t sol_invoke_signed_c(const SolInstruction *ix, const SolAccountInfo *infos, int infos_len,
                             const SolSignerSeeds *seeds, int seeds_len) {
  (void)seeds, (void)seeds_len;
  static const SolPubkey system = {{0}};
  if (!sol_pubkey_eq(ix->program_id, &system) || ix->data_len < 4) {
    return 0;
  }
  SolAccountInfo *accounts = (SolAccountInfo *)infos;
  const uint8_t tag = ix->data[0];
  if (tag == 0 && ix->data_len >= 52 && infos_len >= 2) { /* CreateAccount: lamports, space, owner */
    const uint64_t space = sol_read_u64(ix->data + 12);
    if (space > SOL_MAX_PERMITTED_DATA_INCREASE) {
      return 1;
    }
    if (!move_lamports(&accounts[0], &accounts[1], sol_read_u64(ix->data + 4))) {
      return 1;
    }
    resize(&accounts[1], space);
    memcpy(accounts[1].owner->x, ix->data + 20, 32);
  } else if (tag == 2 && ix->data_len >= 12 && infos_len >= 2) { /* Transfer: lamports */
    if (!move_lamports(&accounts[0], &accounts[1], sol_read_u64(ix->data + 4))) {
      return 1;
    }
  } else if (tag == 8 && ix->data_len >= 12 && infos_len >= 1) { /* Allocate: space */
    const uint64_t space = sol_read_u64(ix->data + 4);
    if (space > SOL_MAX_PERMITTED_DATA_INCREASE) {
      return 1;
    }
    resize(&accounts[0], space);
  } else if (tag == 1 && ix->data_len >= 36 && infos_len >= 1) { /* Assign: owner */
    memcpy(accounts[0].owner->x, ix->data + 4, 32);
  }
  return 0;
}
