/* The entrypoint: parse the input, dispatch on the instruction tag to one handler each. */
#include "escrow.h"
#include "perp_messages.h" /* compiled here with the BPF flags; used by the perpetual instructions */

const SolPubkey SYSTEM_PROGRAM_ID = {{0}};
const SolPubkey TOKEN_PROGRAM_ID = {{0x06, 0xdd, 0xf6, 0xe1, 0xd7, 0x65, 0xa1, 0x93, 0xd9, 0xcb, 0xe1, 0x46,
                                     0xce, 0xeb, 0x79, 0xac, 0x1c, 0xb4, 0x85, 0xed, 0x5f, 0x5b, 0x37, 0x91,
                                     0x3a, 0x8c, 0xf5, 0x85, 0x7e, 0xff, 0x00, 0xa9}};
const SolPubkey BPF_LOADER_UPGRADEABLE_ID = {{0x02, 0xa8, 0xf6, 0x91, 0x4e, 0x88, 0xa1, 0xb0, 0xe2, 0x10, 0x15, 0x3e,
                                              0xf7, 0x63, 0xae, 0x2b, 0x00, 0xc2, 0xb9, 0x3d, 0x16, 0xc1, 0x24, 0xd2,
                                              0xc0, 0x53, 0x7a, 0x10, 0x04, 0x80, 0x00, 0x00}};

uint64_t entrypoint(const uint8_t *input) {
  SolAccountInfo accounts[ESCROW_MAX_ACCOUNTS];
  SolParameters params = {.ka = accounts};
  if (!sol_deserialize(input, &params, ESCROW_MAX_ACCOUNTS)) {
    return ERR_TOO_MANY_ACCOUNTS;
  }
  if (params.data_len == 0) {
    return ERR_INVALID_INSTRUCTION;
  }
  switch (params.data[0]) {
    case IX_INITIALIZE:
      return process_initialize(&params);
    case IX_CREATE_MARGIN:
      return process_create_margin(&params);
    case IX_DEPOSIT:
      return process_deposit(&params);
    case IX_WITHDRAW:
      return process_withdraw(&params);
    case IX_CREATE_MARKET:
      return process_create_market(&params);
    case IX_UPDATE_MARKET:
      return process_update_market(&params);
    case IX_SET_ORACLES:
      return process_set_oracles(&params);
    case IX_POST_PRICES:
      return process_post_prices(&params);
    case IX_OPEN_POSITION:
      return process_open_position(&params);
    case IX_SETTLE_FUNDING:
      return process_settle_funding(&params);
    case IX_CLOSE_AT_MARK:
      return process_close_at_mark(&params);
    case IX_CLOSE_MUTUAL:
      return process_close_mutual(&params);
    case IX_LIQUIDATE:
      return process_liquidate(&params);
    case IX_SET_PAUSED:
      return process_set_paused(&params);
    default:
      return ERR_INVALID_INSTRUCTION;
  }
}
