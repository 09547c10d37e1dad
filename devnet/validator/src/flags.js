'use strict';
// solana-test-validator's flags that apply here, with the same meaning, plus one of our own for
// tests (--slot-ms). Unknown flags are an error, never ignored.
const fs = require('node:fs');
const { keypairFromSecret } = require('./legacy-tx');

const USAGE = `usage: perpnet-validator [options]
  --rpc-port PORT                 JSON-RPC port (WebSocket on PORT+1); default 8899; 0 binds
                                  two free ports and prints the URLs it got
  --bind-address ADDR             default 127.0.0.1
  --bpf-program ADDRESS_OR_KEYPAIR PROGRAM.so
                                  add a program at genesis (repeatable)
  --upgradeable-program ADDRESS_OR_KEYPAIR PROGRAM.so UPGRADE_AUTHORITY
                                  deploy through the BPF Upgradeable Loader (repeatable);
                                  UPGRADE_AUTHORITY is an address, a key file or "none"
  --ledger DIR                    where state is saved and reloaded; default test-ledger
  --reset                         start from a fresh ledger
  -q, --quiet                     print nothing but errors
  --slot-ms MS                    slot duration (default 400; tests use less)
  -h, --help`;

class UsageError extends Error {}

function addressOf(value) {
  if (value.endsWith('.json') || fs.existsSync(value)) {
    const secret = JSON.parse(fs.readFileSync(value, 'utf8'));
    if (!Array.isArray(secret) || secret.length !== 64) throw new UsageError(`${value} is not a Solana key file`);
    return keypairFromSecret(secret).address;
  }
  return value;
}

function parseFlags(argv) {
  const flags = { rpcPort: 8899, bindAddress: '127.0.0.1', programs: [], upgradeable: [], ledger: 'test-ledger',
    reset: false, quiet: false, slotMs: 400, help: false };
  const take = (i, n, name) => {
    if (i + n >= argv.length + 0 && argv.slice(i + 1, i + 1 + n).length < n) throw new UsageError(`${name} needs ${n} value(s)`);
    return argv.slice(i + 1, i + 1 + n);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--rpc-port': flags.rpcPort = port(take(i, 1, a)[0]); i += 1; break;
      case '--bind-address': flags.bindAddress = take(i, 1, a)[0]; i += 1; break;
      case '--bpf-program': {
        const [address, file] = take(i, 2, a);
        flags.programs.push({ address: addressOf(address), file });
        i += 2;
        break;
      }
      case '--upgradeable-program': {
        const [address, file, authority] = take(i, 3, a);
        flags.upgradeable.push({ address: addressOf(address), file,
          authority: authority === 'none' ? null : addressOf(authority) });
        i += 3;
        break;
      }
      case '--ledger': case '-l': flags.ledger = take(i, 1, a)[0]; i += 1; break;
      case '--reset': case '-r': flags.reset = true; break;
      case '--quiet': case '-q': flags.quiet = true; break;
      case '--slot-ms': flags.slotMs = positive(take(i, 1, a)[0], a); i += 1; break;
      case '--help': case '-h': flags.help = true; break;
      default: throw new UsageError(`unknown argument: ${a}`);
    }
  }
  return flags;
}

function port(text) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65534) throw new UsageError(`invalid port: ${text}`);
  return n;
}

function positive(text, name) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} needs a positive integer, got ${text}`);
  return n;
}

module.exports = { parseFlags, UsageError, USAGE };
