/*
 * post_prices: anyone submits k-of-n PriceAttestations for one market. Each attestation is the
 * message of an Ed25519 precompile instruction in the same transaction (the runtime verified the
 * signature before this program runs); the instruction data names their indices. The program
 * reads them through the instructions sysvar, parses them with the consensus layout, checks
 * program, market, signer set, one per signer, expiry, staleness and clock skew, then stores the
 * median if the prices agree within the market's spread. A quorum older than the stored one is
 * refused, so a price cannot be rolled back.
 */
#include "escrow.h"
#include "perp_messages.h"

static bool is_oracle(const uint8_t *config, const uint8_t *key) {
  for (int i = 0; i < config[CONFIG_OFF_ORACLE_COUNT]; i++) {
    if (sol_bytes_equal(config + CONFIG_OFF_ORACLES + 32 * i, key, SOL_PUBKEY_SIZE)) {
      return true;
    }
  }
  return false;
}

/* a * b > c * d, exactly. */
static bool product_greater(uint64_t a, uint64_t b, uint64_t c, uint64_t d) {
  const sol_u128 x = sol_mul_u64(a, b), y = sol_mul_u64(c, d);
  return x.hi > y.hi || (x.hi == y.hi && x.lo > y.lo);
}

/* What the attestations agree on so far. */
typedef struct {
  uint64_t prices[CONFIG_MAX_ORACLES];
  const uint8_t *signers[CONFIG_MAX_ORACLES];
  int n;
  uint64_t oldest_ms;
} Quorum;

static uint64_t add_attestation(const SolParameters *p, const uint8_t *market, const uint8_t *config,
                                const PerpPriceAttestation *a, Quorum *q) {
  if (!sol_pubkey_eq(a->header.program, p->program_id)) {
    return ERR_WRONG_PROGRAM_BINDING;
  }
  if (!sol_bytes_equal((const uint8_t *)&a->header.market, market + MARKET_OFF_PARAMS + PARAM_OFF_ID, 4)) {
    return ERR_WRONG_MARKET;
  }
  if (!is_oracle(config, a->oracle->x)) {
    return ERR_UNKNOWN_ORACLE;
  }
  for (int i = 0; i < q->n; i++) {
    if (sol_bytes_equal(q->signers[i], a->oracle->x, SOL_PUBKEY_SIZE)) {
      return ERR_DUPLICATE_ORACLE;
    }
  }
  if (a->price == 0) {
    return ERR_BAD_ATTESTATION;
  }
  q->signers[q->n] = a->oracle->x;
  q->prices[q->n] = a->price;
  q->n++;
  if (a->publish_time_ms < q->oldest_ms) {
    q->oldest_ms = a->publish_time_ms;
  }
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
  if (count > CONFIG_MAX_ORACLES) {
    return ERR_INVALID_INSTRUCTION;
  }
  uint64_t now_ms;
  if ((err = clock_now_ms(&now_ms))) {
    return err;
  }
  const uint64_t staleness = sol_read_u64(market->data + MARKET_OFF_PARAMS + PARAM_OFF_STALENESS_MS);
  Quorum q = {.n = 0, .oldest_ms = UINT64_MAX};
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
    if ((err = add_attestation(p, market->data, config->data, &a, &q))) {
      return err;
    }
  }
  if (q.n == 0 || q.n < config->data[CONFIG_OFF_THRESHOLD]) {
    return ERR_INSUFFICIENT_QUORUM;
  }
  for (int i = 1; i < q.n; i++) { /* insertion sort of at most 10 prices */
    const uint64_t v = q.prices[i];
    int j = i - 1;
    while (j >= 0 && q.prices[j] > v) {
      q.prices[j + 1] = q.prices[j];
      j--;
    }
    q.prices[j + 1] = v;
  }
  const uint64_t n = (uint64_t)q.n; /* unsigned: the BPF target has no signed division */
  const uint64_t lo = q.prices[(n - 1) / 2], hi = q.prices[n / 2];
  const uint64_t median = lo + (hi - lo) / 2;
  const uint8_t *spread = market->data + MARKET_OFF_PARAMS + PARAM_OFF_MAX_SPREAD_BPS;
  const uint64_t max_spread = (uint64_t)(spread[0] | spread[1] << 8);
  if (product_greater(q.prices[q.n - 1] - q.prices[0], 10000, max_spread, median)) {
    return ERR_SPREAD_TOO_WIDE;
  }
  if (q.oldest_ms < sol_read_u64(market->data + MARKET_OFF_PRICE_TIME)) {
    return ERR_STALE_PRICE;
  }
  sol_write_u64(market->data + MARKET_OFF_PRICE, median);
  sol_write_u64(market->data + MARKET_OFF_PRICE_TIME, q.oldest_ms);
  return 0;
}
