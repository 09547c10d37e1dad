/* Admin instructions: create and update markets, set the oracle signer set and threshold. */
#include "escrow.h"

static const uint8_t SEED_MARKET[] = "market";

uint64_t load_admin(const SolAccountInfo *admin, const SolAccountInfo *config, const SolPubkey *program_id) {
  uint64_t err;
  if ((err = check_signer(admin))) {
    return err;
  }
  if (!sol_pubkey_eq(config->owner, program_id)) {
    return ERR_WRONG_ACCOUNT_OWNER;
  }
  if (config->data_len != CONFIG_SZ || sol_read_u64(config->data + CONFIG_OFF_DISCRIMINATOR) != CONFIG_DISCRIMINATOR) {
    return ERR_WRONG_ACCOUNT_TYPE;
  }
  return sol_bytes_equal(config->data + CONFIG_OFF_ADMIN, admin->key->x, SOL_PUBKEY_SIZE) ? 0 : ERR_NOT_ADMIN;
}

static uint16_t u16_at(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

/*
 * Leverage 1..1000; initial margin at least 1/max leverage; maintenance margin above zero and at
 * most the initial; every bps value at most 10,000; the price band and spread above zero; and the
 * band no wider than initial minus maintenance margin, so a trade at the edge of the band still
 * opens with its equity at the oracle above maintenance.
 */
uint64_t check_market_params(const uint8_t *params) {
  const uint16_t leverage = u16_at(params + PARAM_OFF_MAX_LEVERAGE);
  const uint16_t initial = u16_at(params + 8), maintenance = u16_at(params + 10);
  if (leverage == 0 || leverage > 1000 || params[4] > 18 || (uint32_t)initial * leverage < 10000 ||
      maintenance == 0 || maintenance > initial || params[5] != 0) {
    return ERR_INVALID_MARKET_PARAMS;
  }
  for (int off = 8; off <= 22; off += 2) {
    if (u16_at(params + off) > 10000) {
      return ERR_INVALID_MARKET_PARAMS;
    }
  }
  if (u16_at(params + PARAM_OFF_MAX_SPREAD_BPS) == 0 || u16_at(params + PARAM_OFF_BAND_BPS) == 0 ||
      (uint32_t)u16_at(params + PARAM_OFF_BAND_BPS) + maintenance > initial ||
      sol_read_u64(params + PARAM_OFF_STALENESS_MS) == 0) {
    return ERR_INVALID_MARKET_PARAMS;
  }
  return 0;
}

uint64_t process_create_market(SolParameters *p) {
  if (p->data_len != 2 + MARKET_PARAMS_SZ) {
    return ERR_INVALID_INSTRUCTION;
  }
  if (p->ka_num < 4) {
    return ERR_NOT_ENOUGH_ACCOUNTS;
  }
  SolAccountInfo *admin = &p->ka[0], *config = &p->ka[1], *market = &p->ka[2], *system = &p->ka[3];
  uint8_t bump = p->data[1];
  const uint8_t *params = p->data + 2;
  uint64_t err;
  if ((err = load_admin(admin, config, p->program_id)) || (err = check_writable(admin)) ||
      (err = check_writable(market)) || (err = check_program(system, &SYSTEM_PROGRAM_ID)) ||
      (err = check_market_params(params))) {
    return err;
  }
  const SolSignerSeed seeds[3] = {{SEED_MARKET, sizeof(SEED_MARKET) - 1}, {params + PARAM_OFF_ID, 4}, {&bump, 1}};
  if ((err = check_canonical_pda(market, seeds, 2, p->program_id, &bump))) {
    return err;
  }
  const SolSignerSeeds signer = {seeds, 3};
  if ((err = cpi_create_account(admin, market, MARKET_SZ, p->program_id, &signer))) {
    return err;
  }
  uint8_t *d = market->data;
  sol_write_u64(d + MARKET_OFF_DISCRIMINATOR, MARKET_DISCRIMINATOR);
  d[MARKET_OFF_VERSION] = ACCOUNT_VERSION;
  d[MARKET_OFF_BUMP] = bump;
  sol_copy(d + MARKET_OFF_PARAMS, params, MARKET_PARAMS_SZ);
  return 0;
}

uint64_t process_update_market(SolParameters *p) {
  if (p->data_len != 1 + MARKET_PARAMS_SZ) {
    return ERR_INVALID_INSTRUCTION;
  }
  if (p->ka_num < 3) {
    return ERR_NOT_ENOUGH_ACCOUNTS;
  }
  SolAccountInfo *admin = &p->ka[0], *config = &p->ka[1], *market = &p->ka[2];
  const uint8_t *params = p->data + 1;
  uint64_t err;
  if ((err = load_admin(admin, config, p->program_id)) || (err = check_writable(market)) ||
      (err = check_market_params(params))) {
    return err;
  }
  if (!sol_pubkey_eq(market->owner, p->program_id)) {
    return ERR_WRONG_ACCOUNT_OWNER;
  }
  if (market->data_len != MARKET_SZ || sol_read_u64(market->data) != MARKET_DISCRIMINATOR) {
    return ERR_WRONG_ACCOUNT_TYPE;
  }
  if (!sol_bytes_equal(market->data + MARKET_OFF_PARAMS + PARAM_OFF_ID, params + PARAM_OFF_ID, 4)) {
    return ERR_INVALID_MARKET_PARAMS; /* the id seeds the address: it never changes */
  }
  sol_copy(market->data + MARKET_OFF_PARAMS, params, MARKET_PARAMS_SZ);
  return 0;
}

uint64_t process_set_oracles(SolParameters *p) {
  if (p->data_len < 3) {
    return ERR_INVALID_INSTRUCTION;
  }
  const uint8_t threshold = p->data[1], count = p->data[2];
  if (p->data_len != 3 + (uint64_t)count * SOL_PUBKEY_SIZE) {
    return ERR_INVALID_INSTRUCTION;
  }
  if (p->ka_num < 2) {
    return ERR_NOT_ENOUGH_ACCOUNTS;
  }
  SolAccountInfo *admin = &p->ka[0], *config = &p->ka[1];
  uint64_t err;
  if ((err = load_admin(admin, config, p->program_id)) || (err = check_writable(config))) {
    return err;
  }
  if (count > CONFIG_MAX_ORACLES || threshold == 0 || threshold > count) {
    return ERR_INVALID_ORACLE_SET;
  }
  const uint8_t *keys = p->data + 3;
  for (int i = 0; i < count; i++) {
    for (int j = 0; j < i; j++) {
      if (sol_bytes_equal(keys + 32 * i, keys + 32 * j, SOL_PUBKEY_SIZE)) {
        return ERR_INVALID_ORACLE_SET;
      }
    }
  }
  uint8_t *d = config->data;
  uint64_t epoch;
  if (!sol_add_u64(sol_read_u64(d + CONFIG_OFF_ORACLE_EPOCH), 1, &epoch)) {
    return ERR_OVERFLOW;
  }
  sol_write_u64(d + CONFIG_OFF_ORACLE_EPOCH, epoch); /* every market's oracle slots start afresh */
  d[CONFIG_OFF_ORACLE_COUNT] = count;
  d[CONFIG_OFF_THRESHOLD] = threshold;
  for (int i = 0; i < CONFIG_MAX_ORACLES * SOL_PUBKEY_SIZE; i++) {
    d[CONFIG_OFF_ORACLES + i] = i < count * SOL_PUBKEY_SIZE ? keys[i] : 0;
  }
  return 0;
}

uint64_t process_set_paused(SolParameters *p) {
  if (p->data_len != 2 || p->data[1] > 1) {
    return ERR_INVALID_INSTRUCTION;
  }
  if (p->ka_num < 2) {
    return ERR_NOT_ENOUGH_ACCOUNTS;
  }
  SolAccountInfo *admin = &p->ka[0], *config = &p->ka[1];
  uint64_t err;
  if ((err = load_admin(admin, config, p->program_id))) {
    return err;
  }
  if (p->ka_num == 2) {
    if ((err = check_writable(config))) {
      return err;
    }
    config->data[CONFIG_OFF_PAUSED] = p->data[1];
    return 0;
  }
  SolAccountInfo *market = &p->ka[2];
  if ((err = check_writable(market))) {
    return err;
  }
  if (!sol_pubkey_eq(market->owner, p->program_id)) {
    return ERR_WRONG_ACCOUNT_OWNER;
  }
  if (market->data_len != MARKET_SZ || sol_read_u64(market->data) != MARKET_DISCRIMINATOR) {
    return ERR_WRONG_ACCOUNT_TYPE;
  }
  market->data[MARKET_OFF_PAUSED] = p->data[1];
  return 0;
}
