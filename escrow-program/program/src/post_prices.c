/*
 * post_prices: anyone submits PriceAttestations for one market. Each attestation is the message
 * of an Ed25519 precompile instruction in the same transaction (the runtime verified the signature
 * before this program runs); the instruction data names their indices. The program reads them
 * through the instructions sysvar, parses them with the consensus layout, checks program, market,
 * signer set, one per signer, expiry, staleness and clock skew, and keeps each one as its oracle's
 * latest price in the market account, where it must be newer than the one it replaces. The mark is
 * then the median of every oracle's latest price that is still fresh, at least k of them, if they
 * agree within the market's spread.
 *
 * Why no submitter can choose the price: the median is over all fresh prices on chain, not over
 * the submission, so leaving an attestation out leaves that oracle's previous fresh price in; a
 * slot only ever moves forward in time, so an older or repeated attestation is refused; and the
 * slots are emptied when the oracle set changes (the config's oracle epoch).
 */
#include "escrow.h"
#include "perp_messages.h"

/* a * b > c * d, exactly. */
static bool product_greater(uint64_t a, uint64_t b, uint64_t c, uint64_t d) {
  const sol_u128 x = sol_mul_u64(a, b), y = sol_mul_u64(c, d);
  return x.hi > y.hi || (x.hi == y.hi && x.lo > y.lo);
}

/* The size of the config's oracle set; set_oracles never stores more than CONFIG_MAX_ORACLES. */
static int oracle_count(const uint8_t *config) {
  const int n = config[CONFIG_OFF_ORACLE_COUNT];
  return n < CONFIG_MAX_ORACLES ? n : CONFIG_MAX_ORACLES;
}

/* The oracle's index in the config's set, or -1. */
static int oracle_index(const uint8_t *config, const uint8_t *key) {
  for (int i = 0; i < oracle_count(config); i++) {
    if (sol_bytes_equal(config + CONFIG_OFF_ORACLES + 32 * i, key, SOL_PUBKEY_SIZE)) {
      return i;
    }
  }
  return -1;
}

static uint64_t slot_price(const uint8_t *market, int i) {
  return sol_read_u64(market + MARKET_OFF_ORACLE_SLOTS + ORACLE_SLOT_SZ * i);
}

static uint64_t slot_time(const uint8_t *market, int i) {
  return sol_read_u64(market + MARKET_OFF_ORACLE_SLOTS + ORACLE_SLOT_SZ * i + 8);
}

/* Checks one attestation and stores it as its oracle's latest; `seen` marks the oracles of this submission. */
static uint64_t take_attestation(const SolParameters *p, uint8_t *market, const uint8_t *config,
                                 const PerpPriceAttestation *a, bool seen[CONFIG_MAX_ORACLES]) {
  if (!sol_pubkey_eq(a->header.program, p->program_id)) {
    return ERR_WRONG_PROGRAM_BINDING;
  }
  if (!sol_bytes_equal((const uint8_t *)&a->header.market, market + MARKET_OFF_PARAMS + PARAM_OFF_ID, 4)) {
    return ERR_WRONG_MARKET;
  }
  const int i = oracle_index(config, a->oracle->x);
  if (i < 0) {
    return ERR_UNKNOWN_ORACLE;
  }
  if (seen[i]) {
    return ERR_DUPLICATE_ORACLE;
  }
  if (a->price == 0) {
    return ERR_BAD_ATTESTATION;
  }
  if (a->publish_time_ms <= slot_time(market, i)) {
    return ERR_STALE_PRICE; /* not newer than this oracle's latest */
  }
  seen[i] = true;
  uint8_t *slot = market + MARKET_OFF_ORACLE_SLOTS + ORACLE_SLOT_SZ * i;
  sol_write_u64(slot, a->price);
  sol_write_u64(slot + 8, a->publish_time_ms);
  return 0;
}

uint64_t process_post_prices(SolParameters *p) {
  if (p->data_len < 2 || p->data_len != 2 + (uint64_t)p->data[1]) {
    return ERR_INVALID_INSTRUCTION;
  }
  if (p->ka_num < 3) {
    return ERR_NOT_ENOUGH_ACCOUNTS;
  }
  SolAccountInfo *market = &p->ka[0], *config = &p->ka[1], *sysvar = &p->ka[2];
  uint64_t err;
  if ((err = check_writable(market)) || (err = load_config(config, p->program_id))) {
    return err;
  }
  if (!sol_pubkey_eq(market->owner, p->program_id)) {
    return ERR_WRONG_ACCOUNT_OWNER;
  }
  if (market->data_len != MARKET_SZ || sol_read_u64(market->data) != MARKET_DISCRIMINATOR) {
    return ERR_WRONG_ACCOUNT_TYPE;
  }
  if ((err = check_instructions_sysvar(sysvar))) {
    return err;
  }
  const int count = p->data[1];
  if (count == 0 || count > CONFIG_MAX_ORACLES) {
    return ERR_INVALID_INSTRUCTION;
  }
  uint64_t now_ms;
  if ((err = clock_now_ms(&now_ms))) {
    return err;
  }
  uint8_t *m = market->data;
  const uint64_t staleness = sol_read_u64(m + MARKET_OFF_PARAMS + PARAM_OFF_STALENESS_MS);
  const uint64_t epoch = sol_read_u64(config->data + CONFIG_OFF_ORACLE_EPOCH);
  if (sol_read_u64(m + MARKET_OFF_ORACLE_EPOCH) != epoch) {
    for (int i = 0; i < CONFIG_MAX_ORACLES * ORACLE_SLOT_SZ; i++) {
      m[MARKET_OFF_ORACLE_SLOTS + i] = 0; /* another oracle set: its predecessors' prices no longer count */
    }
    sol_write_u64(m + MARKET_OFF_ORACLE_EPOCH, epoch);
  }
  bool seen[CONFIG_MAX_ORACLES] = {false};
  for (int i = 0; i < count; i++) {
    SysvarInstruction ix;
    const uint8_t *key;
    const uint8_t *msg;
    uint64_t msg_len;
    PerpPriceAttestation a;
    if ((err = load_instruction(sysvar, p->data[2 + i], &ix)) || (err = precompile_message(&ix, &key, &msg, &msg_len))) {
      return err;
    }
    if (perp_parse_price_attestation(msg, msg_len, &a) != PERP_OK || !sol_bytes_equal(key, a.oracle->x, 32)) {
      return ERR_BAD_ATTESTATION;
    }
    if (now_ms >= a.header.expiry_ms || (a.publish_time_ms < now_ms && now_ms - a.publish_time_ms > staleness)) {
      return ERR_STALE_PRICE;
    }
    if (a.publish_time_ms > now_ms && a.publish_time_ms - now_ms > ORACLE_MAX_FUTURE_MS) {
      return ERR_FUTURE_PRICE;
    }
    if ((err = take_attestation(p, m, config->data, &a, seen))) {
      return err;
    }
  }
  /* the mark: the median of every fresh latest price */
  uint64_t prices[CONFIG_MAX_ORACLES];
  int n = 0;
  uint64_t oldest_ms = UINT64_MAX;
  for (int i = 0; i < oracle_count(config->data); i++) {
    const uint64_t at = slot_time(m, i);
    if (at == 0 || (at < now_ms && now_ms - at > staleness)) {
      continue;
    }
    prices[n++] = slot_price(m, i);
    if (at < oldest_ms) {
      oldest_ms = at;
    }
  }
  if (n == 0 || n < config->data[CONFIG_OFF_THRESHOLD]) {
    return ERR_INSUFFICIENT_QUORUM;
  }
  for (int i = 1; i < n; i++) { /* insertion sort of at most 10 prices */
    const uint64_t v = prices[i];
    int j = i - 1;
    while (j >= 0 && prices[j] > v) {
      prices[j + 1] = prices[j];
      j--;
    }
    prices[j + 1] = v;
  }
  const uint64_t count_u = (uint64_t)n; /* unsigned: the BPF target has no signed division */
  const uint64_t lo = prices[(count_u - 1) / 2], hi = prices[count_u / 2];
  const uint64_t median = lo + (hi - lo) / 2;
  const uint8_t *spread = m + MARKET_OFF_PARAMS + PARAM_OFF_MAX_SPREAD_BPS;
  const uint64_t max_spread = (uint64_t)(spread[0] | spread[1] << 8);
  if (product_greater(prices[n - 1] - prices[0], 10000, max_spread, median)) {
    return ERR_SPREAD_TOO_WIDE;
  }
  sol_write_u64(m + MARKET_OFF_PRICE, median);
  sol_write_u64(m + MARKET_OFF_PRICE_TIME, oldest_ms);
  return 0;
}
