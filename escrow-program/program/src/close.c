/*
 * close_at_mark: the trader or the maker closes at the fresh oracle price and pays the taker fee.
 * close_mutual: CloseTerms signed by both (two Ed25519 precompile instructions over the same
 * consensus bytes, by the parties they name) close at the agreed price, without a fee, and only
 * when neither side loses more than its margin there: two keys of one person can move money
 * between themselves, never out of the insurance fund. Both settle funding first and share
 * positions.c's close_position.
 */
#include "escrow.h"
#include "perp_messages.h"

uint64_t process_close_at_mark(SolParameters *p) {
  if (p->data_len != 1) {
    return ERR_INVALID_INSTRUCTION;
  }
  if (p->ka_num < 6) {
    return ERR_NOT_ENOUGH_ACCOUNTS;
  }
  SolAccountInfo *closer = &p->ka[4], *config = &p->ka[5];
  OpenPosition o;
  uint64_t err;
  if ((err = load_open_position(p, &o)) || (err = check_signer(closer)) || (err = check_writable(config)) ||
      (err = load_config(config, p->program_id))) {
    return err;
  }
  const uint8_t *d = o.position->data;
  const int fee_payer = sol_bytes_equal(closer->key->x, d + POSITION_OFF_TRADER, 32)  ? 1
                        : sol_bytes_equal(closer->key->x, d + POSITION_OFF_MAKER, 32) ? 2
                                                                                       : 0;
  if (fee_payer == 0) {
    return ERR_NOT_A_PARTY;
  }
  const uint8_t *t = o.market->data + MARKET_OFF_PARAMS + PARAM_OFF_TAKER_BPS;
  const CloseFee fee = {fee_payer, (uint64_t)(t[0] | t[1] << 8), true, IX_CLOSE_AT_MARK};
  uint64_t taken, fees;
  if ((err = close_position(&o, config, &fee, o.oracle, &taken))) {
    return err;
  }
  if (!sol_add_u64(sol_read_u64(config->data + CONFIG_OFF_FEES), taken, &fees)) {
    return ERR_OVERFLOW;
  }
  sol_write_u64(config->data + CONFIG_OFF_FEES, fees);
  return 0;
}

uint64_t process_close_mutual(SolParameters *p) {
  if (p->data_len != 3) {
    return ERR_INVALID_INSTRUCTION;
  }
  if (p->ka_num < 6) {
    return ERR_NOT_ENOUGH_ACCOUNTS;
  }
  SolAccountInfo *sysvar = &p->ka[4], *config = &p->ka[5];
  OpenPosition o;
  uint64_t err;
  if ((err = load_open_position(p, &o)) || (err = check_instructions_sysvar(sysvar)) ||
      (err = check_writable(config)) || (err = load_config(config, p->program_id))) {
    return err;
  }
  SysvarInstruction ti, mi;
  const uint8_t *tk, *mk, *tm, *mm;
  uint64_t tl, ml;
  if ((err = load_instruction(sysvar, p->data[1], &ti)) || (err = precompile_message(&ti, &tk, &tm, &tl)) ||
      (err = load_instruction(sysvar, p->data[2], &mi)) || (err = precompile_message(&mi, &mk, &mm, &ml))) {
    return err;
  }
  PerpCloseTerms c;
  if (tl != ml || !sol_bytes_equal(tm, mm, tl) || perp_parse_close_terms(tm, tl, &c) != PERP_OK) {
    return ERR_BAD_CLOSE_TERMS;
  }
  const uint8_t *d = o.position->data;
  if (!sol_bytes_equal(tk, c.trader->x, 32) || !sol_bytes_equal(mk, c.maker->x, 32)) {
    return ERR_WRONG_SIGNER;
  }
  if (!sol_pubkey_eq(c.header.program, p->program_id)) {
    return ERR_WRONG_PROGRAM_BINDING;
  }
  if (!sol_bytes_equal(c.match_id, d + POSITION_OFF_MATCH_ID, 32) || !sol_bytes_equal(c.trader->x, d + POSITION_OFF_TRADER, 32) ||
      !sol_bytes_equal(c.maker->x, d + POSITION_OFF_MAKER, 32) || c.size != sol_read_u64(d + POSITION_OFF_SIZE) ||
      c.price == 0 || !sol_bytes_equal((const uint8_t *)&c.header.market, d + POSITION_OFF_MARKET, 4)) {
    return ERR_BAD_CLOSE_TERMS;
  }
  if (o.now_ms >= c.header.expiry_ms) {
    return ERR_EXPIRED;
  }
  const CloseFee none = {0, 0, false, IX_CLOSE_MUTUAL}; /* never drawn from the insurance fund */
  uint64_t taken;
  return close_position(&o, config, &none, c.price, &taken);
}
