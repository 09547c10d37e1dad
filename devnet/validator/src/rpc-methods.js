'use strict';
// The JSON-RPC methods, shaped like agave's (rpc/src/rpc.rs). All commitments are the same
// on a single node: a processed transaction is final, so commitment parameters are accepted
// and every status reports "finalized".
const { toBase58, fromBase58, fromBase64 } = require('./codec');
const { RPC, RpcError, invalidParams, transactionErrorText } = require('./errors');
const { encodeAccount, matchesFilters } = require('./accounts');

const VERSION = { 'solana-core': '2.2.0', 'feature-set': 0, 'perpnet-local-validator': '0.1.0' };
const MAX_MULTIPLE_ACCOUNTS = 100;

function createMethods(chain, { identity }) {
  const context = (config) => {
    if (config && config.minContextSlot !== undefined && BigInt(config.minContextSlot) > chain.slot) {
      throw new RpcError(RPC.MIN_CONTEXT_SLOT_NOT_REACHED, 'Minimum context slot has not been reached',
        { contextSlot: chain.slot });
    }
    return { slot: chain.slot, apiVersion: VERSION['solana-core'] };
  };
  const address = (value, name = 'address') => {
    if (typeof value !== 'string') throw invalidParams(`Invalid param: ${name} must be a base58 string`);
    let bytes;
    try {
      bytes = fromBase58(value);
    } catch (e) {
      throw invalidParams(`Invalid param: ${name} is not base58`);
    }
    if (bytes.length !== 32) throw invalidParams(`Invalid param: ${name} is not a 32-byte address`);
    return value;
  };
  const wireTransaction = (encoded, config = {}) => {
    if (typeof encoded !== 'string') throw invalidParams('Invalid param: transaction must be a string');
    const encoding = config.encoding || 'base58';
    let bytes;
    try {
      bytes = encoding === 'base64' ? fromBase64(encoded) : encoding === 'base58' ? fromBase58(encoded) : null;
    } catch (e) {
      bytes = null;
    }
    if (!bytes) throw invalidParams(`failed to deserialize transaction: invalid ${encoding}`);
    return bytes;
  };
  const simulationValue = (r) => ({ err: r.err, logs: r.logs, accounts: null, unitsConsumed: r.unitsConsumed,
    returnData: null, innerInstructions: null, loadedAccountsDataSize: null, replacementBlockhash: null });
  const status = (r) => ({ slot: r.slot, confirmations: null, err: r.err,
    status: r.err ? { Err: r.err } : { Ok: null }, confirmationStatus: 'finalized' });

  const methods = {
    getVersion: () => VERSION,
    getHealth: () => 'ok',
    getIdentity: () => ({ identity }),
    getGenesisHash: () => '11111111111111111111111111111111',
    getSlot: ([config] = []) => (context(config), chain.slot),
    getBlockHeight: ([config] = []) => (context(config), chain.slot),
    getEpochInfo: () => ({ absoluteSlot: chain.slot, blockHeight: chain.slot, epoch: 0n, slotIndex: chain.slot,
      slotsInEpoch: 432000n, transactionCount: BigInt(chain.statuses.size) }),
    getLatestBlockhash: ([config] = []) => ({ context: context(config), value: chain.latestBlockhash() }),
    isBlockhashValid: ([blockhash, config] = []) => ({ context: context(config), value: chain.isBlockhashValid(blockhash) }),
    getFeeForMessage: ([message, config] = []) => {
      const bytes = fromBase64(message);
      return { context: context(config), value: 5000n * BigInt(bytes[0] & 0x7f) };
    },
    getRecentPrioritizationFees: () => [],
    getBalance: ([addr, config] = []) => {
      const account = chain.account(address(addr));
      return { context: context(config), value: account ? account.lamports() : 0n };
    },
    getAccountInfo: ([addr, config] = []) => ({ context: context(config),
      value: encodeAccount(chain.account(address(addr)), config) }),
    getMultipleAccounts: ([addrs, config] = []) => {
      if (!Array.isArray(addrs)) throw invalidParams('Invalid param: expected an array of addresses');
      if (addrs.length > MAX_MULTIPLE_ACCOUNTS) throw invalidParams(`Too many inputs provided; max ${MAX_MULTIPLE_ACCOUNTS}`);
      return { context: context(config), value: addrs.map((a) => encodeAccount(chain.account(address(a)), config)) };
    },
    getProgramAccounts: ([program, config = {}] = []) => {
      const accounts = chain.svm.getProgramAccounts(fromBase58(address(program, 'program')))
        .filter((a) => matchesFilters(a.account(), config.filters))
        .map((a) => ({ pubkey: toBase58(a.address), account: encodeAccount(a.account(), config) }));
      return config.withContext ? { context: context(config), value: accounts } : accounts;
    },
    getMinimumBalanceForRentExemption: ([size] = []) => {
      if (size === undefined || Number(size) < 0) throw invalidParams('Invalid param: data length');
      return chain.svm.minimumBalanceForRentExemption(BigInt(size));
    },
    requestAirdrop: ([addr, lamports] = []) => {
      if (lamports === undefined || BigInt(lamports) <= 0n) throw invalidParams('Invalid param: lamports');
      const r = chain.airdrop(address(addr), BigInt(lamports));
      if (r.err) throw new RpcError(RPC.INTERNAL_ERROR, `airdrop failed: ${JSON.stringify(r.err)}`);
      return r.signature;
    },
    sendTransaction: ([encoded, config = {}] = []) => {
      const bytes = wireTransaction(encoded, config);
      context(config);
      if (!config.skipPreflight) {
        // as a cluster's preflight: a signature already processed is refused, not silently dropped
        const sim = chain.process(bytes, { simulate: true, checkProcessed: true });
        if (sim.err === 'SignatureFailure') {
          throw new RpcError(RPC.TRANSACTION_SIGNATURE_VERIFICATION_FAILURE, 'Transaction signature verification failure');
        }
        if (sim.err) {
          throw new RpcError(RPC.SEND_TRANSACTION_PREFLIGHT_FAILURE,
            `Transaction simulation failed: ${transactionErrorText(sim.err)}`, simulationValue(sim));
        }
      }
      return chain.process(bytes).signature;
    },
    simulateTransaction: ([encoded, config = {}] = []) => {
      const bytes = wireTransaction(encoded, config);
      const sigverify = config.sigVerify === true;
      if (sigverify && config.replaceRecentBlockhash) {
        throw invalidParams('sigVerify may not be used with replaceRecentBlockhash');
      }
      const saved = chain.svm.getSigverify();
      chain.svm.setSigverify(sigverify);
      try {
        const r = chain.process(bytes, { simulate: true, checkBlockhash: !config.replaceRecentBlockhash });
        return { context: context(config), value: simulationValue(r) };
      } finally {
        chain.svm.setSigverify(saved);
      }
    },
    getSignatureStatuses: ([signatures, config] = []) => {
      if (!Array.isArray(signatures) || signatures.length > 256) throw invalidParams('Invalid param: up to 256 signatures');
      return { context: context(config), value: signatures.map((s) => (chain.statuses.has(s) ? status(chain.statuses.get(s)) : null)) };
    },
    // Newest first, as agave: limit 1..1000 (default 1000), `before` and `until` are signatures to
    // start after and stop at (both exclusive).
    getSignaturesForAddress: ([target, config = {}] = []) => {
      address(target);
      context(config);
      const limit = config.limit === undefined ? 1000 : config.limit;
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw invalidParams('Invalid limit; max 1000');
      let records = chain.signaturesFor(target);
      if (config.before !== undefined) {
        const at = records.findIndex((r) => r.signature === config.before);
        records = at < 0 ? [] : records.slice(at + 1);
      }
      if (config.until !== undefined) {
        const at = records.findIndex((r) => r.signature === config.until);
        if (at >= 0) records = records.slice(0, at);
      }
      return records.slice(0, limit).map((r) => ({ signature: r.signature, slot: r.slot, err: r.err, memo: null,
        blockTime: BigInt(r.blockTime), confirmationStatus: 'finalized' }));
    },
    getTransaction: ([signature, config = {}] = []) => {
      const r = chain.statuses.get(signature);
      if (!r || !r.bytes) return null;
      const version = r.tx.message.version;
      if (version !== 'legacy' && config.maxSupportedTransactionVersion === undefined) {
        throw new RpcError(-32015, `Transaction version (${version}) is not supported by the requesting client. `
          + 'Please try the request again with the following configuration parameter: "maxSupportedTransactionVersion": 0');
      }
      const encoding = (config.encoding) || 'json';
      const { toBase64 } = require('./codec');
      const transaction = encoding === 'base64' ? [toBase64(r.bytes), 'base64']
        : encoding === 'base58' ? [toBase58(r.bytes), 'base58'] : jsonTransaction(r.tx);
      return { slot: r.slot, blockTime: BigInt(r.blockTime), version, transaction,
        meta: { err: r.err, status: r.err ? { Err: r.err } : { Ok: null }, fee: r.fee, preBalances: r.preBalances,
          postBalances: r.postBalances, innerInstructions: [], logMessages: r.logs, preTokenBalances: [],
          postTokenBalances: [], rewards: [], loadedAddresses: { writable: [], readonly: [] },
          computeUnitsConsumed: r.unitsConsumed } };
    },
  };
  return methods;
}

function jsonTransaction(tx) {
  const m = tx.message;
  const message = {
    accountKeys: m.staticAccounts,
    header: { numRequiredSignatures: m.header.numSignerAccounts, numReadonlySignedAccounts: m.header.numReadonlySignerAccounts,
      numReadonlyUnsignedAccounts: m.header.numReadonlyNonSignerAccounts },
    recentBlockhash: m.lifetimeToken,
    instructions: m.instructions.map((ix) => ({ programIdIndex: ix.programAddressIndex, accounts: ix.accountIndices || [],
      data: toBase58(ix.data || new Uint8Array(0)), stackHeight: null })),
  };
  if (m.version !== 'legacy') message.addressTableLookups = [];
  return { signatures: tx.signatures, message };
}

module.exports = { createMethods };
