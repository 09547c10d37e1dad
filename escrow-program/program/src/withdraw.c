/*
 * withdraw: pays `amount` USDC of the owner's free collateral from the vault to a token account
 * of the owner's choice, signed by the config PDA (the vault's authority). Locked margin never
 * leaves this way.
 */
#include "escrow.h"

static const uint8_t SEED_CONFIG[] = "config";

uint64_t process_withdraw(SolParameters *p) {
  if (p->data_len != 9) {
    return ERR_INVALID_INSTRUCTION;
  }
  if (p->ka_num < 6) {
    return ERR_NOT_ENOUGH_ACCOUNTS;
  }
  SolAccountInfo *owner = &p->ka[0], *margin = &p->ka[1], *config = &p->ka[2], *vault = &p->ka[3];
  SolAccountInfo *destination = &p->ka[4], *token = &p->ka[5];
  const uint64_t amount = sol_read_u64(p->data + 1);
  uint64_t err;
  if ((err = check_signer(owner)) || (err = check_writable(margin)) || (err = check_writable(vault)) ||
      (err = check_writable(destination)) || (err = check_program(token, &TOKEN_PROGRAM_ID)) ||
      (err = load_config(config, p->program_id)) || (err = load_margin(margin, owner, p->program_id)) ||
      (err = check_distinct(destination, vault))) {
    return err;
  }
  if (!sol_bytes_equal(vault->key->x, config->data + CONFIG_OFF_VAULT, SOL_PUBKEY_SIZE)) {
    return ERR_WRONG_VAULT;
  }
  if (amount == 0) {
    return ERR_ZERO_AMOUNT;
  }
  uint64_t free_after;
  if (!sol_sub_u64(sol_read_u64(margin->data + MARGIN_OFF_FREE), amount, &free_after)) {
    return ERR_INSUFFICIENT_FREE;
  }
  const uint8_t bump = config->data[CONFIG_OFF_BUMP];
  const SolSignerSeed seeds[2] = {{SEED_CONFIG, sizeof(SEED_CONFIG) - 1}, {&bump, 1}};
  const SolSignerSeeds signer = {seeds, 2};
  const TokenTransfer transfer = {token, vault, destination, config, amount, &signer};
  if ((err = cpi_token_transfer(&transfer))) {
    return err;
  }
  sol_write_u64(margin->data + MARGIN_OFF_FREE, free_after);
  return 0;
}
