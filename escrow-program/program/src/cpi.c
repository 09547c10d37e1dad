/* Cross-program invocations: System CreateAccount, SPL Token Transfer and InitializeAccount3. */
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

uint64_t cpi_create_account(SolAccountInfo *payer, SolAccountInfo *account, uint64_t space, const SolPubkey *owner,
                            const SolSignerSeeds *seeds) {
  uint64_t lamports;
  const uint64_t err = rent_exempt_minimum(space, &lamports);
  if (err != 0) {
    return err;
  }
  /* System instruction 0 (CreateAccount): u32 tag, u64 lamports, u64 space, 32-byte owner */
  uint8_t data[4 + 8 + 8 + 32] = {0};
  sol_write_u64(data + 4, lamports);
  sol_write_u64(data + 12, space);
  sol_copy(data + 20, owner->x, SOL_PUBKEY_SIZE);
  SolAccountMeta metas[2] = {{payer->key, true, true}, {account->key, true, true}};
  SolInstruction ix = {(SolPubkey *)&SYSTEM_PROGRAM_ID, metas, 2, data, sizeof(data)};
  SolAccountInfo infos[2] = {*payer, *account};
  SolAccountInfo *originals[2] = {payer, account};
  return invoke(&ix, infos, originals, 2, seeds);
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
