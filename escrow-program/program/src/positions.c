/*
 * Shared position logic: loading an open position with its market and margin accounts, accruing
 * funding, and closing at a price.
 *
 * Closing: funding is settled first. The trader's PnL is floor(|price - entry| x size /
 * 10^baseDecimals), positive when the price moved the trader's way. The loser pays it out of its
 * margin in the position; what its margin cannot cover is paid from the insurance fund and,
 * beyond the fund, the winner's profit is capped: money is never created. A closing fee is taken
 * from the fee payer's final amount. Both final amounts return to free collateral, and the
 * settlement is logged (escrow.h, LOG_TAG_CLOSE).
 */
#include "escrow.h"

uint64_t market_scale(const uint8_t *market) {
  uint64_t scale = 1;
  for (int i = 0; i < market[MARKET_OFF_PARAMS + PARAM_OFF_BASE_DECIMALS]; i++) {
    scale *= 10;
  }
  return scale;
}

uint64_t load_open_position(SolParameters *p, OpenPosition *o) {
  if (p->ka_num < 4) {
    return ERR_NOT_ENOUGH_ACCOUNTS;
  }
  o->position = &p->ka[0];
  o->market = &p->ka[1];
  o->trader_m = &p->ka[2];
  o->maker_m = &p->ka[3];
  uint64_t err;
  if ((err = check_writable(o->position)) || (err = check_writable(o->trader_m)) || (err = check_writable(o->maker_m)) ||
      (err = check_distinct(o->trader_m, o->maker_m))) {
    return err;
  }
  const SolAccountInfo *accounts[4] = {o->position, o->market, o->trader_m, o->maker_m};
  for (int i = 0; i < 4; i++) {
    if (!sol_pubkey_eq(accounts[i]->owner, p->program_id)) {
      return ERR_WRONG_ACCOUNT_OWNER;
    }
  }
  if (o->position->data_len != POSITION_SZ || sol_read_u64(o->position->data) != POSITION_DISCRIMINATOR ||
      o->market->data_len != MARKET_SZ || sol_read_u64(o->market->data) != MARKET_DISCRIMINATOR ||
      o->trader_m->data_len != MARGIN_SZ || sol_read_u64(o->trader_m->data) != MARGIN_DISCRIMINATOR ||
      o->maker_m->data_len != MARGIN_SZ || sol_read_u64(o->maker_m->data) != MARGIN_DISCRIMINATOR) {
    return ERR_WRONG_ACCOUNT_TYPE;
  }
  const uint8_t *d = o->position->data;
  if (d[POSITION_OFF_STATUS] != 0) {
    return ERR_POSITION_CLOSED;
  }
  if (!sol_bytes_equal(d + POSITION_OFF_MARKET, o->market->data + MARKET_OFF_PARAMS + PARAM_OFF_ID, 4) ||
      !sol_bytes_equal(d + POSITION_OFF_TRADER, o->trader_m->data + MARGIN_OFF_OWNER, 32) ||
      !sol_bytes_equal(d + POSITION_OFF_MAKER, o->maker_m->data + MARGIN_OFF_OWNER, 32)) {
    return ERR_WRONG_POSITION;
  }
  if ((err = clock_now_ms(&o->now_ms)) || (err = fresh_oracle_price(o->market->data, o->now_ms, &o->oracle))) {
    return err;
  }
  return 0;
}

/* Moves `amount` of locked margin between the sides, in the position and in the margin accounts, each checked. */
static uint64_t move_margin(OpenPosition *o, bool trader_pays, uint64_t amount) {
  uint8_t *d = o->position->data;
  const int from_off = trader_pays ? POSITION_OFF_TRADER_MARGIN : POSITION_OFF_MAKER_MARGIN;
  const int to_off = trader_pays ? POSITION_OFF_MAKER_MARGIN : POSITION_OFF_TRADER_MARGIN;
  SolAccountInfo *from_m = trader_pays ? o->trader_m : o->maker_m;
  SolAccountInfo *to_m = trader_pays ? o->maker_m : o->trader_m;
  uint64_t from, to, from_locked, to_locked;
  if (!sol_sub_u64(sol_read_u64(d + from_off), amount, &from) ||
      !sol_sub_u64(sol_read_u64(from_m->data + MARGIN_OFF_LOCKED), amount, &from_locked) ||
      !sol_add_u64(sol_read_u64(d + to_off), amount, &to) ||
      !sol_add_u64(sol_read_u64(to_m->data + MARGIN_OFF_LOCKED), amount, &to_locked)) {
    return ERR_OVERFLOW;
  }
  sol_write_u64(d + from_off, from);
  sol_write_u64(d + to_off, to);
  sol_write_u64(from_m->data + MARGIN_OFF_LOCKED, from_locked);
  sol_write_u64(to_m->data + MARGIN_OFF_LOCKED, to_locked);
  return 0;
}

/*
 * rate = the position's ppm per 8 h clamped to the market's cap (positive: trader pays); amount =
 * floor(floor(notional at mark x |rate| / 10^6) x elapsed / 8 h), at most the payer's margin.
 */
uint64_t accrue_funding(OpenPosition *o) {
  uint8_t *d = o->position->data;
  const uint64_t since = sol_read_u64(d + POSITION_OFF_FUNDED_UNTIL);
  if (o->now_ms <= since) {
    return 0;
  }
  const int32_t rate = (int32_t)(d[POSITION_OFF_FUNDING] | d[POSITION_OFF_FUNDING + 1] << 8 |
                                 d[POSITION_OFF_FUNDING + 2] << 16 | (uint32_t)d[POSITION_OFF_FUNDING + 3] << 24);
  const uint8_t *c = o->market->data + MARKET_OFF_PARAMS + PARAM_OFF_FUNDING_CAP_PPM;
  const uint64_t cap = (uint64_t)c[0] | (uint64_t)c[1] << 8 | (uint64_t)c[2] << 16 | (uint64_t)c[3] << 24;
  uint64_t magnitude = rate < 0 ? (uint64_t)(-(int64_t)rate) : (uint64_t)rate;
  if (magnitude > cap) {
    magnitude = cap;
  }
  uint64_t notional = 0, per_period = 0, amount = 0;
  if (!sol_div_u128(sol_mul_u64(sol_read_u64(d + POSITION_OFF_SIZE), o->oracle), market_scale(o->market->data), true,
                    &notional) ||
      !sol_div_u128(sol_mul_u64(notional, magnitude), 1000000, false, &per_period) ||
      !sol_div_u128(sol_mul_u64(per_period, o->now_ms - since), FUNDING_PERIOD_MS, false, &amount)) {
    amount = UINT64_MAX; /* beyond 64 bits: capped by the payer's margin below */
  }
  const bool trader_pays = rate > 0;
  const uint64_t available = sol_read_u64(d + (trader_pays ? POSITION_OFF_TRADER_MARGIN : POSITION_OFF_MAKER_MARGIN));
  const uint64_t err = move_margin(o, trader_pays, amount > available ? available : amount);
  if (err) {
    return err;
  }
  sol_write_u64(d + POSITION_OFF_FUNDED_UNTIL, o->now_ms);
  return 0;
}

/* Releases a side: locked -= its margin, free += final amount, positions -= 1, each checked. */
static uint64_t release(SolAccountInfo *m, uint64_t margin, uint64_t final_amount) {
  uint8_t *d = m->data;
  uint64_t locked, free, positions;
  if (!sol_sub_u64(sol_read_u64(d + MARGIN_OFF_LOCKED), margin, &locked) ||
      !sol_add_u64(sol_read_u64(d + MARGIN_OFF_FREE), final_amount, &free) ||
      !sol_sub_u64(sol_read_u64(d + MARGIN_OFF_POSITIONS), 1, &positions)) {
    return ERR_OVERFLOW;
  }
  sol_write_u64(d + MARGIN_OFF_LOCKED, locked);
  sol_write_u64(d + MARGIN_OFF_FREE, free);
  sol_write_u64(d + MARGIN_OFF_POSITIONS, positions);
  return 0;
}

uint64_t position_pnl(const OpenPosition *o, uint64_t price, bool *trader_wins) {
  const uint8_t *d = o->position->data;
  const uint64_t entry = sol_read_u64(d + POSITION_OFF_PRICE);
  *trader_wins = d[POSITION_OFF_SIDE] == 0 ? price > entry : price < entry;
  const uint64_t move = price > entry ? price - entry : entry - price;
  uint64_t pnl;
  if (!sol_div_u128(sol_mul_u64(move, sol_read_u64(d + POSITION_OFF_SIZE)), market_scale(o->market->data), false,
                    &pnl)) {
    pnl = UINT64_MAX;
  }
  return pnl;
}

uint64_t close_position(OpenPosition *o, SolAccountInfo *config, const CloseFee *close_fee, uint64_t price,
                        uint64_t *fee_taken) {
  uint64_t err = accrue_funding(o);
  if (err) {
    return err;
  }
  uint8_t *d = o->position->data;
  const uint64_t size = sol_read_u64(d + POSITION_OFF_SIZE);
  const uint64_t scale = market_scale(o->market->data);
  const uint64_t mt = sol_read_u64(d + POSITION_OFF_TRADER_MARGIN), mm = sol_read_u64(d + POSITION_OFF_MAKER_MARGIN);
  bool trader_wins;
  const uint64_t pnl = position_pnl(o, price, &trader_wins);
  uint64_t loser = trader_wins ? mm : mt, winner = trader_wins ? mt : mm;
  const uint64_t from_loser = pnl < loser ? pnl : loser;
  const uint64_t shortfall = pnl - from_loser;
  if (shortfall > 0 && !close_fee->insured) {
    return ERR_CLOSE_BEYOND_MARGIN;
  }
  const uint64_t insurance = sol_read_u64(config->data + CONFIG_OFF_INSURANCE);
  const uint64_t from_insurance = shortfall < insurance ? shortfall : insurance;
  loser -= from_loser;
  if (!sol_add_u64(winner, from_loser, &winner) || !sol_add_u64(winner, from_insurance, &winner)) {
    return ERR_OVERFLOW;
  }
  uint64_t final_t = trader_wins ? winner : loser, final_m = trader_wins ? loser : winner;
  uint64_t fee = 0;
  if (close_fee->payer != 0) {
    uint64_t notional;
    if (!sol_div_u128(sol_mul_u64(size, price), scale, true, &notional) ||
        !sol_div_u128(sol_mul_u64(notional, close_fee->bps), 10000, true, &fee)) {
      return ERR_OVERFLOW;
    }
    uint64_t *payer_final = close_fee->payer == 1 ? &final_t : &final_m;
    if (fee > *payer_final) {
      fee = *payer_final;
    }
    *payer_final -= fee;
  }
  if ((err = release(o->trader_m, mt, final_t)) || (err = release(o->maker_m, mm, final_m))) {
    return err;
  }
  sol_write_u64(config->data + CONFIG_OFF_INSURANCE, insurance - from_insurance);
  *fee_taken = fee;
  sol_log_64_(LOG_TAG_CLOSE | (trader_wins ? 1u : 0u) | (uint64_t)close_fee->payer << 1 |
                  (uint64_t)close_fee->instruction << 8,
              price, from_loser + from_insurance, fee, from_insurance);
  sol_log_64_(LOG_TAG_MARGINS, mt, mm, final_t, final_m);
  sol_write_u64(d + POSITION_OFF_TRADER_MARGIN, 0);
  sol_write_u64(d + POSITION_OFF_MAKER_MARGIN, 0);
  d[POSITION_OFF_STATUS] = 1;
  return 0;
}
