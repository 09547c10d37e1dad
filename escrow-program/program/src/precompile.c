/* The instructions sysvar, the Ed25519 precompile's inline signatures, the clock and the oracle's freshness. */
#include "escrow.h"

static uint16_t u16_at(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

static const SolPubkey INSTRUCTIONS_SYSVAR = {{0x06, 0xa7, 0xd5, 0x17, 0x18, 0x7b, 0xd1, 0x66, 0x35, 0xda, 0xd4,
                                               0x04, 0x55, 0xfd, 0xc2, 0xc0, 0xc1, 0x24, 0xc6, 0x8f, 0x21, 0x56,
                                               0x75, 0xa5, 0xdb, 0xba, 0xcb, 0x5f, 0x08, 0x00, 0x00, 0x00}};
static const SolPubkey ED25519_PROGRAM = {{0x03, 0x7d, 0x46, 0xd6, 0x7c, 0x93, 0xfb, 0xbe, 0x12, 0xf9, 0x42,
                                           0x8f, 0x83, 0x8d, 0x40, 0xff, 0x05, 0x70, 0x74, 0x49, 0x27, 0xf4,
                                           0x8a, 0x64, 0xfc, 0xca, 0x70, 0x44, 0x80, 0x00, 0x00, 0x00}};


/*
 * The instructions sysvar: u16 count, u16 offset per instruction, and at each offset: u16 account
 * count, per account u8 flags and a 32-byte key, the 32-byte program id, u16 data length, data.
 */
uint64_t load_instruction(const SolAccountInfo *sysvar, uint64_t index, SysvarInstruction *out) {
  const uint8_t *d = sysvar->data;
  const uint64_t n = sysvar->data_len;
  if (n < 2 || index >= u16_at(d) || 2 + 2 * (index + 1) > n) {
    return ERR_NOT_A_PRECOMPILE;
  }
  uint64_t at = u16_at(d + 2 + 2 * index);
  if (at + 2 > n) {
    return ERR_NOT_A_PRECOMPILE;
  }
  at += 2 + 33 * (uint64_t)u16_at(d + at);
  if (at + 34 > n) {
    return ERR_NOT_A_PRECOMPILE;
  }
  out->program = (const SolPubkey *)(d + at);
  out->len = u16_at(d + at + 32);
  out->data = d + at + 34;
  return at + 34 + out->len > n ? ERR_NOT_A_PRECOMPILE : 0;
}

/*
 * One signature whose key, signature and message all lie in the precompile instruction itself
 * (instruction index 0xFFFF); returns the key and the message it verified.
 */
uint64_t precompile_message(const SysvarInstruction *ix, const uint8_t **key, const uint8_t **msg,
                                   uint64_t *msg_len) {
  if (!sol_pubkey_eq(ix->program, &ED25519_PROGRAM) || ix->len < 16 || ix->data[0] != 1) {
    return ERR_NOT_A_PRECOMPILE;
  }
  const uint8_t *o = ix->data + 2;
  if (u16_at(o + 2) != 0xFFFF || u16_at(o + 6) != 0xFFFF || u16_at(o + 12) != 0xFFFF) {
    return ERR_NOT_A_PRECOMPILE;
  }
  const uint64_t key_at = u16_at(o + 4), msg_at = u16_at(o + 8), len = u16_at(o + 10);
  if (key_at + 32 > ix->len || msg_at + len > ix->len) {
    return ERR_NOT_A_PRECOMPILE;
  }
  *key = ix->data + key_at;
  *msg = ix->data + msg_at;
  *msg_len = len;
  return 0;
}

uint64_t check_instructions_sysvar(const SolAccountInfo *sysvar) {
  return sol_pubkey_eq(sysvar->key, &INSTRUCTIONS_SYSVAR) ? 0 : ERR_WRONG_PROGRAM;
}

uint64_t clock_now_ms(uint64_t *now_ms) {
  uint8_t clock[40];
  if (sol_get_clock_sysvar(clock) != 0) {
    return ERR_STALE_ORACLE;
  }
  return sol_checked_mul_u64(sol_read_u64(clock + 32), 1000, now_ms) ? 0 : ERR_OVERFLOW;
}

uint64_t fresh_oracle_price(const uint8_t *market, uint64_t now_ms, uint64_t *price) {
  const uint64_t p = sol_read_u64(market + MARKET_OFF_PRICE);
  const uint64_t at = sol_read_u64(market + MARKET_OFF_PRICE_TIME);
  const uint64_t staleness = sol_read_u64(market + MARKET_OFF_PARAMS + PARAM_OFF_STALENESS_MS);
  if (p == 0 || (now_ms > at && now_ms - at > staleness)) {
    return ERR_STALE_ORACLE;
  }
  *price = p;
  return 0;
}
