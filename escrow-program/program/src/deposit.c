/*
 * deposit: moves `amount` USDC from the owner's token account into the vault (the owner signs
 * the token transfer) and credits the margin account's free collateral. The token program
 * refuses a source of another mint, so only USDC ever enters the vault.
 */
#include "escrow.h"

uint64_t process_deposit(SolParameters *p) {
  if (p->data_len != 9) {
    return ERR_INVALID_INSTRUCTION;
  }
  if (p->ka_num < 6) {
    return ERR_NOT_ENOUGH_ACCOUNTS;
  }
  SolAccountInfo *owner = &p->ka[0], *margin = &p->ka[1], *config = &p->ka[2], *source = &p->ka[3];
  SolAccountInfo *vault = &p->ka[4], *token = &p->ka[5];
  const uint64_t amount = sol_read_u64(p->data + 1);
  uint64_t err;
  if ((err = check_signer(owner)) || (err = check_writable(margin)) || (err = check_writable(source)) ||
      (err = check_writable(vault)) || (err = check_program(token, &TOKEN_PROGRAM_ID)) ||
      (err = load_config(config, p->program_id)) || (err = load_margin(margin, owner, p->program_id)) ||
      (err = check_distinct(source, vault))) {
    return err;
  }
  if (!sol_bytes_equal(vault->key->x, config->data + CONFIG_OFF_VAULT, SOL_PUBKEY_SIZE)) {
    return ERR_WRONG_VAULT;
  }
  if (amount == 0) {
    return ERR_ZERO_AMOUNT;
  }
  uint64_t free_after;
  uint64_t deposited_after;
  if (!sol_add_u64(sol_read_u64(margin->data + MARGIN_OFF_FREE), amount, &free_after) ||
      !sol_add_u64(sol_read_u64(margin->data + MARGIN_OFF_DEPOSITED), amount, &deposited_after)) {
    return ERR_OVERFLOW;
  }
  const TokenTransfer transfer = {token, source, vault, owner, amount, NULL};
  if ((err = cpi_token_transfer(&transfer))) {
    return err;
  }
  sol_write_u64(margin->data + MARGIN_OFF_FREE, free_after);
  sol_write_u64(margin->data + MARGIN_OFF_DEPOSITED, deposited_after);
  return 0;
}
