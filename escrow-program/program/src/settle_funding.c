/*
 * settle_funding: anyone accrues a position's negotiated funding up to now (positions.c,
 * accrue_funding) and moves it between the two sides' locked margins. Needs a fresh oracle (the
 * notional is at mark). Money only moves between the two locked margins.
 */
#include "escrow.h"

uint64_t process_settle_funding(SolParameters *p) {
  if (p->data_len != 1) {
    return ERR_INVALID_INSTRUCTION;
  }
  OpenPosition o;
  const uint64_t err = load_open_position(p, &o);
  if (err) {
    return err;
  }
  accrue_funding(&o);
  return 0;
}
