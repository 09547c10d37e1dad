/*
 * initialize: creates the config PDA ["config"] and the vault PDA ["vault"], a USDC token
 * account whose authority is the config PDA, both at their canonical bumps. Only the program's
 * upgrade authority may call it (read from the ProgramData account the upgradeable loader keeps),
 * so a stranger cannot take a fresh deployment. Runs once: a second call finds the config.
 */
#include "escrow.h"

static const uint8_t SEED_CONFIG[] = "config";
static const uint8_t SEED_VAULT[] = "vault";

/* Upgradeable loader states (bincode): u32 tag; Program = 2 then the ProgramData address; ProgramData = 3 then
 * u64 slot, u8 option, the upgrade authority. */
#define LOADER_PROGRAM 2
#define LOADER_PROGRAM_DATA 3
#define LOADER_PROGRAM_SZ 36
#define PROGRAM_DATA_OFF_AUTHORITY_OPTION 12
#define PROGRAM_DATA_OFF_AUTHORITY 13

static uint32_t u32_at(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

/* `admin` is the upgrade authority of this program, as its ProgramData account says. */
static uint64_t check_upgrade_authority(const SolParameters *p, const SolAccountInfo *program,
                                        const SolAccountInfo *program_data, const SolAccountInfo *admin) {
  if (!sol_pubkey_eq(program->key, p->program_id) || !sol_pubkey_eq(program->owner, &BPF_LOADER_UPGRADEABLE_ID) ||
      program->data_len < LOADER_PROGRAM_SZ || u32_at(program->data) != LOADER_PROGRAM ||
      !sol_bytes_equal(program->data + 4, program_data->key->x, SOL_PUBKEY_SIZE)) {
    return ERR_NOT_UPGRADE_AUTHORITY;
  }
  if (!sol_pubkey_eq(program_data->owner, &BPF_LOADER_UPGRADEABLE_ID) ||
      program_data->data_len < PROGRAM_DATA_OFF_AUTHORITY + SOL_PUBKEY_SIZE ||
      u32_at(program_data->data) != LOADER_PROGRAM_DATA || program_data->data[PROGRAM_DATA_OFF_AUTHORITY_OPTION] != 1 ||
      !sol_bytes_equal(program_data->data + PROGRAM_DATA_OFF_AUTHORITY, admin->key->x, SOL_PUBKEY_SIZE)) {
    return ERR_NOT_UPGRADE_AUTHORITY;
  }
  return 0;
}

uint64_t process_initialize(SolParameters *p) {
  if (p->data_len != 3) {
    return ERR_INVALID_INSTRUCTION;
  }
  if (p->ka_num < 8) {
    return ERR_NOT_ENOUGH_ACCOUNTS;
  }
  SolAccountInfo *admin = &p->ka[0], *config = &p->ka[1], *mint = &p->ka[2], *vault = &p->ka[3];
  SolAccountInfo *system = &p->ka[4], *token = &p->ka[5], *program = &p->ka[6], *program_data = &p->ka[7];
  uint8_t config_bump = p->data[1], vault_bump = p->data[2];
  uint64_t err;
  if ((err = check_signer(admin)) || (err = check_writable(admin)) || (err = check_writable(config)) ||
      (err = check_writable(vault)) || (err = check_program(system, &SYSTEM_PROGRAM_ID)) ||
      (err = check_program(token, &TOKEN_PROGRAM_ID)) || (err = check_distinct(config, vault)) ||
      (err = check_upgrade_authority(p, program, program_data, admin))) {
    return err;
  }
  if (!sol_pubkey_eq(mint->owner, &TOKEN_PROGRAM_ID) || mint->data_len != TOKEN_MINT_SZ ||
      mint->data[TOKEN_MINT_OFF_INITIALIZED] != 1) {
    return ERR_WRONG_MINT;
  }
  const SolSignerSeed config_seeds[2] = {{SEED_CONFIG, sizeof(SEED_CONFIG) - 1}, {&config_bump, 1}};
  const SolSignerSeed vault_seeds[2] = {{SEED_VAULT, sizeof(SEED_VAULT) - 1}, {&vault_bump, 1}};
  if ((err = check_canonical_pda(config, config_seeds, 1, p->program_id, &config_bump)) ||
      (err = check_canonical_pda(vault, vault_seeds, 1, p->program_id, &vault_bump))) {
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
