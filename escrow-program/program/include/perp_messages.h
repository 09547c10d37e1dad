/*
 * perp_messages.h: the consensus module's signed layouts that the escrow verifies (layout
 * version 1; byte-by-byte specification in consensus/README.md). The program receives these exact
 * bytes, checks them against the Ed25519 precompile instructions, and reads them here.
 *
 * Parsing is strict, as in Java (io.perpnet.consensus.message): exact length, domain tag,
 * version 1, zero reserved bytes, amounts at most 2^63 - 1, side 0 or 1. Each parser returns 0 or
 * the reason, and fills its struct only on success.
 */
#ifndef PERP_MESSAGES_H
#define PERP_MESSAGES_H

#include "sol.h"

#define PERP_HEADER_SZ 64
#define PERP_MATCH_TERMS_SZ 264
#define PERP_CLOSE_TERMS_SZ 176
#define PERP_PRICE_ATTESTATION_SZ 112
#define PERP_VERSION 1

/* Reasons, numbered as io.perpnet.consensus.validation.Rejection. */
enum {
  PERP_OK = 0,
  PERP_TRUNCATED = 1,
  PERP_OVERLONG = 2,
  PERP_UNKNOWN_DOMAIN = 3,
  PERP_UNSUPPORTED_VERSION = 4,
  PERP_NONZERO_RESERVED = 5,
  PERP_VALUE_OUT_OF_RANGE = 7,
  PERP_INVALID_SIDE = 8,
};

/* The common header: domain(8) version u32 market u32 program(32) expiry_ms u64 nonce u64. */
typedef struct {
  uint32_t market;
  const SolPubkey *program;
  uint64_t expiry_ms;
  uint64_t nonce;
} PerpHeader;

typedef struct {
  PerpHeader header;
  const SolPubkey *trader;
  const SolPubkey *maker;
  const uint8_t *intent_hash; /* 32 bytes */
  const uint8_t *quote_hash;
  const uint8_t *accept_hash;
  uint64_t price;
  uint64_t size;
  uint64_t trader_margin;
  uint64_t maker_margin;
  int32_t funding_ppm;
  uint16_t leverage;
  uint8_t side; /* the trader's: 0 long, 1 short */
  uint8_t position_bump; /* the position's PDA is ["position", match id, position_bump] */
} PerpMatchTerms;

typedef struct {
  PerpHeader header;
  const uint8_t *match_id; /* 32 bytes: SHA-256 of the MatchTerms bytes */
  const SolPubkey *trader;
  const SolPubkey *maker;
  uint64_t price;
  uint64_t size;
} PerpCloseTerms;

typedef struct {
  PerpHeader header;
  const SolPubkey *oracle;
  uint64_t price;
  uint64_t publish_time_ms;
} PerpPriceAttestation;

static inline uint32_t perp_u32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t perp_check(const uint8_t *b, uint64_t len, uint64_t expected, const char domain[8]) {
  if (len < expected) {
    return PERP_TRUNCATED;
  }
  if (len > expected) {
    return PERP_OVERLONG;
  }
  if (!sol_bytes_equal(b, (const uint8_t *)domain, 8)) {
    return PERP_UNKNOWN_DOMAIN;
  }
  if (perp_u32(b + 8) != PERP_VERSION) {
    return PERP_UNSUPPORTED_VERSION;
  }
  return PERP_OK;
}

/* An amount field: a u64 limited to 2^63 - 1. */
static inline bool perp_amount(const uint8_t *p, uint64_t *out) {
  const uint64_t v = sol_read_u64(p);
  if (v >> 63) {
    return false;
  }
  *out = v;
  return true;
}

static inline uint64_t perp_header(const uint8_t *b, PerpHeader *h) {
  h->market = perp_u32(b + 12);
  h->program = (const SolPubkey *)(b + 16);
  if (!perp_amount(b + 48, &h->expiry_ms) || !perp_amount(b + 56, &h->nonce)) {
    return PERP_VALUE_OUT_OF_RANGE;
  }
  return PERP_OK;
}

static inline uint64_t perp_parse_match_terms(const uint8_t *b, uint64_t len, PerpMatchTerms *m) {
  uint64_t err = perp_check(b, len, PERP_MATCH_TERMS_SZ, "PERPMTCH");
  PerpMatchTerms t;
  if (err || (err = perp_header(b, &t.header))) {
    return err;
  }
  t.trader = (const SolPubkey *)(b + 64);
  t.maker = (const SolPubkey *)(b + 96);
  t.intent_hash = b + 128;
  t.quote_hash = b + 160;
  t.accept_hash = b + 192;
  if (!perp_amount(b + 224, &t.price) || !perp_amount(b + 232, &t.size) || !perp_amount(b + 240, &t.trader_margin) ||
      !perp_amount(b + 248, &t.maker_margin)) {
    return PERP_VALUE_OUT_OF_RANGE;
  }
  t.funding_ppm = (int32_t)perp_u32(b + 256);
  t.leverage = (uint16_t)(b[260] | b[261] << 8);
  t.side = b[262];
  if (t.side > 1) {
    return PERP_INVALID_SIDE;
  }
  t.position_bump = b[263];
  *m = t;
  return PERP_OK;
}

static inline uint64_t perp_parse_close_terms(const uint8_t *b, uint64_t len, PerpCloseTerms *c) {
  uint64_t err = perp_check(b, len, PERP_CLOSE_TERMS_SZ, "PERPCLOS");
  PerpCloseTerms t;
  if (err || (err = perp_header(b, &t.header))) {
    return err;
  }
  t.match_id = b + 64;
  t.trader = (const SolPubkey *)(b + 96);
  t.maker = (const SolPubkey *)(b + 128);
  if (!perp_amount(b + 160, &t.price) || !perp_amount(b + 168, &t.size)) {
    return PERP_VALUE_OUT_OF_RANGE;
  }
  *c = t;
  return PERP_OK;
}

static inline uint64_t perp_parse_price_attestation(const uint8_t *b, uint64_t len, PerpPriceAttestation *a) {
  uint64_t err = perp_check(b, len, PERP_PRICE_ATTESTATION_SZ, "PERPPRIC");
  PerpPriceAttestation t;
  if (err || (err = perp_header(b, &t.header))) {
    return err;
  }
  t.oracle = (const SolPubkey *)(b + 64);
  if (!perp_amount(b + 96, &t.price) || !perp_amount(b + 104, &t.publish_time_ms)) {
    return PERP_VALUE_OUT_OF_RANGE;
  }
  *a = t;
  return PERP_OK;
}

#endif
