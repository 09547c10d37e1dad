/*
 * settle_funding: anyone accrues a position's negotiated funding up to now (positions.c,
 * accrue_funding) and moves it between the two sides' locked margins. Needs a fresh oracle (the
 * notional is at mark) and obeys the global pause (account 4, the config). Money only moves
 * between the two locked margins.
 */
#include "escrow.h"

uint64_t process_settle_funding(SolParameters *p) {
  if (p->data_len != 1) {
    return ERR_INVALID_INSTRUCTION;
  }
  if (p->ka_num < 5) {
    return ERR_NOT_ENOUGH_ACCOUNTS;
  }
  OpenPosition o;
  uint64_t err;
  if ((err = load_config(&p->ka[4], p->program_id)) || (err = load_open_position(p, &o))) {
    return err;
  }
  return accrue_funding(&o);
}
