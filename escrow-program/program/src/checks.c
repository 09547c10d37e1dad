/* Account checks shared by the handlers: validate before anything is changed. */
#include "escrow.h"

uint64_t check_signer(const SolAccountInfo *a) { return a->is_signer ? 0 : ERR_MISSING_SIGNATURE; }

uint64_t check_writable(const SolAccountInfo *a) { return a->is_writable ? 0 : ERR_NOT_WRITABLE; }

uint64_t check_program(const SolAccountInfo *a, const SolPubkey *id) {
  return sol_pubkey_eq(a->key, id) ? 0 : ERR_WRONG_PROGRAM;
}

uint64_t check_distinct(const SolAccountInfo *a, const SolAccountInfo *b) {
  return sol_pubkey_eq(a->key, b->key) ? ERR_DUPLICATE_ACCOUNT : 0;
}

/* Owned by this program, the config's size and discriminator. Only initialize creates one, at its PDA. */
uint64_t load_config(const SolAccountInfo *config, const SolPubkey *program_id) {
  if (!sol_pubkey_eq(config->owner, program_id)) {
    return ERR_WRONG_ACCOUNT_OWNER;
  }
  if (config->data_len != CONFIG_SZ || sol_read_u64(config->data + CONFIG_OFF_DISCRIMINATOR) != CONFIG_DISCRIMINATOR) {
    return ERR_WRONG_ACCOUNT_TYPE;
  }
  return config->data[CONFIG_OFF_PAUSED] ? ERR_PAUSED : 0;
}

/* Owned by this program, a margin account, and belonging to the signer. */
uint64_t load_margin(const SolAccountInfo *margin, const SolAccountInfo *owner, const SolPubkey *program_id) {
  if (!sol_pubkey_eq(margin->owner, program_id)) {
    return ERR_WRONG_ACCOUNT_OWNER;
  }
  if (margin->data_len != MARGIN_SZ || sol_read_u64(margin->data + MARGIN_OFF_DISCRIMINATOR) != MARGIN_DISCRIMINATOR) {
    return ERR_WRONG_ACCOUNT_TYPE;
  }
  if (!sol_bytes_equal(margin->data + MARGIN_OFF_OWNER, owner->key->x, SOL_PUBKEY_SIZE)) {
    return ERR_NOT_OWNER;
  }
  return 0;
}

uint64_t check_pda(const SolAccountInfo *a, const SolSignerSeed *seeds, int seeds_len, const SolPubkey *program_id) {
  SolPubkey derived;
  if (sol_create_program_address(seeds, seeds_len, program_id, &derived) != 0) {
    return ERR_INVALID_PDA;
  }
  return sol_pubkey_eq(a->key, &derived) ? 0 : ERR_INVALID_PDA;
}

uint64_t check_canonical_pda(const SolAccountInfo *a, const SolSignerSeed *seeds, int seeds_len,
                             const SolPubkey *program_id, uint8_t *bump) {
  const uint8_t given = *bump;
  SolPubkey canonical;
  if (sol_try_find_program_address(seeds, seeds_len, program_id, &canonical, bump) != 0) {
    return ERR_INVALID_PDA;
  }
  return sol_pubkey_eq(a->key, &canonical) && given == *bump ? 0 : ERR_INVALID_PDA;
}

/*
 * Rent-exempt minimum: (128 + data_len) * lamports_per_byte_year * 2. The threshold is 2.0 years
 * on every cluster; it is a float in the sysvar, which the program does not read (no soft float).
 */
uint64_t rent_exempt_minimum(uint64_t data_len, uint64_t *lamports) {
  uint8_t rent[24];
  if (sol_get_rent_sysvar(rent) != 0) {
    return ERR_OVERFLOW;
  }
  uint64_t bytes;
  uint64_t yearly;
  if (!sol_add_u64(128, data_len, &bytes) || !sol_checked_mul_u64(bytes, sol_read_u64(rent), &yearly) ||
      !sol_checked_mul_u64(yearly, 2, lamports)) {
    return ERR_OVERFLOW;
  }
  return 0;
}

uint64_t load_transfer(SolParameters *p, uint64_t vault_index, uint64_t counterparty_index, Transfer *t) {
  if (p->data_len != 9) {
    return ERR_INVALID_INSTRUCTION;
  }
  if (p->ka_num < 6) {
    return ERR_NOT_ENOUGH_ACCOUNTS;
  }
  t->owner = &p->ka[0];
  t->margin = &p->ka[1];
  t->config = &p->ka[2];
  t->vault = &p->ka[vault_index];
  t->counterparty = &p->ka[counterparty_index];
  t->token_program = &p->ka[5];
  t->amount = sol_read_u64(p->data + 1);
  uint64_t err;
  if ((err = check_signer(t->owner)) || (err = check_writable(t->margin)) || (err = check_writable(t->counterparty)) ||
      (err = check_writable(t->vault)) || (err = check_program(t->token_program, &TOKEN_PROGRAM_ID)) ||
      (err = load_config(t->config, p->program_id)) || (err = load_margin(t->margin, t->owner, p->program_id)) ||
      (err = check_distinct(t->counterparty, t->vault))) {
    return err;
  }
  if (!sol_bytes_equal(t->vault->key->x, t->config->data + CONFIG_OFF_VAULT, SOL_PUBKEY_SIZE)) {
    return ERR_WRONG_VAULT;
  }
  return t->amount == 0 ? ERR_ZERO_AMOUNT : 0;
}
