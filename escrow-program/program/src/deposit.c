/*
 * deposit: moves `amount` USDC from the owner's token account into the vault (the owner signs
 * the token transfer) and credits the margin account's free collateral. The token program
 * refuses a source of another mint, so only USDC ever enters the vault.
 */
#include "escrow.h"

uint64_t process_deposit(SolParameters *p) {
  Transfer t;
  uint64_t err = load_transfer(p, 4, 3, &t);
  if (err) {
    return err;
  }
  uint64_t free_after;
  uint64_t deposited_after;
  if (!sol_add_u64(sol_read_u64(t.margin->data + MARGIN_OFF_FREE), t.amount, &free_after) ||
      !sol_add_u64(sol_read_u64(t.margin->data + MARGIN_OFF_DEPOSITED), t.amount, &deposited_after)) {
    return ERR_OVERFLOW;
  }
  const TokenTransfer transfer = {t.token_program, t.counterparty, t.vault, t.owner, t.amount, NULL};
  if ((err = cpi_token_transfer(&transfer))) {
    return err;
  }
  sol_write_u64(t.margin->data + MARGIN_OFF_FREE, free_after);
  sol_write_u64(t.margin->data + MARGIN_OFF_DEPOSITED, deposited_after);
  return 0;
}
