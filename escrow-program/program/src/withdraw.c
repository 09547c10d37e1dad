/*
 * withdraw: pays `amount` USDC of the owner's free collateral from the vault to a token account
 * of the owner's choice, signed by the config PDA (the vault's authority). Locked margin never
 * leaves this way.
 */
#include "escrow.h"

static const uint8_t SEED_CONFIG[] = "config";

uint64_t process_withdraw(SolParameters *p) {
  Transfer t;
  uint64_t err = load_transfer(p, 3, 4, &t);
  if (err) {
    return err;
  }
  uint64_t free_after;
  if (!sol_sub_u64(sol_read_u64(t.margin->data + MARGIN_OFF_FREE), t.amount, &free_after)) {
    return ERR_INSUFFICIENT_FREE;
  }
  const uint8_t bump = t.config->data[CONFIG_OFF_BUMP];
  const SolSignerSeed seeds[2] = {{SEED_CONFIG, sizeof(SEED_CONFIG) - 1}, {&bump, 1}};
  const SolSignerSeeds signer = {seeds, 2};
  const TokenTransfer transfer = {t.token_program, t.vault, t.counterparty, t.config, t.amount, &signer};
  if ((err = cpi_token_transfer(&transfer))) {
    return err;
  }
  sol_write_u64(t.margin->data + MARGIN_OFF_FREE, free_after);
  return 0;
}
