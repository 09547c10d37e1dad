/*
 * liquidate: anyone with a margin account closes a position at the fresh oracle price when a
 * side's equity there is below the maintenance margin:
 *   equity = the side's margin in the position (funding settled) + its PnL at mark (signed)
 *   maintenance = ceil(notional at mark x maintenanceMarginBps / 10,000)
 * The liquidated side pays the liquidation fee, ceil(notional at mark x liquidationFeeBps /
 * 10,000), out of what it has left: floor(fee x liquidatorShareBps / 10,000) goes to the
 * liquidator's free collateral, the rest to the insurance fund. A shortfall beyond the loser's
 * margin comes from the insurance fund and, beyond the fund, caps the winner's profit.
 */
#include "escrow.h"

static uint16_t param16(const uint8_t *market, int offset) {
  const uint8_t *p = market + MARKET_OFF_PARAMS + offset;
  return (uint16_t)(p[0] | p[1] << 8);
}

/* Is the side with margin `margin` and PnL (`pnl`, a gain if `gains`) below `maintenance`? */
static bool below(uint64_t margin, uint64_t pnl, bool gains, uint64_t maintenance) {
  if (gains) {
    uint64_t equity;
    return sol_add_u64(margin, pnl, &equity) && equity < maintenance;
  }
  return pnl > margin || margin - pnl < maintenance;
}

uint64_t process_liquidate(SolParameters *p) {
  if (p->data_len != 1) {
    return ERR_INVALID_INSTRUCTION;
  }
  if (p->ka_num < 7) {
    return ERR_NOT_ENOUGH_ACCOUNTS;
  }
  SolAccountInfo *liquidator = &p->ka[4], *liquidator_m = &p->ka[5], *config = &p->ka[6];
  OpenPosition o;
  uint64_t err;
  if ((err = load_open_position(p, &o)) || (err = check_signer(liquidator)) || (err = check_writable(liquidator_m)) ||
      (err = check_writable(config)) || (err = load_config(config, p->program_id)) ||
      (err = load_margin(liquidator_m, liquidator, p->program_id))) {
    return err;
  }
  if ((err = accrue_funding(&o))) {
    return err;
  }
  const uint8_t *d = o.position->data;
  bool trader_wins;
  const uint64_t pnl = position_pnl(&o, o.oracle, &trader_wins);
  uint64_t notional, maintenance;
  if (!sol_div_u128(sol_mul_u64(sol_read_u64(d + POSITION_OFF_SIZE), o.oracle), market_scale(o.market->data), true,
                    &notional) ||
      !sol_div_u128(sol_mul_u64(notional, param16(o.market->data, PARAM_OFF_MAINTENANCE_BPS)), 10000, true,
                    &maintenance)) {
    return ERR_OVERFLOW;
  }
  const bool trader_down = below(sol_read_u64(d + POSITION_OFF_TRADER_MARGIN), pnl, trader_wins, maintenance);
  const bool maker_down = below(sol_read_u64(d + POSITION_OFF_MAKER_MARGIN), pnl, !trader_wins, maintenance);
  if (!trader_down && !maker_down) {
    return ERR_NOT_LIQUIDATABLE;
  }
  const CloseFee fee = {trader_down ? 1 : 2, param16(o.market->data, PARAM_OFF_LIQUIDATION_FEE_BPS), true,
                         IX_LIQUIDATE};
  uint64_t taken, share, insurance, free_after;
  if ((err = close_position(&o, config, &fee, o.oracle, &taken))) {
    return err;
  }
  if (!sol_div_u128(sol_mul_u64(taken, param16(o.market->data, PARAM_OFF_LIQUIDATOR_SHARE_BPS)), 10000, false,
                    &share) ||
      !sol_add_u64(sol_read_u64(config->data + CONFIG_OFF_INSURANCE), taken - share, &insurance) ||
      !sol_add_u64(sol_read_u64(liquidator_m->data + MARGIN_OFF_FREE), share, &free_after)) {
    return ERR_OVERFLOW;
  }
  sol_write_u64(config->data + CONFIG_OFF_INSURANCE, insurance);
  sol_write_u64(liquidator_m->data + MARGIN_OFF_FREE, free_after);
  return 0;
}
