/*
 * escrow.h: the escrow program's contract: instruction tags and data, account layouts, PDA
 * seeds and error codes. The Java client mirrors this file; layouts and error numbers only ever
 * grow (new fields take reserved bytes, new errors take new numbers).
 *
 * Fixed point: USDC amounts are u64 in USDC base units (10^-6 USDC). All integers little-endian.
 *
 * PDAs (program-derived addresses of this program), each created at its canonical bump only (the
 * highest bump that derives an address, found with sol_try_find_program_address; a bump in the
 * instruction data must be that one), so each exists at most once per seeds:
 *   config          ["config"]            bump stored in the config account; exactly one per deployment
 *   vault           ["vault"]             the USDC token account; its owner (authority) is the config PDA
 *   margin account  ["margin", owner]     one per agent
 *   market          ["market", u32 id]    one per market id
 *   position        ["position", match id] one per match, at the bump the MatchTerms carry (both parties
 *                   sign it; the match id hashes it), so one pair of signatures names one address
 * Accounts of this program are written only by it, so an account it owns with a type's size and
 * discriminator is that type's one account for its seeds (SECURITY.md).
 */
#ifndef PERP_ESCROW_H
#define PERP_ESCROW_H

#include "sol.h"

/* ---- instructions: data = u8 tag, then the fields below ---- */
enum {
  IX_INITIALIZE = 0,      /* u8 config_bump, u8 vault_bump                        (3 bytes)  */
  IX_CREATE_MARGIN = 1,   /* u8 margin_bump                                       (2 bytes)  */
  IX_DEPOSIT = 2,         /* u64 amount                                           (9 bytes)  */
  IX_WITHDRAW = 3,        /* u64 amount                                           (9 bytes)  */
  IX_CREATE_MARKET = 4,   /* u8 bump, MarketParams                                (2 + 64 bytes) */
  IX_UPDATE_MARKET = 5,   /* MarketParams                                         (1 + 64 bytes) */
  IX_SET_ORACLES = 6,     /* u8 threshold, u8 count, count x 32-byte keys         (3 + 32n bytes) */
  IX_POST_PRICES = 7,     /* u8 count, count x u8 index of an Ed25519 precompile instruction */
  IX_OPEN_POSITION = 8,   /* u8 position bump (= the MatchTerms' positionBump), u8 trader and u8 maker precompile index */
  IX_SETTLE_FUNDING = 9,  /* no fields; obeys the global pause                     (1 byte)   */
  IX_CLOSE_AT_MARK = 10,  /* no fields                                            (1 byte)   */
  IX_CLOSE_MUTUAL = 11,   /* u8 trader precompile index, u8 maker precompile index (3 bytes) */
  IX_LIQUIDATE = 12,      /* no fields                                            (1 byte)   */
  IX_SET_PAUSED = 13,     /* u8 paused (0/1); a market account pauses that market, else everything (2 bytes) */
};
/*
 * MarketParams (64 bytes, in create_market and update_market data and at offset 16 of a market):
 *   0  u32 market id (the consensus messages' market; PDA seed)   4  u8 base decimals
 *   5  u8 reserved   6 u16 max leverage   8 u16 initial margin bps   10 u16 maintenance margin bps
 *  12 u16 taker fee bps   14 u16 maker fee bps   16 u16 liquidation fee bps   18 u16 liquidator share bps
 *  20 u16 max oracle spread bps   22 u16 price band bps   24 u32 funding cap ppm per 8 h
 *  28 u32 reserved   32 u64 max oracle staleness ms   40 16 bytes symbol (ASCII, zero padded)   56 8 reserved
 *
 * Accounts, in order ([w] writable, [s] signer):
 *   initialize:     0 admin [w,s] (pays; must be the program's upgrade authority), 1 config [w], 2 USDC mint,
 *                   3 vault [w], 4 system program, 5 token program, 6 this program's account (upgradeable
 *                   loader), 7 its ProgramData account (holds the upgrade authority)
 *   create_margin:  0 owner [w,s] (pays), 1 margin account [w], 2 system program
 *   deposit:        0 owner [s], 1 margin account [w], 2 config, 3 owner's USDC token account [w], 4 vault [w],
 *                   5 token program
 *   withdraw:       0 owner [s], 1 margin account [w], 2 config, 3 vault [w], 4 destination USDC token account [w],
 *                   5 token program
 */

/* ---- accounts ---- */
#define ACCOUNT_VERSION 1

/* Config, 512 bytes; the rest is reserved for markets' global parameters and the oracle set. */
#define CONFIG_DISCRIMINATOR 0x464e4f4350524550ull /* "PERPCONF" little-endian */
#define CONFIG_SZ 512
#define CONFIG_OFF_DISCRIMINATOR 0  /* u64 */
#define CONFIG_OFF_VERSION 8        /* u8  */
#define CONFIG_OFF_BUMP 9           /* u8  */
#define CONFIG_OFF_VAULT_BUMP 10    /* u8  */
#define CONFIG_OFF_PAUSED 11        /* u8: 1 = everything paused */
#define CONFIG_OFF_ADMIN 16         /* pubkey */
#define CONFIG_OFF_MINT 48          /* pubkey: the USDC mint */
#define CONFIG_OFF_VAULT 80         /* pubkey: the vault token account */
#define CONFIG_OFF_INSURANCE 112    /* u64: insurance fund, USDC base units */
#define CONFIG_OFF_FEES 120         /* u64: fee treasury, USDC base units */
#define CONFIG_OFF_ORACLE_EPOCH 128 /* u64: incremented by every set_oracles; markets' oracle slots follow it */
#define CONFIG_OFF_ORACLE_COUNT 144 /* u8: n, at most CONFIG_MAX_ORACLES */
#define CONFIG_OFF_THRESHOLD 145    /* u8: k, the attestations a price needs */
#define CONFIG_OFF_ORACLES 152      /* n x 32-byte oracle keys */
#define CONFIG_MAX_ORACLES 10
/*
 * Invariant (checked by the tests over all accounts): vault balance == sum over margin accounts
 * of (free + locked) + insurance + fees. No global totals are kept here: every deposit would
 * then write-lock this one account and serialise all agents.
 */

/* Margin account, 96 bytes. */
#define MARGIN_DISCRIMINATOR 0x4e47524d50524550ull /* "PERPMRGN" little-endian */
#define MARGIN_SZ 96
#define MARGIN_OFF_DISCRIMINATOR 0 /* u64 */
#define MARGIN_OFF_VERSION 8       /* u8  */
#define MARGIN_OFF_BUMP 9          /* u8  */
#define MARGIN_OFF_OWNER 16        /* pubkey */
#define MARGIN_OFF_FREE 48         /* u64: free collateral, USDC base units */
#define MARGIN_OFF_LOCKED 56       /* u64: margin locked in positions */
#define MARGIN_OFF_POSITIONS 64    /* u64: open positions */
#define MARGIN_OFF_DEPOSITED 72    /* u64: lifetime deposits (a counter for clients) */

/* Market, 264 bytes, PDA ["market", u32 id LE]. */
#define MARKET_DISCRIMINATOR 0x544b524d50524550ull /* "PERPMRKT" little-endian */
#define MARKET_SZ 264
#define MARKET_OFF_DISCRIMINATOR 0 /* u64 */
#define MARKET_OFF_VERSION 8       /* u8  */
#define MARKET_OFF_BUMP 9          /* u8  */
#define MARKET_OFF_PAUSED 10       /* u8  */
#define MARKET_OFF_PARAMS 16       /* MarketParams, 64 bytes (layout above) */
#define MARKET_OFF_PRICE 80        /* u64: the oracle quorum's median price (10^-6 USDC per base unit) */
#define MARKET_OFF_PRICE_TIME 88   /* u64: oldest publish time among the fresh prices that median was taken of, unix ms */
#define MARKET_OFF_ORACLE_EPOCH 96 /* u64: the config's oracle epoch the slots below belong to */
#define MARKET_OFF_ORACLE_SLOTS 104 /* CONFIG_MAX_ORACLES x {u64 price, u64 publish time ms}: each oracle's latest,
                                       at its index in the config's oracle set (zero: none yet) */
#define ORACLE_SLOT_SZ 16
#define MARKET_PARAMS_SZ 64
#define PARAM_OFF_ID 0
#define PARAM_OFF_MAX_LEVERAGE 6
#define PARAM_OFF_MAX_SPREAD_BPS 20
#define PARAM_OFF_STALENESS_MS 32

/* Position, 192 bytes, PDA ["position", match id = SHA-256 of the MatchTerms bytes]. */
#define POSITION_DISCRIMINATOR 0x4e534f5050524550ull /* "PERPPOSN" little-endian */
#define POSITION_SZ 192
#define POSITION_OFF_VERSION 8       /* u8 */
#define POSITION_OFF_BUMP 9          /* u8 */
#define POSITION_OFF_SIDE 10         /* u8: the trader's side, 0 long, 1 short */
#define POSITION_OFF_STATUS 11       /* u8: 0 open, 1 closed */
#define POSITION_OFF_MARKET 12       /* u32 */
#define POSITION_OFF_MATCH_ID 16     /* 32 bytes */
#define POSITION_OFF_TRADER 48       /* pubkey */
#define POSITION_OFF_MAKER 80        /* pubkey */
#define POSITION_OFF_SIZE 112        /* u64 base units */
#define POSITION_OFF_PRICE 120       /* u64 entry price */
#define POSITION_OFF_TRADER_MARGIN 128 /* u64 locked */
#define POSITION_OFF_MAKER_MARGIN 136  /* u64 locked */
#define POSITION_OFF_FUNDING 144     /* i32 ppm per 8 h, positive: trader pays maker */
#define POSITION_OFF_OPENED 152      /* u64 unix ms */
#define POSITION_OFF_FUNDED_UNTIL 160 /* u64 unix ms: funding settled up to here */
#define PARAM_OFF_BASE_DECIMALS 4
#define PARAM_OFF_INITIAL_BPS 8
#define PARAM_OFF_TAKER_BPS 12
#define PARAM_OFF_MAKER_BPS 14
#define PARAM_OFF_BAND_BPS 22
#define PARAM_OFF_FUNDING_CAP_PPM 24
#define PARAM_OFF_MAINTENANCE_BPS 10
#define PARAM_OFF_LIQUIDATION_FEE_BPS 16
#define PARAM_OFF_LIQUIDATOR_SHARE_BPS 18
#define FUNDING_PERIOD_MS 28800000ull /* 8 hours */

/* Attestations may be dated at most this far ahead of the cluster clock (it has 1 s resolution). */
#define ORACLE_MAX_FUTURE_MS 2000

/* SPL Token account layout (165 bytes): mint at 0, owner at 32, amount at 64. */
#define TOKEN_ACCOUNT_SZ 165
#define TOKEN_MINT_SZ 82
#define TOKEN_MINT_OFF_INITIALIZED 45

/* ---- errors: returned as Custom(n); append only ---- */
enum {
  ERR_INVALID_INSTRUCTION = 1,   /* unknown tag or wrong data length */
  ERR_NOT_ENOUGH_ACCOUNTS = 2,
  ERR_MISSING_SIGNATURE = 3,
  ERR_NOT_WRITABLE = 4,
  ERR_WRONG_ACCOUNT_OWNER = 5,   /* an account is not owned by the program that must own it */
  ERR_INVALID_PDA = 6,           /* an address is not the expected program-derived address */
  ERR_WRONG_ACCOUNT_TYPE = 7,    /* wrong size or discriminator */
  ERR_WRONG_MINT = 8,            /* not an initialized SPL mint */
  ERR_WRONG_VAULT = 9,           /* not the vault named in the config */
  ERR_WRONG_PROGRAM = 10,        /* not the system or token program */
  ERR_INSUFFICIENT_FREE = 11,    /* withdrawing more than the free collateral */
  ERR_OVERFLOW = 12,
  ERR_ZERO_AMOUNT = 13,
  ERR_DUPLICATE_ACCOUNT = 14,    /* one account passed where two distinct ones are required */
  ERR_NOT_OWNER = 15,            /* the signer does not own the margin account */
  ERR_PAUSED = 16,
  ERR_TOO_MANY_ACCOUNTS = 17,
  ERR_NOT_ADMIN = 18,            /* the signer is not the config's admin */
  ERR_INVALID_MARKET_PARAMS = 19,/* leverage, margins, fees or shares out of range */
  ERR_INVALID_ORACLE_SET = 20,   /* threshold 0 or above n, n above the maximum, or a repeated key */
  ERR_NOT_A_PRECOMPILE = 21,     /* an index does not name an Ed25519 precompile instruction with one inline signature */
  ERR_BAD_ATTESTATION = 22,      /* the signed bytes are not a PriceAttestation */
  ERR_WRONG_PROGRAM_BINDING = 23,/* attestation for another escrow deployment */
  ERR_WRONG_MARKET = 24,         /* attestation for another market */
  ERR_UNKNOWN_ORACLE = 25,       /* signer not in the oracle set */
  ERR_DUPLICATE_ORACLE = 26,     /* two attestations from one oracle */
  ERR_STALE_PRICE = 27,          /* older than the market's staleness window, or expired */
  ERR_FUTURE_PRICE = 28,         /* dated ahead of the clock */
  ERR_INSUFFICIENT_QUORUM = 29,  /* fewer attestations than the threshold */
  ERR_SPREAD_TOO_WIDE = 30,      /* attested prices further apart than the market allows */
  ERR_STALE_ORACLE = 31,         /* the market's stored price is missing or older than its staleness window */
  ERR_EXPIRED = 32,              /* the signed terms' expiry has passed */
  ERR_PRICE_OUTSIDE_BAND = 33,   /* the trade price is too far from the oracle price */
  ERR_LEVERAGE = 34,             /* leverage zero or above the market's maximum */
  ERR_MARGIN_TOO_LOW = 35,       /* a side's margin is below the initial margin on the notional */
  ERR_INSUFFICIENT_COLLATERAL = 36, /* free collateral below margin plus fee */
  ERR_WRONG_SIGNER = 37,         /* a precompile signature is not by the party the terms name, or over other bytes */
  ERR_BAD_TERMS = 38,            /* the signed bytes are not valid MatchTerms */
  ERR_POSITION_CLOSED = 39,      /* the position is already closed */
  ERR_WRONG_POSITION = 40,       /* market or margin accounts do not belong to the position */
  ERR_NOT_A_PARTY = 41,          /* the closer is neither the trader nor the maker */
  ERR_BAD_CLOSE_TERMS = 42,      /* not CloseTerms of this position (match id, parties, size) */
  ERR_NOT_LIQUIDATABLE = 43,     /* both sides' equity is at or above the maintenance margin */
  ERR_NOT_UPGRADE_AUTHORITY = 44,/* initialize: the signer is not this program's upgrade authority */
  ERR_CLOSE_BEYOND_MARGIN = 45,  /* close_mutual: at that price a side would lose more than its margin */
  ERR_ACCOUNT_EXISTS = 46,       /* the account to create already exists (the same match again, say) */
};

#define ESCROW_MAX_ACCOUNTS 16

/* The program ids it calls: System (all zeros) and SPL Token (TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA). */
extern const SolPubkey SYSTEM_PROGRAM_ID;
extern const SolPubkey TOKEN_PROGRAM_ID;
extern const SolPubkey BPF_LOADER_UPGRADEABLE_ID; /* BPFLoaderUpgradeab1e11111111111111111111111 */

/* Shared checks (checks.c). Each returns 0 or an error code. */
uint64_t check_signer(const SolAccountInfo *a);
uint64_t check_writable(const SolAccountInfo *a);
uint64_t check_program(const SolAccountInfo *a, const SolPubkey *id);
uint64_t check_distinct(const SolAccountInfo *a, const SolAccountInfo *b);
uint64_t load_config(const SolAccountInfo *config, const SolPubkey *program_id);
uint64_t load_margin(const SolAccountInfo *margin, const SolAccountInfo *owner, const SolPubkey *program_id);
/* The accounts and amount of a deposit or withdrawal, checked: see load_transfer. */
typedef struct {
  SolAccountInfo *owner;
  SolAccountInfo *margin;
  SolAccountInfo *config;
  SolAccountInfo *vault;
  SolAccountInfo *counterparty; /* the owner's token account: source of a deposit, destination of a withdrawal */
  SolAccountInfo *token_program;
  uint64_t amount;
} Transfer;
/* Reads and checks deposit/withdraw accounts and data; the vault and counterparty sit at the given indices. */
uint64_t load_transfer(SolParameters *p, uint64_t vault_index, uint64_t counterparty_index, Transfer *t);
/* `a` is the program-derived address of `seeds` (the bump included). */
uint64_t check_pda(const SolAccountInfo *a, const SolSignerSeed *seeds, int seeds_len, const SolPubkey *program_id);
/*
 * `a` is the canonical address of `seeds` (given without the bump) and *bump, on entry the bump
 * the instruction names, is its bump. Used where accounts are created, so each exists once.
 */
uint64_t check_canonical_pda(const SolAccountInfo *a, const SolSignerSeed *seeds, int seeds_len,
                             const SolPubkey *program_id, uint8_t *bump);
uint64_t rent_exempt_minimum(uint64_t data_len, uint64_t *lamports);

/* Cross-program calls (cpi.c). */
/*
 * Creates `account` (a PDA signed for by `seeds`) with `space` bytes, rent-exempt, owned by `owner`.
 * An address that already holds lamports (sent by anyone) is topped up, allocated and assigned
 * instead, so nobody can block a creation by funding the address first. ERR_ACCOUNT_EXISTS when
 * the account already has an owner or data.
 */
uint64_t cpi_create_account(SolAccountInfo *payer, SolAccountInfo *account, uint64_t space,
                            const SolPubkey *owner, const SolSignerSeeds *seeds);
typedef struct {
  SolAccountInfo *token_program;
  SolAccountInfo *source;
  SolAccountInfo *destination;
  SolAccountInfo *authority;
  uint64_t amount;
  const SolSignerSeeds *signer; /* NULL when the authority signed the transaction */
} TokenTransfer;
uint64_t cpi_token_transfer(const TokenTransfer *t);
uint64_t cpi_token_init_account(SolAccountInfo *token_program, SolAccountInfo *account, SolAccountInfo *mint,
                                const SolPubkey *owner);

/* Handlers (one file each). */
uint64_t process_initialize(SolParameters *p);
uint64_t process_create_margin(SolParameters *p);
uint64_t process_deposit(SolParameters *p);
uint64_t process_withdraw(SolParameters *p);
uint64_t process_create_market(SolParameters *p);
uint64_t process_update_market(SolParameters *p);
uint64_t process_set_oracles(SolParameters *p);
uint64_t process_post_prices(SolParameters *p);
uint64_t process_open_position(SolParameters *p);
uint64_t process_settle_funding(SolParameters *p);
uint64_t process_close_at_mark(SolParameters *p);
uint64_t process_close_mutual(SolParameters *p);
uint64_t process_liquidate(SolParameters *p);
uint64_t process_set_paused(SolParameters *p);

/* Positions (positions.c): accounts 0..3 of settle_funding, close_at_mark and close_mutual. */
typedef struct {
  SolAccountInfo *position;
  SolAccountInfo *market;
  SolAccountInfo *trader_m;
  SolAccountInfo *maker_m;
  uint64_t now_ms;
  uint64_t oracle; /* fresh */
} OpenPosition;
uint64_t load_open_position(SolParameters *p, OpenPosition *o);
uint64_t accrue_funding(OpenPosition *o);
/*
 * How a close settles: who pays the closing fee (1 trader, 2 maker, 0 nobody) and its rate on the
 * notional at the closing price; and whether the insurance fund covers a shortfall (`insured`:
 * closes at the oracle price) or a price at which a side would lose more than its margin is
 * refused (ERR_CLOSE_BEYOND_MARGIN: a price the parties chose).
 */
typedef struct {
  int payer;
  uint64_t bps;
  bool insured;
  uint8_t instruction; /* IX_CLOSE_AT_MARK, IX_CLOSE_MUTUAL or IX_LIQUIDATE: named in the settlement log */
} CloseFee;
/*
 * Closes at `price`, taking the fee from its payer's final amount (at most that amount) and
 * returning it in *fee_taken for the caller to credit. Config must be writable.
 *
 * Every close (close_at_mark, close_mutual, liquidate) states its settlement in two log lines
 * (sol_log_64_: "Program log: 0x.., 0x.., 0x.., 0x.., 0x..") so that either party can itemise it
 * from the transaction alone (the position's margins are zero afterwards):
 *   a = LOG_TAG_CLOSE | trader wins (bit 0) | fee payer << 1 (0 none, 1 trader, 2 maker) | the
 *       instruction's tag << 8;
 *       b = price, c = PnL paid to the winner (insurance included), d = fee taken, e = from insurance
 *   a = LOG_TAG_MARGINS; b = trader's margin after funding, c = maker's margin after funding,
 *       d = trader's final amount, e = maker's final amount (both returned to free collateral)
 */
#define LOG_TAG_CLOSE 0x434c4f5300000000ull   /* "CLOS" in the high 32 bits */
#define LOG_TAG_MARGINS 0x4d52474e00000000ull /* "MRGN" */
uint64_t close_position(OpenPosition *o, SolAccountInfo *config, const CloseFee *fee, uint64_t price,
                        uint64_t *fee_taken);
/* The trader's PnL at `price` (magnitude, floored) and whether it is a gain. */
uint64_t position_pnl(const OpenPosition *o, uint64_t price, bool *trader_wins);
uint64_t market_scale(const uint8_t *market);

/* The instructions sysvar and Ed25519 precompile (precompile.c). */
typedef struct {
  const SolPubkey *program;
  const uint8_t *data;
  uint64_t len;
} SysvarInstruction;
uint64_t check_instructions_sysvar(const SolAccountInfo *sysvar);
uint64_t load_instruction(const SolAccountInfo *sysvar, uint64_t index, SysvarInstruction *out);
uint64_t precompile_message(const SysvarInstruction *ix, const uint8_t **key, const uint8_t **msg, uint64_t *msg_len);
/* The market's oracle price if fresh (ERR_STALE_ORACLE otherwise); now_ms from the Clock. */
uint64_t fresh_oracle_price(const uint8_t *market, uint64_t now_ms, uint64_t *price);
uint64_t clock_now_ms(uint64_t *now_ms);

/* Admin checks (admin.c): the signer is the config's admin. */
uint64_t load_admin(const SolAccountInfo *admin, const SolAccountInfo *config, const SolPubkey *program_id);
uint64_t check_market_params(const uint8_t *params);

#endif
