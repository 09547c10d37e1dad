'use strict';
// A minimal legacy transaction builder and Ed25519 signer (Node's crypto), used by the
// validator to run the BPF Upgradeable Loader's own instructions when it deploys programs.
//
// Wire format: compact-u16 signature count, 64-byte signatures, then the message:
// [numRequiredSignatures, numReadonlySigned, numReadonlyUnsigned], compact-u16 key count,
// 32-byte keys (writable signers, readonly signers, writable non-signers, readonly non-signers),
// 32-byte recent blockhash, compact-u16 instruction count, each: program index, compact-u16
// account count, account indices, compact-u16 data length, data.
const crypto = require('node:crypto');
const { toBase58, fromBase58 } = require('./codec');

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A key pair from a 32-byte seed; {address, sign(bytes)}. */
function keypairFromSeed(seed) {
  const privateKey = crypto.createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(seed)]),
    format: 'der', type: 'pkcs8' });
  const spki = crypto.createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const publicKey = spki.subarray(spki.length - 32);
  return { address: toBase58(publicKey), sign: (bytes) => crypto.sign(null, Buffer.from(bytes), privateKey) };
}

const generateKeypair = () => keypairFromSeed(crypto.randomBytes(32));

/** From a Solana CLI key file's 64 bytes (seed then public key). */
const keypairFromSecret = (secret64) => keypairFromSeed(Uint8Array.from(secret64).subarray(0, 32));

function compactU16(n) {
  const out = [];
  let v = n;
  do {
    let byte = v & 0x7f;
    v >>= 7;
    if (v) byte |= 0x80;
    out.push(byte);
  } while (v);
  return out;
}

/**
 * @param {{instructions: {programId: string, keys: {pubkey: string, isSigner: boolean, isWritable: boolean}[], data: Uint8Array}[],
 *          payer: {address: string, sign: Function}, signers: {address: string, sign: Function}[], blockhash: string}} t
 */
function buildTransaction({ instructions, payer, signers, blockhash }) {
  const metas = new Map();
  const add = (pubkey, isSigner, isWritable) => {
    const m = metas.get(pubkey) || { pubkey, isSigner: false, isWritable: false };
    m.isSigner ||= isSigner;
    m.isWritable ||= isWritable;
    metas.set(pubkey, m);
  };
  add(payer.address, true, true);
  for (const ix of instructions) {
    for (const k of ix.keys) add(k.pubkey, k.isSigner, k.isWritable);
    add(ix.programId, false, false);
  }
  const rank = (m) => (m.isSigner ? (m.isWritable ? 0 : 1) : (m.isWritable ? 2 : 3));
  const all = [...metas.values()];
  const ordered = [all[0], ...all.slice(1).sort((a, b) => rank(a) - rank(b))];
  const index = new Map(ordered.map((m, i) => [m.pubkey, i]));
  const numSigners = ordered.filter((m) => m.isSigner).length;
  const bytes = [numSigners, ordered.filter((m) => m.isSigner && !m.isWritable).length,
    ordered.filter((m) => !m.isSigner && !m.isWritable).length, ...compactU16(ordered.length)];
  for (const m of ordered) bytes.push(...fromBase58(m.pubkey));
  bytes.push(...fromBase58(blockhash), ...compactU16(instructions.length));
  for (const ix of instructions) {
    bytes.push(index.get(ix.programId), ...compactU16(ix.keys.length), ...ix.keys.map((k) => index.get(k.pubkey)),
      ...compactU16(ix.data.length), ...ix.data);
  }
  const message = Uint8Array.from(bytes);
  const byAddress = new Map([payer, ...signers].map((s) => [s.address, s]));
  const sigs = ordered.slice(0, numSigners).map((m) => {
    const signer = byAddress.get(m.pubkey);
    if (!signer) throw new Error(`no signer for ${m.pubkey}`);
    return signer.sign(message);
  });
  return Uint8Array.from([...compactU16(numSigners), ...sigs.flatMap((s) => [...s]), ...message]);
}

module.exports = { keypairFromSeed, keypairFromSecret, generateKeypair, buildTransaction };
