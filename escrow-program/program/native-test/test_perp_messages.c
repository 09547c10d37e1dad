/*
 * The consensus module's vector file (consensus/vectors/messages-v1.json, written by the Java
 * code) read by the C parsers: every field of the match terms, close terms and price
 * attestations agrees with what Java wrote, and each kind of bad input gets the same reason as
 * in Java. The file is Jackson's pretty-printed JSON; the scanner below relies on that shape.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "perp_messages.h"

static int failures;
#define CHECK(cond, ...)                                   \
  do {                                                     \
    if (!(cond)) {                                         \
      fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
      fprintf(stderr, __VA_ARGS__);                        \
      fprintf(stderr, "\n");                               \
      failures++;                                          \
    }                                                      \
  } while (0)

static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "cannot open %s\n", path);
    exit(2);
  }
  fseek(f, 0, SEEK_END);
  const long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *text = malloc((size_t)n + 1);
  if (fread(text, 1, (size_t)n, f) != (size_t)n) {
    exit(2);
  }
  text[n] = 0;
  fclose(f);
  return text;
}

/* The message object named `name` inside "messages". */
static const char *message(const char *json, const char *name) {
  const char *messages = strstr(json, "\"messages\" : {");
  char key[64];
  snprintf(key, sizeof key, "\"%s\" : {", name);
  const char *at = messages ? strstr(messages, key) : NULL;
  if (!at) {
    fprintf(stderr, "no message %s in the vectors\n", name);
    exit(2);
  }
  return at;
}

/* The string value of the first `"key" : "..."` after `from`, copied into out. */
static const char *string_field(const char *from, const char *key, char *out, size_t cap) {
  char pattern[64];
  snprintf(pattern, sizeof pattern, "\"%s\" : \"", key);
  const char *at = strstr(from, pattern);
  if (!at) {
    fprintf(stderr, "no field %s\n", key);
    exit(2);
  }
  at += strlen(pattern);
  const char *end = strchr(at, '"');
  const size_t n = (size_t)(end - at) < cap - 1 ? (size_t)(end - at) : cap - 1;
  memcpy(out, at, n);
  out[n] = 0;
  return out;
}

static long long int_field(const char *from, const char *key) {
  char pattern[64];
  snprintf(pattern, sizeof pattern, "\"%s\" : ", key);
  const char *at = strstr(from, pattern);
  if (!at) {
    fprintf(stderr, "no field %s\n", key);
    exit(2);
  }
  at += strlen(pattern);
  if (*at == '"') {
    at++;
  }
  return strtoll(at, NULL, 10);
}

static uint64_t u64_field(const char *from, const char *key) {
  char text[32];
  return strtoull(string_field(from, key, text, sizeof text), NULL, 10);
}

static size_t hex_field(const char *from, const char *key, uint8_t *out, size_t cap) {
  static char text[4096];
  string_field(from, key, text, sizeof text);
  const size_t n = strlen(text) / 2;
  for (size_t i = 0; i < n && i < cap; i++) {
    unsigned byte;
    sscanf(text + 2 * i, "%2x", &byte);
    out[i] = (uint8_t)byte;
  }
  return n;
}

static int same_hex(const uint8_t *bytes, const char *from, const char *key) {
  uint8_t expected[64];
  const size_t n = hex_field(from, key, expected, sizeof expected);
  return n == 32 && memcmp(bytes, expected, 32) == 0;
}

static void check_header(const PerpHeader *h, const char *m) {
  CHECK(h->market == (uint32_t)int_field(m, "market"), "market");
  CHECK(same_hex(h->program->x, m, "program"), "program");
  CHECK(h->expiry_ms == u64_field(m, "expiryMs"), "expiry");
  CHECK(h->nonce == u64_field(m, "nonce"), "nonce");
}

static void match_terms(const char *json) {
  const char *m = message(json, "match");
  uint8_t b[400];
  const size_t n = hex_field(m, "signedBytes", b, sizeof b);
  PerpMatchTerms t;
  CHECK(perp_parse_match_terms(b, n, &t) == PERP_OK, "match terms parse");
  check_header(&t.header, m);
  CHECK(same_hex(t.trader->x, m, "trader"), "trader");
  CHECK(same_hex(t.maker->x, m, "maker"), "maker");
  CHECK(same_hex(t.intent_hash, m, "intentHash") && same_hex(t.quote_hash, m, "quoteHash") &&
            same_hex(t.accept_hash, m, "acceptHash"), "hashes");
  CHECK(t.price == u64_field(m, "price") && t.size == u64_field(m, "size"), "price and size");
  CHECK(t.trader_margin == u64_field(m, "traderMargin") && t.maker_margin == u64_field(m, "makerMargin"), "margins");
  CHECK(t.funding_ppm == (int32_t)int_field(m, "fundingPpm") && t.leverage == int_field(m, "leverage"), "funding, leverage");
  char side[16];
  CHECK(t.side == (strcmp(string_field(m, "side", side, sizeof side), "LONG") == 0 ? 0 : 1), "side");
  CHECK(t.position_bump == int_field(m, "positionBump"), "position bump");

  /* bad input: the same reasons as Java's decoder */
  PerpMatchTerms ignored;
  CHECK(perp_parse_match_terms(b, n - 1, &ignored) == PERP_TRUNCATED, "truncated");
  CHECK(perp_parse_match_terms(b, n + 1, &ignored) == PERP_OVERLONG, "overlong");
  uint8_t bad[400];
  memcpy(bad, b, n);
  bad[8] = 2;
  CHECK(perp_parse_match_terms(bad, n, &ignored) == PERP_UNSUPPORTED_VERSION, "version");
  memcpy(bad, b, n);
  bad[4] = 'X';
  CHECK(perp_parse_match_terms(bad, n, &ignored) == PERP_UNKNOWN_DOMAIN, "domain");
  memcpy(bad, b, n);
  bad[262] = 2;
  CHECK(perp_parse_match_terms(bad, n, &ignored) == PERP_INVALID_SIDE, "side");
  memcpy(bad, b, n);
  bad[263] = 7; /* any bump parses; the escrow checks the address it gives */
  CHECK(perp_parse_match_terms(bad, n, &ignored) == PERP_OK && ignored.position_bump == 7, "bump");
  memcpy(bad, b, n);
  bad[224 + 7] = 0x80;
  CHECK(perp_parse_match_terms(bad, n, &ignored) == PERP_VALUE_OUT_OF_RANGE, "amount range");
  uint8_t close[400];
  const size_t close_len = hex_field(message(json, "close"), "signedBytes", close, sizeof close);
  CHECK(perp_parse_match_terms(close, close_len, &ignored) == PERP_TRUNCATED, "close terms are not match terms");
}

static void close_terms(const char *json) {
  const char *m = message(json, "close");
  uint8_t b[400];
  const size_t n = hex_field(m, "signedBytes", b, sizeof b);
  PerpCloseTerms t;
  CHECK(perp_parse_close_terms(b, n, &t) == PERP_OK, "close terms parse");
  check_header(&t.header, m);
  CHECK(same_hex(t.match_id, m, "matchId"), "match id");
  CHECK(same_hex(t.trader->x, m, "trader") && same_hex(t.maker->x, m, "maker"), "parties");
  CHECK(t.price == u64_field(m, "price") && t.size == u64_field(m, "size"), "price and size");
  /* the close names the match by the match's hash, as Java computed it */
  char match_sha[80];
  char close_id[80];
  CHECK(strcmp(string_field(message(json, "match"), "sha256", match_sha, sizeof match_sha),
               string_field(m, "matchId", close_id, sizeof close_id)) == 0, "match id is the match's hash");
}

static void attestations(const char *json) {
  const char *names[] = {"attestation0", "attestation1", "attestation2"};
  for (int i = 0; i < 3; i++) {
    const char *m = message(json, names[i]);
    uint8_t b[400];
    const size_t n = hex_field(m, "signedBytes", b, sizeof b);
    PerpPriceAttestation t;
    CHECK(perp_parse_price_attestation(b, n, &t) == PERP_OK, "%s parse", names[i]);
    check_header(&t.header, m);
    CHECK(same_hex(t.oracle->x, m, "oracle"), "oracle");
    CHECK(t.price == u64_field(m, "price") && t.publish_time_ms == u64_field(m, "publishTimeMs"), "price, time");
  }
}

int main(int argc, char **argv) {
  char *json = read_file(argc > 1 ? argv[1] : "../../../consensus/vectors/messages-v1.json");
  CHECK(int_field(json, "layoutVersion") == PERP_VERSION, "layout version");
  match_terms(json);
  close_terms(json);
  attestations(json);
  free(json);
  if (failures) {
    fprintf(stderr, "%d failures\n", failures);
    return 1;
  }
  printf("consensus vectors in C: match terms, close terms, 3 attestations and 8 rejections agree with Java\n");
  return 0;
}
