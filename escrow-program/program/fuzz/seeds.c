/*
 * Writes the fuzzer's starting corpus: one input per instruction that succeeds natively, with
 * valid accounts (config, margin accounts, a priced market, open positions, an instructions
 * sysvar holding a price attestation), in fuzz_entrypoint.c's byte format. Starting from valid
 * states, mutations reach the checks past the first refusals instead of stopping at them.
 * Usage: seeds DIR
 */
#include <stdio.h>
#include <string.h>

#include "escrow.h"
#include "perp_messages.h"

/* Indices into fuzz_entrypoint.c's key pool. */
enum { K_PROGRAM = 0, K_SYSTEM = 1, K_TOKEN = 2, K_SYSVAR = 3, K_A = 4, K_B = 5, K_C = 6, K_D = 7 };
static const uint8_t PROGRAM_KEY[32] = {0xE5, 1, 2, 3};
static const uint8_t ED25519[32] = {0x03, 0x7d, 0x46, 0xd6, 0x7c, 0x93, 0xfb, 0xbe, 0x12, 0xf9, 0x42,
                                    0x8f, 0x83, 0x8d, 0x40, 0xff, 0x05, 0x70, 0x74, 0x49, 0x27, 0xf4,
                                    0x8a, 0x64, 0xfc, 0xca, 0x70, 0x44, 0x80, 0x00, 0x00, 0x00};
static const uint64_t NOW_MS = 1767225600000ull; /* native_syscalls.c's clock */
enum { SIGNER = 1, WRITABLE = 2 };

typedef struct {
  uint8_t bytes[8192];
  size_t n;
} Seed;

static void put(Seed *s, const void *p, size_t n) {
  if (n > 0) {
    memcpy(s->bytes + s->n, p, n);
  }
  s->n += n;
}

static void byte(Seed *s, uint8_t b) { put(s, &b, 1); }

static void account(Seed *s, uint8_t flags, uint8_t key, uint8_t owner, const uint8_t *data, uint16_t len) {
  byte(s, flags);
  byte(s, key);
  byte(s, owner);
  byte(s, (uint8_t)(len >> 8));
  byte(s, (uint8_t)len);
  put(s, data, len);
}

/* An agent key as the pool holds it: its first byte, then zeros. */
static void agent_key(uint8_t *dst, uint8_t first) {
  memset(dst, 0, 32);
  dst[0] = first;
}

static void config_data(uint8_t *d, uint8_t admin_first, uint8_t vault_first, uint8_t oracle_first) {
  memset(d, 0, CONFIG_SZ);
  sol_write_u64(d, CONFIG_DISCRIMINATOR);
  d[CONFIG_OFF_VERSION] = ACCOUNT_VERSION;
  agent_key(d + CONFIG_OFF_ADMIN, admin_first);
  agent_key(d + CONFIG_OFF_VAULT, vault_first);
  sol_write_u64(d + CONFIG_OFF_INSURANCE, 1000000000);
  d[CONFIG_OFF_ORACLE_COUNT] = 1;
  d[CONFIG_OFF_THRESHOLD] = 1;
  agent_key(d + CONFIG_OFF_ORACLES, oracle_first);
}

static void margin_data(uint8_t *d, uint8_t owner_first, uint64_t free, uint64_t locked, uint64_t positions) {
  memset(d, 0, MARGIN_SZ);
  sol_write_u64(d, MARGIN_DISCRIMINATOR);
  d[MARGIN_OFF_VERSION] = ACCOUNT_VERSION;
  agent_key(d + MARGIN_OFF_OWNER, owner_first);
  sol_write_u64(d + MARGIN_OFF_FREE, free);
  sol_write_u64(d + MARGIN_OFF_LOCKED, locked);
  sol_write_u64(d + MARGIN_OFF_POSITIONS, positions);
}

/* BTC-PERP's defaults: 8 decimals, 50x, 2% / 1%, fees 5 / 2 bps, liquidation 50 bps half to the liquidator. */
static void market_params(uint8_t *p) {
  memset(p, 0, MARKET_PARAMS_SZ);
  p[0] = 1;
  p[4] = 8;
  const uint16_t v[] = {50, 200, 100, 5, 2, 50, 5000, 100, 100};
  for (int i = 0; i < 9; i++) {
    p[6 + 2 * i] = (uint8_t)v[i];
    p[7 + 2 * i] = (uint8_t)(v[i] >> 8);
  }
  p[24] = 0x10; /* funding cap 10,000 ppm */
  p[25] = 0x27;
  sol_write_u64(p + PARAM_OFF_STALENESS_MS, 60000);
  memcpy(p + 40, "BTC-PERP", 8);
}

static void market_data(uint8_t *d, uint64_t price) {
  memset(d, 0, MARKET_SZ);
  sol_write_u64(d, MARKET_DISCRIMINATOR);
  d[MARKET_OFF_VERSION] = ACCOUNT_VERSION;
  market_params(d + MARKET_OFF_PARAMS);
  sol_write_u64(d + MARKET_OFF_PRICE, price);
  sol_write_u64(d + MARKET_OFF_PRICE_TIME, NOW_MS - 1000);
}

/* 0.01 BTC long at 60,000 with 60 USDC of margin a side, funding 500 ppm, opened an hour ago. */
static void position_data(uint8_t *d, uint8_t trader_first, uint8_t maker_first, uint64_t entry) {
  memset(d, 0, POSITION_SZ);
  sol_write_u64(d, POSITION_DISCRIMINATOR);
  d[POSITION_OFF_VERSION] = ACCOUNT_VERSION;
  d[POSITION_OFF_MARKET] = 1;
  agent_key(d + POSITION_OFF_TRADER, trader_first);
  agent_key(d + POSITION_OFF_MAKER, maker_first);
  sol_write_u64(d + POSITION_OFF_SIZE, 1000000);
  sol_write_u64(d + POSITION_OFF_PRICE, entry);
  sol_write_u64(d + POSITION_OFF_TRADER_MARGIN, 60000000);
  sol_write_u64(d + POSITION_OFF_MAKER_MARGIN, 60000000);
  d[POSITION_OFF_FUNDING] = 0xf4; /* 500 */
  d[POSITION_OFF_FUNDING + 1] = 0x01;
  sol_write_u64(d + POSITION_OFF_OPENED, NOW_MS - 3600000);
  sol_write_u64(d + POSITION_OFF_FUNDED_UNTIL, NOW_MS - 3600000);
}

/* The instructions sysvar holding one Ed25519 precompile instruction over a PriceAttestation by `oracle`. */
static uint16_t sysvar_with_attestation(uint8_t *d, uint8_t oracle_first, uint64_t price) {
  uint8_t msg[PERP_PRICE_ATTESTATION_SZ] = {0};
  memcpy(msg, "PERPPRIC", 8);
  msg[8] = PERP_VERSION;
  msg[12] = 1; /* market 1 */
  memcpy(msg + 16, PROGRAM_KEY, 32);
  sol_write_u64(msg + 48, NOW_MS + 60000);
  sol_write_u64(msg + 56, 7);
  agent_key(msg + 64, oracle_first);
  sol_write_u64(msg + 96, price);
  sol_write_u64(msg + 104, NOW_MS - 500);
  uint8_t ix[112 + PERP_PRICE_ATTESTATION_SZ] = {1, 0};
  const uint16_t offsets[7] = {48, 0xFFFF, 16, 0xFFFF, 112, PERP_PRICE_ATTESTATION_SZ, 0xFFFF};
  for (int i = 0; i < 7; i++) {
    ix[2 + 2 * i] = (uint8_t)offsets[i];
    ix[3 + 2 * i] = (uint8_t)(offsets[i] >> 8);
  }
  agent_key(ix + 16, oracle_first);
  memcpy(ix + 112, msg, sizeof(msg));
  /* u16 count, u16 offset, then the instruction: u16 accounts (0), program id, u16 data length, data */
  size_t n = 0;
  d[n++] = 1, d[n++] = 0;
  d[n++] = 4, d[n++] = 0;
  d[n++] = 0, d[n++] = 0;
  memcpy(d + n, ED25519, 32);
  n += 32;
  d[n++] = (uint8_t)sizeof(ix), d[n++] = (uint8_t)(sizeof(ix) >> 8);
  memcpy(d + n, ix, sizeof(ix));
  n += sizeof(ix);
  d[n++] = 0, d[n++] = 0; /* the current instruction's index */
  return (uint16_t)n;
}

static int write_seed(const char *dir, const char *name, const Seed *s) {
  char path[512];
  snprintf(path, sizeof(path), "%s/seed-%s", dir, name);
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(s->bytes, 1, s->n, f) != s->n) {
    return 1;
  }
  return fclose(f) != 0;
}

/* The accounts of a position with its market and both margin accounts (trader C, maker D). */
static void position_accounts(Seed *s, uint64_t entry) {
  uint8_t position[POSITION_SZ], market[MARKET_SZ], trader[MARGIN_SZ], maker[MARGIN_SZ];
  position_data(position, 0x33, 0x44, entry);
  market_data(market, 60000000000ull);
  margin_data(trader, 0x33, 0, 60000000, 1);
  margin_data(maker, 0x44, 0, 60000000, 1);
  account(s, WRITABLE, K_PROGRAM, K_PROGRAM, position, POSITION_SZ);
  account(s, 0, K_SYSVAR, K_PROGRAM, market, MARKET_SZ);
  account(s, WRITABLE, K_A, K_PROGRAM, trader, MARGIN_SZ);
  account(s, WRITABLE, K_B, K_PROGRAM, maker, MARGIN_SZ);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: seeds DIR\n");
    return 2;
  }
  const char *dir = argv[1];
  uint8_t config[CONFIG_SZ], margin[MARGIN_SZ], market[MARKET_SZ], token[TOKEN_ACCOUNT_SZ] = {0};
  uint8_t amount[9] = {IX_DEPOSIT};
  int failed = 0;
  Seed s;

  /* deposit: owner A, margin (B) of A, config (C) whose vault is D, source token account (sysvar key), vault D */
  config_data(config, 0x11, 0x44, 0x22);
  margin_data(margin, 0x11, 5000000, 0, 0);
  s.n = 0;
  byte(&s, 6);
  account(&s, SIGNER, K_A, K_SYSTEM, NULL, 0);
  account(&s, WRITABLE, K_B, K_PROGRAM, margin, MARGIN_SZ);
  account(&s, 0, K_C, K_PROGRAM, config, CONFIG_SZ);
  account(&s, WRITABLE, K_SYSVAR, K_TOKEN, token, TOKEN_ACCOUNT_SZ);
  account(&s, WRITABLE, K_D, K_TOKEN, token, TOKEN_ACCOUNT_SZ);
  account(&s, 0, K_TOKEN, K_SYSTEM, NULL, 0);
  sol_write_u64(amount + 1, 1000000);
  put(&s, amount, sizeof(amount));
  failed |= write_seed(dir, "deposit", &s);

  /* withdraw: the same, vault before destination */
  s.n = 0;
  byte(&s, 6);
  account(&s, SIGNER, K_A, K_SYSTEM, NULL, 0);
  account(&s, WRITABLE, K_B, K_PROGRAM, margin, MARGIN_SZ);
  account(&s, 0, K_C, K_PROGRAM, config, CONFIG_SZ);
  account(&s, WRITABLE, K_D, K_TOKEN, token, TOKEN_ACCOUNT_SZ);
  account(&s, WRITABLE, K_SYSVAR, K_TOKEN, token, TOKEN_ACCOUNT_SZ);
  account(&s, 0, K_TOKEN, K_SYSTEM, NULL, 0);
  amount[0] = IX_WITHDRAW;
  put(&s, amount, sizeof(amount));
  failed |= write_seed(dir, "withdraw", &s);

  /* set_oracles by the admin A: threshold 1 of one oracle (B's key) */
  s.n = 0;
  byte(&s, 2);
  account(&s, SIGNER, K_A, K_SYSTEM, NULL, 0);
  account(&s, WRITABLE, K_C, K_PROGRAM, config, CONFIG_SZ);
  const uint8_t set_oracles[3 + 32] = {IX_SET_ORACLES, 1, 1, 0x22};
  put(&s, set_oracles, sizeof(set_oracles));
  failed |= write_seed(dir, "set_oracles", &s);

  /* update_market and set_paused by the admin, on a priced market (B) */
  market_data(market, 60000000000ull);
  s.n = 0;
  byte(&s, 3);
  account(&s, SIGNER, K_A, K_SYSTEM, NULL, 0);
  account(&s, 0, K_C, K_PROGRAM, config, CONFIG_SZ);
  account(&s, WRITABLE, K_B, K_PROGRAM, market, MARKET_SZ);
  uint8_t update[1 + MARKET_PARAMS_SZ] = {IX_UPDATE_MARKET};
  market_params(update + 1);
  put(&s, update, sizeof(update));
  failed |= write_seed(dir, "update_market", &s);
  s.n = 0;
  byte(&s, 3);
  account(&s, SIGNER, K_A, K_SYSTEM, NULL, 0);
  account(&s, WRITABLE, K_C, K_PROGRAM, config, CONFIG_SZ);
  account(&s, WRITABLE, K_B, K_PROGRAM, market, MARKET_SZ);
  const uint8_t pause[2] = {IX_SET_PAUSED, 1};
  put(&s, pause, sizeof(pause));
  failed |= write_seed(dir, "set_paused", &s);

  /* post_prices: the market (B), the config (C, oracle 0x22, threshold 1), the sysvar with one attestation */
  uint8_t sysvar[600];
  const uint16_t sysvar_len = sysvar_with_attestation(sysvar, 0x22, 60100000000ull);
  s.n = 0;
  byte(&s, 3);
  account(&s, WRITABLE, K_B, K_PROGRAM, market, MARKET_SZ);
  account(&s, 0, K_C, K_PROGRAM, config, CONFIG_SZ);
  account(&s, 0, K_SYSVAR, K_SYSTEM, sysvar, sysvar_len);
  const uint8_t post[3] = {IX_POST_PRICES, 1, 0};
  put(&s, post, sizeof(post));
  failed |= write_seed(dir, "post_prices", &s);

  /* settle_funding: a position, its market and margins, the config (D) */
  config_data(config, 0x11, 0x44, 0x22);
  s.n = 0;
  byte(&s, 5);
  position_accounts(&s, 60000000000ull);
  account(&s, 0, K_D, K_PROGRAM, config, CONFIG_SZ);
  byte(&s, IX_SETTLE_FUNDING);
  failed |= write_seed(dir, "settle_funding", &s);

  /* close_at_mark by the trader (C signs), config D */
  s.n = 0;
  byte(&s, 6);
  position_accounts(&s, 60000000000ull);
  account(&s, SIGNER, K_C, K_SYSTEM, NULL, 0);
  account(&s, WRITABLE, K_D, K_PROGRAM, config, CONFIG_SZ);
  byte(&s, IX_CLOSE_AT_MARK);
  failed |= write_seed(dir, "close_at_mark", &s);

  /* liquidate: entered at 66,000, marked at 60,000: the long has lost its margin; liquidator C with margin D */
  uint8_t liquidator[MARGIN_SZ];
  margin_data(liquidator, 0x33, 0, 0, 0);
  s.n = 0;
  byte(&s, 7);
  position_accounts(&s, 66000000000ull);
  account(&s, SIGNER, K_C, K_SYSTEM, NULL, 0);
  account(&s, WRITABLE, K_D, K_PROGRAM, liquidator, MARGIN_SZ);
  account(&s, WRITABLE, K_SYSTEM, K_PROGRAM, config, CONFIG_SZ);
  byte(&s, IX_LIQUIDATE);
  failed |= write_seed(dir, "liquidate", &s);

  if (failed) {
    fprintf(stderr, "could not write the seeds into %s\n", dir);
    return 1;
  }
  return 0;
}
