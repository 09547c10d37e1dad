/*
 * open_position: opens the position both parties agreed to. The transaction carries two Ed25519
 * precompile instructions over the same MatchTerms bytes, one by the trader and one by the maker
 * these bytes name. The program checks the binding (program, market), the expiry against the
 * Clock, a fresh oracle price and the price band around it, leverage, and each side's margin: at
 * least the initial margin plus what that side loses at once if the trade is marked at the oracle
 * (so no position opens already owing more than it holds). It then charges the taker fee to the
 * trader and the maker fee to the maker (to the fee treasury), locks each side's margin (isolated),
 * and creates the position at the PDA of the match id (SHA-256 of the terms) and the bump the
 * terms carry, which both parties signed: the same match can never open twice, nor elsewhere.
 */
#include "escrow.h"
#include "perp_messages.h"

static const uint8_t SEED_POSITION[] = "position";

static bool mul_div_up(uint64_t a, uint64_t b, uint64_t d, uint64_t *out) {
  return sol_div_u128(sol_mul_u64(a, b), d, true, out);
}

static uint16_t param16(const uint8_t *market, int offset) {
  const uint8_t *p = market + MARKET_OFF_PARAMS + offset;
  return (uint16_t)(p[0] | p[1] << 8);
}

/* The MatchTerms bytes signed by both parties named in them, through two precompile instructions. */
static uint64_t load_terms(const SolParameters *p, const SolAccountInfo *sysvar, PerpMatchTerms *t,
                           const uint8_t **bytes) {
  SysvarInstruction trader_ix, maker_ix;
  const uint8_t *trader_key, *maker_key, *trader_msg, *maker_msg;
  uint64_t trader_len, maker_len, err;
  if ((err = load_instruction(sysvar, p->data[2], &trader_ix)) ||
      (err = precompile_message(&trader_ix, &trader_key, &trader_msg, &trader_len)) ||
      (err = load_instruction(sysvar, p->data[3], &maker_ix)) ||
      (err = precompile_message(&maker_ix, &maker_key, &maker_msg, &maker_len))) {
    return err;
  }
  if (trader_len != maker_len || !sol_bytes_equal(trader_msg, maker_msg, trader_len)) {
    return ERR_WRONG_SIGNER;
  }
  if (perp_parse_match_terms(trader_msg, trader_len, t) != PERP_OK || sol_pubkey_eq(t->trader, t->maker)) {
    return ERR_BAD_TERMS;
  }
  if (!sol_bytes_equal(trader_key, t->trader->x, 32) || !sol_bytes_equal(maker_key, t->maker->x, 32)) {
    return ERR_WRONG_SIGNER;
  }
  *bytes = trader_msg;
  return 0;
}

/* A party's margin account: the program's, a margin account, owned by `party`, with free >= need. */
static uint64_t check_party(const SolAccountInfo *margin, const SolPubkey *party, const SolPubkey *program_id,
                            uint64_t need) {
  if (!sol_pubkey_eq(margin->owner, program_id)) {
    return ERR_WRONG_ACCOUNT_OWNER;
  }
  if (margin->data_len != MARGIN_SZ || sol_read_u64(margin->data) != MARGIN_DISCRIMINATOR) {
    return ERR_WRONG_ACCOUNT_TYPE;
  }
  if (!sol_bytes_equal(margin->data + MARGIN_OFF_OWNER, party->x, SOL_PUBKEY_SIZE)) {
    return ERR_NOT_OWNER;
  }
  return sol_read_u64(margin->data + MARGIN_OFF_FREE) >= need ? 0 : ERR_INSUFFICIENT_COLLATERAL;
}

/* free -= margin + fee; locked += margin; positions += 1, each checked. */
static uint64_t lock(SolAccountInfo *margin, uint64_t amount, uint64_t need) {
  uint8_t *d = margin->data;
  uint64_t free, locked, positions;
  if (!sol_sub_u64(sol_read_u64(d + MARGIN_OFF_FREE), need, &free)) {
    return ERR_INSUFFICIENT_COLLATERAL;
  }
  if (!sol_add_u64(sol_read_u64(d + MARGIN_OFF_LOCKED), amount, &locked) ||
      !sol_add_u64(sol_read_u64(d + MARGIN_OFF_POSITIONS), 1, &positions)) {
    return ERR_OVERFLOW;
  }
  sol_write_u64(d + MARGIN_OFF_FREE, free);
  sol_write_u64(d + MARGIN_OFF_LOCKED, locked);
  sol_write_u64(d + MARGIN_OFF_POSITIONS, positions);
  return 0;
}

/*
 * What the side that is long at `price` (long: true) loses at once when marked at `oracle`:
 * ceil(|price - oracle| x size / scale) if the oracle is on its losing side, else 0.
 */
static bool immediate_loss(bool long_side, uint64_t price, uint64_t oracle, uint64_t size, uint64_t scale,
                           uint64_t *loss) {
  const bool loses = long_side ? oracle < price : oracle > price;
  if (!loses) {
    *loss = 0;
    return true;
  }
  return mul_div_up(long_side ? price - oracle : oracle - price, size, scale, loss);
}

uint64_t process_open_position(SolParameters *p) {
  if (p->data_len != 4) {
    return ERR_INVALID_INSTRUCTION;
  }
  if (p->ka_num < 8) {
    return ERR_NOT_ENOUGH_ACCOUNTS;
  }
  SolAccountInfo *payer = &p->ka[0], *config = &p->ka[1], *market = &p->ka[2], *trader_m = &p->ka[3];
  SolAccountInfo *maker_m = &p->ka[4], *position = &p->ka[5], *sysvar = &p->ka[6], *system = &p->ka[7];
  uint64_t err;
  if ((err = check_signer(payer)) || (err = check_writable(payer)) || (err = check_writable(config)) ||
      (err = check_writable(trader_m)) || (err = check_writable(maker_m)) || (err = check_writable(position)) ||
      (err = check_program(system, &SYSTEM_PROGRAM_ID)) || (err = check_instructions_sysvar(sysvar)) ||
      (err = load_config(config, p->program_id)) || (err = check_distinct(trader_m, maker_m))) {
    return err;
  }
  if (!sol_pubkey_eq(market->owner, p->program_id)) {
    return ERR_WRONG_ACCOUNT_OWNER;
  }
  if (market->data_len != MARKET_SZ || sol_read_u64(market->data) != MARKET_DISCRIMINATOR) {
    return ERR_WRONG_ACCOUNT_TYPE;
  }
  if (market->data[MARKET_OFF_PAUSED]) {
    return ERR_PAUSED;
  }
  PerpMatchTerms t;
  const uint8_t *terms;
  if ((err = load_terms(p, sysvar, &t, &terms))) {
    return err;
  }
  if (!sol_pubkey_eq(t.header.program, p->program_id)) {
    return ERR_WRONG_PROGRAM_BINDING;
  }
  if (!sol_bytes_equal((const uint8_t *)&t.header.market, market->data + MARKET_OFF_PARAMS + PARAM_OFF_ID, 4)) {
    return ERR_WRONG_MARKET;
  }
  uint64_t now_ms, oracle;
  if ((err = clock_now_ms(&now_ms))) {
    return err;
  }
  if (now_ms >= t.header.expiry_ms) {
    return ERR_EXPIRED;
  }
  if ((err = fresh_oracle_price(market->data, now_ms, &oracle))) {
    return err;
  }
  const uint64_t diff = t.price > oracle ? t.price - oracle : oracle - t.price;
  const sol_u128 left = sol_mul_u64(diff, 10000), right = sol_mul_u64(param16(market->data, PARAM_OFF_BAND_BPS), oracle);
  if (left.hi > right.hi || (left.hi == right.hi && left.lo > right.lo)) {
    return ERR_PRICE_OUTSIDE_BAND;
  }
  if (t.leverage == 0 || t.leverage > param16(market->data, PARAM_OFF_MAX_LEVERAGE) || t.size == 0 || t.price == 0) {
    return ERR_LEVERAGE;
  }
  uint64_t scale = 1;
  for (int i = 0; i < market->data[MARKET_OFF_PARAMS + PARAM_OFF_BASE_DECIMALS]; i++) {
    scale *= 10;
  }
  const bool trader_long = t.side == 0;
  uint64_t notional, required, taker_fee, maker_fee, trader_need, maker_need, fees, trader_loss, maker_loss,
      trader_min, maker_min;
  if (!mul_div_up(t.size, t.price, scale, &notional) ||
      !immediate_loss(trader_long, t.price, oracle, t.size, scale, &trader_loss) ||
      !immediate_loss(!trader_long, t.price, oracle, t.size, scale, &maker_loss) ||
      !mul_div_up(notional, param16(market->data, PARAM_OFF_INITIAL_BPS), 10000, &required) ||
      !mul_div_up(notional, param16(market->data, PARAM_OFF_TAKER_BPS), 10000, &taker_fee) ||
      !mul_div_up(notional, param16(market->data, PARAM_OFF_MAKER_BPS), 10000, &maker_fee) ||
      !sol_add_u64(t.trader_margin, taker_fee, &trader_need) || !sol_add_u64(t.maker_margin, maker_fee, &maker_need) ||
      !sol_add_u64(taker_fee, maker_fee, &fees) ||
      !sol_add_u64(sol_read_u64(config->data + CONFIG_OFF_FEES), fees, &fees) ||
      !sol_add_u64(required, trader_loss, &trader_min) || !sol_add_u64(required, maker_loss, &maker_min)) {
    return ERR_OVERFLOW;
  }
  if (t.trader_margin < trader_min || t.maker_margin < maker_min) {
    return ERR_MARGIN_TOO_LOW;
  }
  if ((err = check_party(trader_m, t.trader, p->program_id, trader_need)) ||
      (err = check_party(maker_m, t.maker, p->program_id, maker_need))) {
    return err;
  }
  uint8_t match_id[32];
  const SolBytes hashed = {terms, PERP_MATCH_TERMS_SZ};
  sol_sha256(&hashed, 1, match_id);
  /* the address both parties signed: one derivation (not a search), and no other bump opens these terms */
  const uint8_t bump = t.position_bump;
  const SolSignerSeed seeds[3] = {{SEED_POSITION, sizeof(SEED_POSITION) - 1}, {match_id, 32}, {&bump, 1}};
  if (p->data[1] != bump || (err = check_pda(position, seeds, 3, p->program_id))) {
    return err ? err : ERR_INVALID_PDA;
  }
  const SolSignerSeeds signer = {seeds, 3};
  if ((err = cpi_create_account(payer, position, POSITION_SZ, p->program_id, &signer))) {
    return err; /* an existing position (the same match again): ERR_ACCOUNT_EXISTS */
  }
  if ((err = lock(trader_m, t.trader_margin, trader_need)) || (err = lock(maker_m, t.maker_margin, maker_need))) {
    return err;
  }
  sol_write_u64(config->data + CONFIG_OFF_FEES, fees);
  uint8_t *d = position->data;
  sol_write_u64(d, POSITION_DISCRIMINATOR);
  d[POSITION_OFF_VERSION] = ACCOUNT_VERSION;
  d[POSITION_OFF_BUMP] = bump;
  d[POSITION_OFF_SIDE] = t.side;
  sol_copy(d + POSITION_OFF_MARKET, market->data + MARKET_OFF_PARAMS + PARAM_OFF_ID, 4);
  sol_copy(d + POSITION_OFF_MATCH_ID, match_id, 32);
  sol_copy(d + POSITION_OFF_TRADER, t.trader->x, 32);
  sol_copy(d + POSITION_OFF_MAKER, t.maker->x, 32);
  sol_write_u64(d + POSITION_OFF_SIZE, t.size);
  sol_write_u64(d + POSITION_OFF_PRICE, t.price);
  sol_write_u64(d + POSITION_OFF_TRADER_MARGIN, t.trader_margin);
  sol_write_u64(d + POSITION_OFF_MAKER_MARGIN, t.maker_margin);
  sol_copy(d + POSITION_OFF_FUNDING, terms + 256, 4);
  sol_write_u64(d + POSITION_OFF_OPENED, now_ms);
  sol_write_u64(d + POSITION_OFF_FUNDED_UNTIL, now_ms);
  return 0;
}
