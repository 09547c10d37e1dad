/*
 * sol.h: the small, self-written Solana runtime interface the escrow program needs.
 *
 * - Types with compile-time size checks; a public key is 32 bytes in a struct.
 * - sol_deserialize: account views pointing into the loader's input buffer (SBPF v0, aligned
 *   serialization), duplicates resolved to their first occurrence. Nothing is copied, so the
 *   views can be passed to cross-program invocations unchanged.
 * - Syscall prototypes (resolved at deployment by name) and the C ABI of sol_invoke_signed_c.
 * - Checked arithmetic: u64 add/sub/mul that report overflow, and a {lo, hi} u128 with
 *   64x64 multiply and 128/64 division, because the BPF target has no 128-bit multiply or
 *   divide routines (see shared/facts/SBF-FACTS.md).
 *
 * Rules this code follows (each fails only at run time or at link time otherwise): at most 5
 * arguments per function, no signed division, no writable globals, no large struct copies.
 */
#ifndef PERP_SOL_H
#define PERP_SOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if !defined(__LP64__) && !defined(__bpf__)
#error "sol.h needs 64-bit pointers"
#endif

#define SOL_PUBKEY_SIZE 32
#define SOL_MAX_PERMITTED_DATA_INCREASE 10240
#define SOL_NON_DUP_MARKER 0xff

typedef struct {
  uint8_t x[SOL_PUBKEY_SIZE];
} SolPubkey;
_Static_assert(sizeof(SolPubkey) == 32, "SolPubkey is 32 bytes");

/* An account as the program sees it; this layout is also the C ABI of cross-program invocation. */
typedef struct {
  SolPubkey *key;
  uint64_t *lamports;
  uint64_t data_len;
  uint8_t *data;
  SolPubkey *owner;
  uint64_t rent_epoch;
  bool is_signer;
  bool is_writable;
  bool executable;
} SolAccountInfo;
_Static_assert(sizeof(SolAccountInfo) == 56, "SolAccountInfo matches the runtime's C ABI");

typedef struct {
  SolAccountInfo *ka;
  uint64_t ka_num;
  const uint8_t *data;
  uint64_t data_len;
  const SolPubkey *program_id;
} SolParameters;

typedef struct {
  SolPubkey *pubkey;
  bool is_writable;
  bool is_signer;
} SolAccountMeta;

typedef struct {
  SolPubkey *program_id;
  SolAccountMeta *accounts;
  uint64_t account_len;
  uint8_t *data;
  uint64_t data_len;
} SolInstruction;

typedef struct {
  const uint8_t *addr;
  uint64_t len;
} SolSignerSeed;

typedef struct {
  const SolSignerSeed *addr;
  uint64_t len;
} SolSignerSeeds;

/* Syscalls. */
void sol_log_(const char *message, uint64_t length);
void sol_log_64_(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e);
void sol_log_compute_units_(void);
uint64_t sol_invoke_signed_c(const SolInstruction *instruction, const SolAccountInfo *account_infos,
                             int account_infos_len, const SolSignerSeeds *signers_seeds, int signers_seeds_len);
uint64_t sol_create_program_address(const SolSignerSeed *seeds, int seeds_len, const SolPubkey *program_id,
                                    SolPubkey *address);
/* The canonical (highest-bump) program-derived address of `seeds`, and its bump. */
uint64_t sol_try_find_program_address(const SolSignerSeed *seeds, int seeds_len, const SolPubkey *program_id,
                                      SolPubkey *address, uint8_t *bump);
uint64_t sol_get_rent_sysvar(void *rent);

typedef struct {
  const uint8_t *addr;
  uint64_t len;
} SolBytes;
uint64_t sol_sha256(const SolBytes *bytes, int bytes_len, uint8_t *result);
uint64_t sol_get_clock_sysvar(void *clock);

#define sol_log(literal) sol_log_((literal), sizeof(literal) - 1)

/* Byte helpers (loops: variable-size builtins become calls the loader refuses). */
static inline bool sol_bytes_equal(const uint8_t *a, const uint8_t *b, uint64_t n) {
  uint8_t diff = 0;
  for (uint64_t i = 0; i < n; i++) {
    diff |= a[i] ^ b[i];
  }
  return diff == 0;
}

static inline void sol_copy(uint8_t *dst, const uint8_t *src, uint64_t n) {
  for (uint64_t i = 0; i < n; i++) {
    dst[i] = src[i];
  }
}

static inline bool sol_pubkey_eq(const SolPubkey *a, const SolPubkey *b) {
  return sol_bytes_equal(a->x, b->x, SOL_PUBKEY_SIZE);
}

static inline uint64_t sol_read_u64(const uint8_t *p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; i--) {
    v = (v << 8) | p[i];
  }
  return v;
}

static inline void sol_write_u64(uint8_t *p, uint64_t v) {
  for (int i = 0; i < 8; i++) {
    p[i] = (uint8_t)(v >> (8 * i));
  }
}

/* Checked u64 arithmetic: false on overflow, *out untouched. */
static inline bool sol_add_u64(uint64_t a, uint64_t b, uint64_t *out) {
  if (a > UINT64_MAX - b) {
    return false;
  }
  *out = a + b;
  return true;
}

static inline bool sol_sub_u64(uint64_t a, uint64_t b, uint64_t *out) {
  if (b > a) {
    return false;
  }
  *out = a - b;
  return true;
}

/* An unsigned 128-bit value as two halves. */
typedef struct {
  uint64_t lo;
  uint64_t hi;
} sol_u128;

/* a * b, exactly, in 128 bits (schoolbook on 32-bit halves). */
/* Always inlined: the BPF target cannot return a struct from a real call. */
static inline __attribute__((always_inline)) sol_u128 sol_mul_u64(uint64_t a, uint64_t b) {
  const uint64_t a_lo = a & 0xffffffffu, a_hi = a >> 32, b_lo = b & 0xffffffffu, b_hi = b >> 32;
  const uint64_t ll = a_lo * b_lo, lh = a_lo * b_hi, hl = a_hi * b_lo, hh = a_hi * b_hi;
  const uint64_t mid = (ll >> 32) + (lh & 0xffffffffu) + (hl & 0xffffffffu);
  sol_u128 r;
  r.lo = (mid << 32) | (ll & 0xffffffffu);
  r.hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
  return r;
}

static inline bool sol_checked_mul_u64(uint64_t a, uint64_t b, uint64_t *out) {
  const sol_u128 r = sol_mul_u64(a, b);
  if (r.hi != 0) {
    return false;
  }
  *out = r.lo;
  return true;
}

/*
 * n / d for a 128-bit n and 64-bit d, rounding down or up; false when d is 0 or the quotient
 * does not fit in 64 bits. Restoring division, one bit per step (about 2,000 compute units).
 */
static inline __attribute__((always_inline)) bool sol_div_u128(sol_u128 n, uint64_t d, bool round_up, uint64_t *out) {
  if (d == 0 || n.hi >= d) {
    return false;
  }
  if (n.hi == 0) { /* fast path: one native division */
    uint64_t q = n.lo / d;
    if (round_up && q * d != n.lo) {
      if (q == UINT64_MAX) {
        return false;
      }
      q += 1;
    }
    *out = q;
    return true;
  }
  uint64_t rem = n.hi;
  uint64_t q = 0;
  for (int i = 63; i >= 0; i--) {
    const bool carry = (rem >> 63) != 0;
    rem = (rem << 1) | ((n.lo >> i) & 1);
    q <<= 1;
    if (carry || rem >= d) {
      rem -= d;
      q |= 1;
    }
  }
  if (round_up && rem != 0) {
    if (q == UINT64_MAX) {
      return false;
    }
    q += 1;
  }
  *out = q;
  return true;
}

/*
 * Reads the loader's input (SBPF v0 aligned serialization):
 *   u64 account count; per account: u8 duplicate marker (0xff = new, else the index of the
 *   original, then 7 bytes of padding), u8 is_signer, u8 is_writable, u8 executable, 4 bytes
 *   padding, 32-byte key, 32-byte owner, u64 lamports, u64 data length, data, 10240 bytes of
 *   realloc space, padding to 8, u64 rent epoch; then u64 instruction data length, data, and the
 *   32-byte program id.
 * Returns false when the input holds more accounts than ka_capacity.
 */
static inline bool sol_deserialize(const uint8_t *input, SolParameters *params, uint64_t ka_capacity) {
  params->ka_num = sol_read_u64(input);
  input += 8;
  if (params->ka_num > ka_capacity) {
    return false;
  }
  for (uint64_t i = 0; i < params->ka_num; i++) {
    const uint8_t dup = input[0];
    input += 1;
    if (dup != SOL_NON_DUP_MARKER) {
      params->ka[i] = params->ka[dup];
      input += 7;
      continue;
    }
    SolAccountInfo *ka = &params->ka[i];
    ka->is_signer = input[0] != 0;
    ka->is_writable = input[1] != 0;
    ka->executable = input[2] != 0;
    input += 3 + 4;
    ka->key = (SolPubkey *)input;
    input += SOL_PUBKEY_SIZE;
    ka->owner = (SolPubkey *)input;
    input += SOL_PUBKEY_SIZE;
    ka->lamports = (uint64_t *)input;
    input += 8;
    ka->data_len = sol_read_u64(input);
    input += 8;
    ka->data = (uint8_t *)input;
    input += ka->data_len + SOL_MAX_PERMITTED_DATA_INCREASE;
    input = (const uint8_t *)(((uint64_t)input + 7) & ~(uint64_t)7);
    ka->rent_epoch = sol_read_u64(input);
    input += 8;
  }
  params->data_len = sol_read_u64(input);
  input += 8;
  params->data = input;
  input += params->data_len;
  params->program_id = (const SolPubkey *)input;
  return true;
}

#endif
