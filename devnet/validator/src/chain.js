'use strict';
// The ledger: LiteSVM plus what a cluster adds around it. Slots advance in real time (400 ms
// by default) and the Clock sysvar follows wall time; every slot issues a new blockhash, valid
// for 150 slots as on a real cluster; processed transactions keep their status, logs and
// compute units for getSignatureStatuses / getTransaction; account changes are announced as
// events for the WebSocket subscriptions.
const { EventEmitter } = require('node:events');
const { LiteSvm, Clock } = require('litesvm/dist/internal.js');
const { toBase58, fromBase58, decodeTransaction } = require('./codec');
const { transactionErrorJson } = require('./errors');

const BLOCKHASH_VALIDITY_SLOTS = 150;
const LAMPORTS_PER_SIGNATURE = 5000n;
const MAX_STATUSES = 100_000;
// getSignaturesForAddress answers at most 1,000 (agave's cap); each address keeps its newest 1,000.
const MAX_SIGNATURES_PER_ADDRESS = 1_000;

class Chain extends EventEmitter {
  /** @param {{svm?: LiteSvm, slotMs?: number, slot?: bigint}} options */
  constructor({ svm, slotMs = 400, slot = 0n } = {}) {
    super();
    this.svm = svm || Chain.freshSvm();
    this.svm.setBlockhashCheck(false); // the window below replaces LiteSVM's latest-only check
    this.slotMs = slotMs;
    this.slot = slot;
    this.blockhashes = new Map(); // blockhash -> slot it was issued
    this.statuses = new Map(); // signature -> record
    this.byAddress = new Map(); // address -> signatures of the transactions naming it, oldest first
    this.timer = null;
    this.advance(slot);
  }

  static freshSvm() {
    const svm = new LiteSvm();
    svm.setTransactionHistory(0n); // statuses are kept here, with their slot
    return svm;
  }

  start() {
    this.timer = setInterval(() => this.advance(this.slot + 1n), this.slotMs);
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Moves to {@code slot}: Clock follows wall time, a new blockhash is issued. */
  advance(slot) {
    const parent = this.slot;
    this.slot = slot;
    this.svm.warpToSlot(slot);
    const c = this.svm.getClock();
    this.svm.setClock(new Clock(slot, c.epochStartTimestamp, c.epoch, c.leaderScheduleEpoch,
      BigInt(Math.floor(Date.now() / 1000))));
    this.svm.expireBlockhash();
    this.blockhashes.set(this.svm.latestBlockhash(), slot);
    for (const [hash, issued] of this.blockhashes) {
      if (slot - issued > BigInt(BLOCKHASH_VALIDITY_SLOTS)) this.blockhashes.delete(hash);
      else break; // insertion order is slot order
    }
    this.emit('slot', { slot, parent, root: slot });
  }

  latestBlockhash() {
    const blockhash = this.svm.latestBlockhash();
    return { blockhash, lastValidBlockHeight: this.blockhashes.get(blockhash) + BigInt(BLOCKHASH_VALIDITY_SLOTS) };
  }

  isBlockhashValid(blockhash) {
    return this.blockhashes.has(blockhash);
  }

  account(address) {
    return this.svm.getAccount(fromBase58(address));
  }

  /**
   * Executes (or only simulates) a wire transaction. Returns a record with signature, err (RPC
   * JSON or null), logs, unitsConsumed, and for executions the slot and balances.
   */
  process(bytes, { simulate = false, checkBlockhash = true, checkProcessed = !simulate } = {}) {
    const tx = decodeTransaction(bytes);
    const signature = tx.signatures[0];
    const keys = tx.message.staticAccounts;
    const base = { signature, logs: [], unitsConsumed: 0n, slot: this.slot, tx };
    if (checkBlockhash && !this.isBlockhashValid(tx.message.lifetimeToken)) {
      return { ...base, err: 'BlockhashNotFound' };
    }
    if (checkProcessed && signature && this.statuses.has(signature)) {
      return { ...base, err: 'AlreadyProcessed' };
    }
    const versioned = tx.message.version !== 'legacy';
    if (simulate) {
      const r = versioned ? this.svm.simulateVersionedTransaction(bytes) : this.svm.simulateLegacyTransaction(bytes);
      const meta = r.meta();
      return { ...base, err: typeof r.err === 'function' ? transactionErrorJson(r.err()) : null,
        logs: meta.logs(), unitsConsumed: meta.computeUnitsConsumed() };
    }
    const before = keys.map((k) => snapshot(this.svm.getAccount(fromBase58(k))));
    const r = versioned ? this.svm.sendVersionedTransaction(bytes) : this.svm.sendLegacyTransaction(bytes);
    const failed = typeof r.err === 'function';
    const meta = failed ? r.meta() : r;
    const after = keys.map((k) => snapshot(this.svm.getAccount(fromBase58(k))));
    const record = {
      ...base,
      err: failed ? transactionErrorJson(r.err()) : null,
      logs: meta.logs(),
      unitsConsumed: meta.computeUnitsConsumed(),
      fee: LAMPORTS_PER_SIGNATURE * BigInt(tx.message.header.numSignerAccounts),
      preBalances: before.map((s) => s.lamports),
      postBalances: after.map((s) => s.lamports),
      blockTime: Math.floor(Date.now() / 1000),
      bytes,
    };
    this.remember(signature, record);
    this.index(signature, keys);
    this.emit('transaction', record);
    keys.forEach((k, i) => {
      if (changed(before[i], after[i])) this.emit('account', k);
    });
    return record;
  }

  /** Credits lamports out of thin air, as a faucet does; returns the transaction-like record. */
  airdrop(address, lamports) {
    const r = this.svm.airdrop(fromBase58(address), lamports);
    const failed = r && typeof r.err === 'function';
    const meta = failed ? r.meta() : r;
    const signature = toBase58(meta.signature());
    const record = { signature, err: failed ? transactionErrorJson(r.err()) : null, logs: meta.logs(),
      unitsConsumed: meta.computeUnitsConsumed(), slot: this.slot, fee: LAMPORTS_PER_SIGNATURE,
      preBalances: [], postBalances: [], blockTime: Math.floor(Date.now() / 1000), bytes: null, tx: null };
    this.remember(signature, record);
    this.emit('transaction', record);
    this.emit('account', address);
    return record;
  }

  /** Files an executed transaction under every account it names, for getSignaturesForAddress. */
  index(signature, keys) {
    for (const k of new Set(keys)) {
      let list = this.byAddress.get(k);
      if (!list) this.byAddress.set(k, (list = []));
      list.push(signature);
      if (list.length > 2 * MAX_SIGNATURES_PER_ADDRESS) list.splice(0, list.length - MAX_SIGNATURES_PER_ADDRESS);
    }
  }

  /** The records of the transactions that named {@code address}, newest first (those still remembered). */
  signaturesFor(address) {
    const list = this.byAddress.get(address) || [];
    const out = [];
    for (let i = list.length - 1; i >= 0 && out.length < MAX_SIGNATURES_PER_ADDRESS; i--) {
      const r = this.statuses.get(list[i]);
      if (r) out.push(r);
    }
    return out;
  }

  remember(signature, record) {
    this.statuses.set(signature, record);
    if (this.statuses.size > MAX_STATUSES) this.statuses.delete(this.statuses.keys().next().value);
  }
}

function snapshot(account) {
  if (!account) return { lamports: 0n, owner: null, data: null };
  return { lamports: account.lamports(), owner: toBase58(account.owner()), data: Buffer.from(account.data()) };
}

function changed(a, b) {
  if (a.lamports !== b.lamports || a.owner !== b.owner) return true;
  if (a.data === null || b.data === null) return a.data !== b.data;
  return !a.data.equals(b.data);
}

module.exports = { Chain, BLOCKHASH_VALIDITY_SLOTS, MAX_SIGNATURES_PER_ADDRESS };
