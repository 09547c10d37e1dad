/* Cross-program invocations: System CreateAccount (or Transfer, Allocate, Assign), SPL Token Transfer and InitializeAccount3. */
#include "escrow.h"

/*
 * Invokes with copies of the caller's account views and copies back what the runtime may change
 * in them: the callee can resize an account (CreateAccount), and the runtime writes the new
 * length into the view it was given. Lamports, owner and data live in the input buffer and are
 * updated in place.
 */
static uint64_t invoke(const SolInstruction *ix, SolAccountInfo *copies, SolAccountInfo **originals, int n,
                       const SolSignerSeeds *seeds) {
  const uint64_t err = sol_invoke_signed_c(ix, copies, n, seeds, seeds ? 1 : 0);
  for (int i = 0; i < n; i++) {
    originals[i]->data_len = copies[i].data_len;
  }
  return err;
}

/* A System program instruction over `n` accounts (the first is the payer or the created account). */
static uint64_t system_call(uint8_t *data, uint64_t len, SolAccountInfo **accounts, int n, const SolSignerSeeds *seeds) {
  SolAccountMeta metas[2];
  SolAccountInfo infos[2];
  for (int i = 0; i < n; i++) {
    metas[i] = (SolAccountMeta){accounts[i]->key, true, true};
    infos[i] = *accounts[i];
  }
  SolInstruction ix = {(SolPubkey *)&SYSTEM_PROGRAM_ID, metas, (uint64_t)n, data, len};
  return invoke(&ix, infos, accounts, n, seeds);
}

uint64_t cpi_create_account(SolAccountInfo *payer, SolAccountInfo *account, uint64_t space, const SolPubkey *owner,
                            const SolSignerSeeds *seeds) {
  if (!sol_pubkey_eq(account->owner, &SYSTEM_PROGRAM_ID) || account->data_len != 0) {
    return ERR_ACCOUNT_EXISTS;
  }
  uint64_t lamports;
  uint64_t err = rent_exempt_minimum(space, &lamports);
  if (err != 0) {
    return err;
  }
  SolAccountInfo *both[2] = {payer, account};
  SolAccountInfo *alone[1] = {account};
  if (*account->lamports == 0) {
    /* CreateAccount: u32 tag 0, u64 lamports, u64 space, 32-byte owner */
    uint8_t data[4 + 8 + 8 + 32] = {0};
    sol_write_u64(data + 4, lamports);
    sol_write_u64(data + 12, space);
    sol_copy(data + 20, owner->x, SOL_PUBKEY_SIZE);
    return system_call(data, sizeof(data), both, 2, seeds);
  }
  /* Lamports sent to the address beforehand: Transfer the rest (u32 tag 2, u64), Allocate (8, u64), Assign (1, key). */
  if (*account->lamports < lamports) {
    uint8_t transfer[4 + 8] = {2};
    sol_write_u64(transfer + 4, lamports - *account->lamports);
    if ((err = system_call(transfer, sizeof(transfer), both, 2, seeds))) {
      return err;
    }
  }
  uint8_t allocate[4 + 8] = {8};
  sol_write_u64(allocate + 4, space);
  uint8_t assign[4 + 32] = {1};
  sol_copy(assign + 4, owner->x, SOL_PUBKEY_SIZE);
  if ((err = system_call(allocate, sizeof(allocate), alone, 1, seeds))) {
    return err;
  }
  return system_call(assign, sizeof(assign), alone, 1, seeds);
}

uint64_t cpi_token_transfer(const TokenTransfer *t) {
  /* Token instruction 3 (Transfer): u8 tag, u64 amount */
  uint8_t data[9] = {3};
  sol_write_u64(data + 1, t->amount);
  SolAccountMeta metas[3] = {{t->source->key, true, false}, {t->destination->key, true, false},
                             {t->authority->key, false, true}};
  SolInstruction ix = {t->token_program->key, metas, 3, data, sizeof(data)};
  SolAccountInfo infos[3] = {*t->source, *t->destination, *t->authority};
  SolAccountInfo *originals[3] = {t->source, t->destination, t->authority};
  return invoke(&ix, infos, originals, 3, t->signer);
}

uint64_t cpi_token_init_account(SolAccountInfo *token_program, SolAccountInfo *account, SolAccountInfo *mint,
                                const SolPubkey *owner) {
  /* Token instruction 18 (InitializeAccount3): u8 tag, 32-byte owner */
  uint8_t data[33] = {18};
  sol_copy(data + 1, owner->x, SOL_PUBKEY_SIZE);
  SolAccountMeta metas[2] = {{account->key, true, false}, {mint->key, false, false}};
  SolInstruction ix = {token_program->key, metas, 2, data, sizeof(data)};
  SolAccountInfo infos[2] = {*account, *mint};
  SolAccountInfo *originals[2] = {account, mint};
  return invoke(&ix, infos, originals, 2, NULL);
}
