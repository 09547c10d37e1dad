'use strict';
// Byte and text codecs shared by the validator (thin wrappers over @solana/kit's codecs).
const kit = require('@solana/kit');

const b58enc = kit.getBase58Encoder();
const b58dec = kit.getBase58Decoder();
const b64enc = kit.getBase64Encoder();
const b64dec = kit.getBase64Decoder();
const txDecoder = kit.getTransactionDecoder();
const messageDecoder = kit.getCompiledTransactionMessageDecoder();

const toBase58 = (bytes) => b58dec.decode(bytes);
const fromBase58 = (text) => Uint8Array.from(b58enc.encode(text));
const toBase64 = (bytes) => b64dec.decode(bytes);
const fromBase64 = (text) => Uint8Array.from(b64enc.encode(text));

/**
 * Decodes a wire transaction: its signatures (base58, fee payer first), its compiled message and
 * which static accounts are writable (from the message header).
 */
function decodeTransaction(bytes) {
  const tx = txDecoder.decode(bytes);
  const message = messageDecoder.decode(tx.messageBytes);
  const signatures = Object.values(tx.signatures).map((s) => (s ? toBase58(s) : null));
  const h = message.header;
  const n = message.staticAccounts.length;
  const writable = message.staticAccounts.map((_, i) => (i < h.numSignerAccounts
    ? i < h.numSignerAccounts - h.numReadonlySignerAccounts
    : i < n - h.numReadonlyNonSignerAccounts));
  return { messageBytes: tx.messageBytes, message, signatures, writable };
}

module.exports = { toBase58, fromBase58, toBase64, fromBase64, decodeTransaction };
