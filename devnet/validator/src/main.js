#!/usr/bin/env node
'use strict';
// perpnet's local validator: LiteSVM behind Solana's JSON-RPC (HTTP on --rpc-port) and
// subscriptions (WebSocket on --rpc-port + 1), bound to 127.0.0.1. Prints, like
// solana-test-validator, the RPC and WebSocket URLs once it serves them.
const fs = require('node:fs');
const { Chain } = require('./chain');
const { createMethods } = require('./rpc-methods');
const { startHttp } = require('./http-server');
const { startPubsub } = require('./pubsub');
const { parseFlags, UsageError, USAGE } = require('./flags');
const { deployAt } = require('./loader-v3');
const { generateKeypair } = require('./legacy-tx');
const { fromBase58 } = require('./codec');
const ledger = require('./ledger');

const SAVE_EVERY_MS = 5000;

async function main(argv) {
  let flags;
  try {
    flags = parseFlags(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\n${USAGE}\n`);
      process.exit(2);
    }
    throw e;
  }
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const log = flags.quiet ? () => {} : (line) => process.stdout.write(`${line}\n`);
  const restored = ledger.load(flags.ledger, { reset: flags.reset });
  const chain = restored ? new Chain({ svm: restored.svm, slot: restored.slot + 1n, slotMs: flags.slotMs })
    : new Chain({ slotMs: flags.slotMs });
  for (const p of flags.programs) {
    if (!chain.account(p.address)) chain.svm.addProgram(fromBase58(p.address), fs.readFileSync(p.file));
  }
  for (const p of flags.upgradeable) {
    if (!chain.account(p.address)) {
      await deployAt(chain, { elf: fs.readFileSync(p.file), address: p.address, authorityAddress: p.authority });
    }
  }
  const identity = generateKeypair().address;
  const methods = createMethods(chain, { identity });
  const http = await startHttp(methods, { host: flags.bindAddress, port: flags.rpcPort });
  // Port 0 (tests): both servers take free ports, and the URLs printed below say which.
  const ws = await startPubsub(chain, { host: flags.bindAddress, port: flags.rpcPort === 0 ? 0 : flags.rpcPort + 1 });
  chain.start();
  const saver = setInterval(() => ledger.save(flags.ledger, chain), SAVE_EVERY_MS);
  const shutdown = () => {
    clearInterval(saver);
    chain.stop();
    ledger.save(flags.ledger, chain);
    ws.close();
    http.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  log(`Ledger location: ${flags.ledger}`);
  log(`Identity: ${identity}`);
  log(`JSON RPC URL: http://${flags.bindAddress}:${http.address().port}`);
  log(`WebSocket PubSub URL: ws://${flags.bindAddress}:${ws.address().port}`);
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`error: ${e.message}\n`);
  process.exit(1);
});
