'use strict';
// WebSocket subscriptions on the port after the RPC port: account, program, logs, signature and
// slot, with agave's notification shapes. A signature subscription fires once and ends itself.
const { WebSocketServer } = require('ws');
const { handle } = require('./jsonrpc');
const { stringify } = require('./json');
const { encodeAccount, matchesFilters } = require('./accounts');
const { fromBase58, toBase58 } = require('./codec');
const { invalidParams } = require('./errors');

const MAX_SUBSCRIPTIONS_PER_CONNECTION = 1000;

function startPubsub(chain, { host, port }) {
  const wss = new WebSocketServer({ host, port, maxPayload: 1024 * 1024 });
  let nextId = 0;
  const subs = new Map(); // id -> {kind, socket, ...}

  const notify = (sub, method, result) => {
    if (sub.socket.readyState === 1) {
      sub.socket.send(stringify({ jsonrpc: '2.0', method, params: { result, subscription: sub.id } }));
    }
  };
  const ctx = () => ({ slot: chain.slot });

  chain.on('slot', (s) => {
    for (const sub of subs.values()) if (sub.kind === 'slot') notify(sub, 'slotNotification', s);
  });
  chain.on('account', (address) => {
    const account = chain.account(address);
    const owner = account ? toBase58(account.owner()) : null;
    for (const sub of subs.values()) {
      if (sub.kind === 'account' && sub.address === address) {
        notify(sub, 'accountNotification', { context: ctx(), value: encodeAccount(account, sub.config) });
      } else if (sub.kind === 'program' && account && owner === sub.program && matchesFilters(account, sub.config.filters)) {
        notify(sub, 'programNotification', { context: ctx(),
          value: { pubkey: address, account: encodeAccount(account, sub.config) } });
      }
    }
  });
  chain.on('transaction', (r) => {
    const mentioned = new Set(r.tx ? r.tx.message.staticAccounts : []);
    for (const sub of [...subs.values()]) {
      if (sub.kind === 'logs' && (sub.mentions === null || mentioned.has(sub.mentions))) {
        notify(sub, 'logsNotification', { context: ctx(), value: { signature: r.signature, err: r.err, logs: r.logs } });
      } else if (sub.kind === 'signature' && sub.signature === r.signature) {
        notify(sub, 'signatureNotification', { context: ctx(), value: { err: r.err } });
        subs.delete(sub.id);
      }
    }
  });

  wss.on('connection', (socket) => {
    const mine = new Set();
    const add = (sub) => {
      if (mine.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) throw invalidParams('too many subscriptions on this connection');
      const id = nextId++;
      subs.set(id, { ...sub, id, socket });
      mine.add(id);
      return id;
    };
    const remove = ([id]) => {
      mine.delete(id);
      return subs.delete(id);
    };
    const checkAddress = (a) => {
      if (typeof a !== 'string' || fromBase58(a).length !== 32) throw invalidParams('Invalid param: address');
      return a;
    };
    const methods = {
      accountSubscribe: ([address, config = {}]) => add({ kind: 'account', address: checkAddress(address), config }),
      accountUnsubscribe: remove,
      programSubscribe: ([program, config = {}]) => add({ kind: 'program', program: checkAddress(program), config }),
      programUnsubscribe: remove,
      logsSubscribe: ([filter]) => {
        if (filter === 'all' || filter === 'allWithVotes') return add({ kind: 'logs', mentions: null });
        if (filter && Array.isArray(filter.mentions) && filter.mentions.length === 1) {
          return add({ kind: 'logs', mentions: checkAddress(filter.mentions[0]) });
        }
        throw invalidParams('Invalid Request: Only 1 address supported');
      },
      logsUnsubscribe: remove,
      signatureSubscribe: ([signature]) => {
        if (typeof signature !== 'string') throw invalidParams('Invalid param: signature');
        const id = add({ kind: 'signature', signature });
        const done = chain.statuses.get(signature);
        if (done) {
          setImmediate(() => {
            const sub = subs.get(id);
            if (sub) {
              notify(sub, 'signatureNotification', { context: ctx(), value: { err: done.err } });
              subs.delete(id);
            }
          });
        }
        return id;
      },
      signatureUnsubscribe: remove,
      slotSubscribe: () => add({ kind: 'slot' }),
      slotUnsubscribe: remove,
    };
    socket.on('message', async (data) => {
      const answer = await handle(methods, data.toString('utf8'));
      if (socket.readyState === 1) socket.send(stringify(answer));
    });
    socket.on('close', () => {
      for (const id of mine) subs.delete(id);
    });
    socket.on('error', () => socket.terminate());
  });
  return new Promise((resolve, reject) => {
    wss.once('error', reject);
    wss.once('listening', () => resolve(wss));
  });
}

module.exports = { startPubsub };
