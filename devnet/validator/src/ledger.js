'use strict';
// The ledger directory: state.bin (LiteSVM's whole-state snapshot) and meta.json (the slot).
// Written atomically (temporary file, then rename) on a timer and on shutdown.
const fs = require('node:fs');
const path = require('node:path');
const { LiteSvm } = require('litesvm/dist/internal.js');

function load(dir, { reset }) {
  const state = path.join(dir, 'state.bin');
  if (reset) fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(state)) return null;
  const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8'));
  return { svm: LiteSvm.fromBytes(fs.readFileSync(state)), slot: BigInt(meta.slot) };
}

function save(dir, chain) {
  writeAtomically(path.join(dir, 'state.bin'), chain.svm.toBytes());
  writeAtomically(path.join(dir, 'meta.json'), JSON.stringify({ slot: chain.slot.toString() }));
}

function writeAtomically(file, data) {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

module.exports = { load, save };
