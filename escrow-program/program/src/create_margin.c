/* create_margin: creates the owner's one margin account at the canonical PDA ["margin", owner]; the owner pays rent. */
#include "escrow.h"

static const uint8_t SEED_MARGIN[] = "margin";

uint64_t process_create_margin(SolParameters *p) {
  if (p->data_len != 2) {
    return ERR_INVALID_INSTRUCTION;
  }
  if (p->ka_num < 3) {
    return ERR_NOT_ENOUGH_ACCOUNTS;
  }
  SolAccountInfo *owner = &p->ka[0], *margin = &p->ka[1], *system = &p->ka[2];
  uint8_t bump = p->data[1];
  uint64_t err;
  if ((err = check_signer(owner)) || (err = check_writable(owner)) || (err = check_writable(margin)) ||
      (err = check_program(system, &SYSTEM_PROGRAM_ID))) {
    return err;
  }
  const SolSignerSeed seeds[3] = {{SEED_MARGIN, sizeof(SEED_MARGIN) - 1}, {owner->key->x, SOL_PUBKEY_SIZE}, {&bump, 1}};
  if ((err = check_canonical_pda(margin, seeds, 2, p->program_id, &bump))) {
    return err;
  }
  const SolSignerSeeds signer = {seeds, 3};
  if ((err = cpi_create_account(owner, margin, MARGIN_SZ, p->program_id, &signer))) {
    return err;
  }
  uint8_t *d = margin->data;
  sol_write_u64(d + MARGIN_OFF_DISCRIMINATOR, MARGIN_DISCRIMINATOR);
  d[MARGIN_OFF_VERSION] = ACCOUNT_VERSION;
  d[MARGIN_OFF_BUMP] = bump;
  sol_copy(d + MARGIN_OFF_OWNER, owner->key->x, SOL_PUBKEY_SIZE);
  return 0;
}
