'use strict';
// JSON with u64 values: BigInts are written as plain JSON numbers (as agave writes u64), which
// @solana/kit and other clients read back exactly.
const MARK = '\u0000big:';

function stringify(value) {
  const text = JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${MARK}${v}` : v));
  return text.replace(/"\\u0000big:(-?\d+)"/g, '$1');
}

module.exports = { stringify };
