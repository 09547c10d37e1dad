/*
 * settle_funding: anyone accrues a position's negotiated funding up to now and moves it between
 * the two sides' locked margins. rate = the position's ppm per 8 h, clamped to the market's cap;
 * positive: the trader pays the maker. amount = floor(floor(notional at mark x |rate| / 10^6) x
 * elapsed ms / 8 h), where notional at mark = ceil(size x oracle / 10^baseDecimals). The payer
 * pays at most its margin in the position (a deficit is left to liquidation). Needs a fresh
 * oracle. Money only moves between the two locked margins: the totals do not change.
 */
#include "escrow.h"

static uint64_t position_checks(const SolParameters *p, const SolAccountInfo *position, const SolAccountInfo *market,
                                const SolAccountInfo *trader_m, const SolAccountInfo *maker_m) {
  if (!sol_pubkey_eq(position->owner, p->program_id) || !sol_pubkey_eq(market->owner, p->program_id) ||
      !sol_pubkey_eq(trader_m->owner, p->program_id) || !sol_pubkey_eq(maker_m->owner, p->program_id)) {
    return ERR_WRONG_ACCOUNT_OWNER;
  }
  if (position->data_len != POSITION_SZ || sol_read_u64(position->data) != POSITION_DISCRIMINATOR ||
      market->data_len != MARKET_SZ || sol_read_u64(market->data) != MARKET_DISCRIMINATOR ||
      trader_m->data_len != MARGIN_SZ || sol_read_u64(trader_m->data) != MARGIN_DISCRIMINATOR ||
      maker_m->data_len != MARGIN_SZ || sol_read_u64(maker_m->data) != MARGIN_DISCRIMINATOR) {
    return ERR_WRONG_ACCOUNT_TYPE;
  }
  if (position->data[POSITION_OFF_STATUS] != 0) {
    return ERR_POSITION_CLOSED;
  }
  const uint8_t *d = position->data;
  if (!sol_bytes_equal(d + POSITION_OFF_MARKET, market->data + MARKET_OFF_PARAMS + PARAM_OFF_ID, 4) ||
      !sol_bytes_equal(d + POSITION_OFF_TRADER, trader_m->data + MARGIN_OFF_OWNER, 32) ||
      !sol_bytes_equal(d + POSITION_OFF_MAKER, maker_m->data + MARGIN_OFF_OWNER, 32)) {
    return ERR_WRONG_POSITION;
  }
  return 0;
}

/* Moves `amount` of locked margin between the sides, in the position and in the margin accounts. */
static void move_margin(uint8_t *position, bool trader_pays, SolAccountInfo *trader_m, SolAccountInfo *maker_m,
                        uint64_t amount) {
  const int from_off = trader_pays ? POSITION_OFF_TRADER_MARGIN : POSITION_OFF_MAKER_MARGIN;
  const int to_off = trader_pays ? POSITION_OFF_MAKER_MARGIN : POSITION_OFF_TRADER_MARGIN;
  SolAccountInfo *from_m = trader_pays ? trader_m : maker_m;
  SolAccountInfo *to_m = trader_pays ? maker_m : trader_m;
  sol_write_u64(position + from_off, sol_read_u64(position + from_off) - amount);
  sol_write_u64(position + to_off, sol_read_u64(position + to_off) + amount);
  sol_write_u64(from_m->data + MARGIN_OFF_LOCKED, sol_read_u64(from_m->data + MARGIN_OFF_LOCKED) - amount);
  sol_write_u64(to_m->data + MARGIN_OFF_LOCKED, sol_read_u64(to_m->data + MARGIN_OFF_LOCKED) + amount);
}

uint64_t process_settle_funding(SolParameters *p) {
  if (p->data_len != 1) {
    return ERR_INVALID_INSTRUCTION;
  }
  if (p->ka_num < 4) {
    return ERR_NOT_ENOUGH_ACCOUNTS;
  }
  SolAccountInfo *position = &p->ka[0], *market = &p->ka[1], *trader_m = &p->ka[2], *maker_m = &p->ka[3];
  uint64_t err;
  if ((err = check_writable(position)) || (err = check_writable(trader_m)) || (err = check_writable(maker_m)) ||
      (err = check_distinct(trader_m, maker_m)) || (err = position_checks(p, position, market, trader_m, maker_m))) {
    return err;
  }
  uint64_t now_ms, oracle;
  if ((err = clock_now_ms(&now_ms)) || (err = fresh_oracle_price(market->data, now_ms, &oracle))) {
    return err;
  }
  uint8_t *d = position->data;
  const uint64_t since = sol_read_u64(d + POSITION_OFF_FUNDED_UNTIL);
  if (now_ms <= since) {
    return 0;
  }
  const int32_t rate = (int32_t)(d[POSITION_OFF_FUNDING] | d[POSITION_OFF_FUNDING + 1] << 8 |
                                 d[POSITION_OFF_FUNDING + 2] << 16 | (uint32_t)d[POSITION_OFF_FUNDING + 3] << 24);
  const uint8_t *c = market->data + MARKET_OFF_PARAMS + PARAM_OFF_FUNDING_CAP_PPM;
  const uint64_t cap = (uint64_t)c[0] | (uint64_t)c[1] << 8 | (uint64_t)c[2] << 16 | (uint64_t)c[3] << 24;
  uint64_t magnitude = rate < 0 ? (uint64_t)(-(int64_t)rate) : (uint64_t)rate;
  if (magnitude > cap) {
    magnitude = cap;
  }
  uint64_t scale = 1;
  for (int i = 0; i < market->data[MARKET_OFF_PARAMS + PARAM_OFF_BASE_DECIMALS]; i++) {
    scale *= 10;
  }
  uint64_t notional, per_period, amount;
  if (!sol_div_u128(sol_mul_u64(sol_read_u64(d + POSITION_OFF_SIZE), oracle), scale, true, &notional) ||
      !sol_div_u128(sol_mul_u64(notional, magnitude), 1000000, false, &per_period) ||
      !sol_div_u128(sol_mul_u64(per_period, now_ms - since), FUNDING_PERIOD_MS, false, &amount)) {
    return ERR_OVERFLOW;
  }
  const bool trader_pays = rate > 0;
  const int payer_off = trader_pays ? POSITION_OFF_TRADER_MARGIN : POSITION_OFF_MAKER_MARGIN;
  const uint64_t available = sol_read_u64(d + payer_off);
  if (amount > available) {
    amount = available; /* the rest is a deficit for liquidation */
  }
  move_margin(d, trader_pays, trader_m, maker_m, amount);
  sol_write_u64(d + POSITION_OFF_FUNDED_UNTIL, now_ms);
  return 0;
}
