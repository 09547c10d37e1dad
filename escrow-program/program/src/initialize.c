/*
 * initialize: creates the config PDA ["config"] and the vault PDA ["vault"], a USDC token
 * account whose authority is the config PDA. Runs once: a second call fails creating the
 * config account, which then already exists.
 */
#include "escrow.h"

static const uint8_t SEED_CONFIG[] = "config";
static const uint8_t SEED_VAULT[] = "vault";

uint64_t process_initialize(SolParameters *p) {
  if (p->data_len != 3) {
    return ERR_INVALID_INSTRUCTION;
  }
  if (p->ka_num < 6) {
    return ERR_NOT_ENOUGH_ACCOUNTS;
  }
  SolAccountInfo *admin = &p->ka[0], *config = &p->ka[1], *mint = &p->ka[2], *vault = &p->ka[3];
  SolAccountInfo *system = &p->ka[4], *token = &p->ka[5];
  const uint8_t config_bump = p->data[1], vault_bump = p->data[2];
  uint64_t err;
  if ((err = check_signer(admin)) || (err = check_writable(admin)) || (err = check_writable(config)) ||
      (err = check_writable(vault)) || (err = check_program(system, &SYSTEM_PROGRAM_ID)) ||
      (err = check_program(token, &TOKEN_PROGRAM_ID)) || (err = check_distinct(config, vault))) {
    return err;
  }
  if (!sol_pubkey_eq(mint->owner, &TOKEN_PROGRAM_ID) || mint->data_len != TOKEN_MINT_SZ ||
      mint->data[TOKEN_MINT_OFF_INITIALIZED] != 1) {
    return ERR_WRONG_MINT;
  }
  const SolSignerSeed config_seeds[2] = {{SEED_CONFIG, sizeof(SEED_CONFIG) - 1}, {&config_bump, 1}};
  const SolSignerSeed vault_seeds[2] = {{SEED_VAULT, sizeof(SEED_VAULT) - 1}, {&vault_bump, 1}};
  if ((err = check_pda(config, config_seeds, 2, p->program_id)) || (err = check_pda(vault, vault_seeds, 2, p->program_id))) {
    return err;
  }
  const SolSignerSeeds config_signer = {config_seeds, 2};
  const SolSignerSeeds vault_signer = {vault_seeds, 2};
  if ((err = cpi_create_account(admin, config, CONFIG_SZ, p->program_id, &config_signer)) ||
      (err = cpi_create_account(admin, vault, TOKEN_ACCOUNT_SZ, &TOKEN_PROGRAM_ID, &vault_signer)) ||
      (err = cpi_token_init_account(token, vault, mint, config->key))) {
    return err;
  }
  uint8_t *d = config->data;
  sol_write_u64(d + CONFIG_OFF_DISCRIMINATOR, CONFIG_DISCRIMINATOR);
  d[CONFIG_OFF_VERSION] = ACCOUNT_VERSION;
  d[CONFIG_OFF_BUMP] = config_bump;
  d[CONFIG_OFF_VAULT_BUMP] = vault_bump;
  d[CONFIG_OFF_PAUSED] = 0;
  sol_copy(d + CONFIG_OFF_ADMIN, admin->key->x, SOL_PUBKEY_SIZE);
  sol_copy(d + CONFIG_OFF_MINT, mint->key->x, SOL_PUBKEY_SIZE);
  sol_copy(d + CONFIG_OFF_VAULT, vault->key->x, SOL_PUBKEY_SIZE);
  return 0;
}
