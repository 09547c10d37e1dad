'use strict';
// Account encodings and getProgramAccounts filters, as agave's RPC serves them.
const { toBase58, toBase64, fromBase58, fromBase64 } = require('./codec');
const { invalidParams } = require('./errors');

const ENCODINGS = new Set(['base58', 'base64', 'jsonParsed', 'binary']);

/** The RPC's UiAccount for a LiteSVM account (null stays null). */
function encodeAccount(account, config = {}) {
  if (!account) return null;
  const encoding = config.encoding || 'binary';
  if (!ENCODINGS.has(encoding)) throw invalidParams(`unsupported account encoding: ${encoding}`);
  let data = account.data();
  if (config.dataSlice) {
    const { offset = 0, length = data.length } = config.dataSlice;
    data = data.subarray(offset, offset + length);
  }
  // jsonParsed falls back to base64 for accounts it has no parser for, as agave does.
  const encoded = encoding === 'binary' ? toBase58(data)
    : encoding === 'base58' ? [toBase58(data), 'base58'] : [toBase64(data), 'base64'];
  return { lamports: account.lamports(), owner: toBase58(account.owner()), data: encoded,
    executable: account.executable(), rentEpoch: account.rentEpoch(), space: BigInt(account.data().length) };
}

/** Applies getProgramAccounts filters: {dataSize: n} and {memcmp: {offset, bytes, encoding?}}. */
function matchesFilters(account, filters = []) {
  const data = account.data();
  for (const f of filters) {
    if (f.dataSize !== undefined) {
      if (BigInt(data.length) !== BigInt(f.dataSize)) return false;
    } else if (f.memcmp) {
      const offset = Number(f.memcmp.offset);
      const bytes = f.memcmp.encoding === 'base64' ? fromBase64(f.memcmp.bytes) : fromBase58(f.memcmp.bytes);
      if (offset + bytes.length > data.length) return false;
      for (let i = 0; i < bytes.length; i++) if (data[offset + i] !== bytes[i]) return false;
    } else {
      throw invalidParams(`unsupported filter: ${JSON.stringify(f)}`);
    }
  }
  return true;
}

module.exports = { encodeAccount, matchesFilters };
