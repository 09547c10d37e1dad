/*
 * Is a 32-byte string the compressed form of a point on Ed25519? The test the runtime applies to
 * a program-derived address (which must be off the curve): the y-coordinate's x^2 = (y^2 - 1) /
 * (d y^2 + 1) must be a square mod p = 2^255 - 19 (Euler's criterion), as curve25519-dalek's
 * decompression decides it (the sign bit is ignored, y is taken mod p). Native builds only: no
 * library exposes this check without also demanding prime order. Field elements are four 64-bit
 * limbs, kept below 2^256 and reduced fully only for comparisons.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

typedef unsigned __int128 u128;
typedef struct {
  uint64_t v[4];
} Fe;

static const Fe P = {{0xffffffffffffffedull, 0xffffffffffffffffull, 0xffffffffffffffffull, 0x7fffffffffffffffull}};
static const Fe D = {{0x75eb4dca135978a3ull, 0x00700a4d4141d8abull, 0x8cc740797779e898ull, 0x52036cee2b6ffe73ull}};
static const uint8_t P_MINUS_2[32] = {0xeb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f};
static const uint8_t HALF_P_MINUS_1[32] = {0xf6, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                           0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                           0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x3f};

/* r = a + 38 * carry (2^256 = 38 mod p), carried until nothing is left above 2^256. */
static void fold(Fe *r, u128 carry) {
  while (carry) {
    u128 c = carry * 38;
    for (int i = 0; i < 4; i++) {
      c += r->v[i];
      r->v[i] = (uint64_t)c;
      c >>= 64;
    }
    carry = c;
  }
}

static Fe mul(const Fe *a, const Fe *b) {
  uint64_t t[8] = {0};
  for (int i = 0; i < 4; i++) {
    u128 c = 0;
    for (int j = 0; j < 4; j++) {
      c += (u128)a->v[i] * b->v[j] + t[i + j];
      t[i + j] = (uint64_t)c;
      c >>= 64;
    }
    t[i + 4] = (uint64_t)c;
  }
  Fe r;
  u128 c = 0;
  for (int i = 0; i < 4; i++) {
    c += (u128)t[4 + i] * 38 + t[i];
    r.v[i] = (uint64_t)c;
    c >>= 64;
  }
  fold(&r, c);
  return r;
}

static Fe add_small(const Fe *a, uint64_t k) {
  Fe r = *a;
  u128 c = k;
  for (int i = 0; i < 4; i++) {
    c += r.v[i];
    r.v[i] = (uint64_t)c;
    c >>= 64;
  }
  fold(&r, c);
  return r;
}

/* The value mod p, fully reduced. */
static Fe canonical(const Fe *a) {
  Fe r = *a;
  for (int round = 0; round < 3; round++) {
    bool below = false;
    for (int i = 3; i >= 0; i--) {
      if (r.v[i] != P.v[i]) {
        below = r.v[i] < P.v[i];
        break;
      }
    }
    if (below) {
      break;
    }
    u128 borrow = 0;
    for (int i = 0; i < 4; i++) {
      const u128 d = (u128)r.v[i] - P.v[i] - borrow;
      r.v[i] = (uint64_t)d;
      borrow = (d >> 64) & 1;
    }
  }
  return r;
}

static Fe power(const Fe *a, const uint8_t e[32]) {
  Fe r = {{1, 0, 0, 0}};
  for (int bit = 255; bit >= 0; bit--) {
    r = mul(&r, &r);
    if (e[bit / 8] >> (bit % 8) & 1) {
      r = mul(&r, a);
    }
  }
  return r;
}

static bool equals(const Fe *a, uint64_t k) {
  const Fe c = canonical(a);
  return c.v[0] == k && c.v[1] == 0 && c.v[2] == 0 && c.v[3] == 0;
}

/* y^2 - 1 mod p, for y^2 fully reduced. */
static Fe minus_one(const Fe *y2) {
  if (equals(y2, 0)) {
    return (Fe){{P.v[0] - 1, P.v[1], P.v[2], P.v[3]}};
  }
  Fe r = *y2;
  u128 borrow = 1;
  for (int i = 0; i < 4 && borrow; i++) {
    const u128 d = (u128)r.v[i] - borrow;
    r.v[i] = (uint64_t)d;
    borrow = (d >> 64) & 1;
  }
  return r;
}

bool perp_native_on_curve(const uint8_t bytes[32]) {
  Fe y;
  memcpy(y.v, bytes, 32);
  y.v[3] &= 0x7fffffffffffffffull; /* the sign of x */
  const Fe square = mul(&y, &y);
  const Fe y2 = canonical(&square);
  const Fe u = minus_one(&y2);
  if (equals(&u, 0)) {
    return true; /* x = 0 */
  }
  const Fe dy2 = mul(&D, &y2);
  const Fe v = add_small(&dy2, 1);
  const Fe v_inverse = power(&v, P_MINUS_2);
  const Fe ratio = mul(&u, &v_inverse);
  const Fe chi = power(&ratio, HALF_P_MINUS_1);
  return equals(&chi, 1);
}
