// A real MCP client (the official TypeScript SDK) against a devnet node, over both transports:
// streamable HTTP to the node's own /mcp, and stdio through `perp mcp`. It lists the tools, opens
// a position, reads it and closes it; a bad argument is a tool error naming the field; a
// trading-scoped token cannot withdraw; the session's budget and confirmation mode hold. Run by
// devnet's SdkOnDevnetTest, which passes PERP_JAVA, PERP_AGENT_JAR, PERP_NODE_URL,
// PERP_FULL_TOKEN_FILE and PERP_TRADE_TOKEN_FILE.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

const env = (name) => {
  const v = process.env[name];
  assert.ok(v, `${name} is set`);
  return v;
};

const client = () => new Client({ name: 'perpnet-devnet-test', version: '0.1.0' });

/** Streamable HTTP to the node's /mcp, with the token's bearer header and the session's guard rails. */
async function overHttp(tokenFile, query = '') {
  const token = (await readFile(tokenFile, 'utf8')).trim();
  const c = client();
  await c.connect(new StreamableHTTPClientTransport(new URL(`${env('PERP_NODE_URL')}/mcp${query}`), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  }));
  return c;
}

/** `perp mcp` launched as a process, speaking MCP on its standard input and output. */
async function overStdio(tokenFile) {
  const c = client();
  await c.connect(new StdioClientTransport({
    command: env('PERP_JAVA'),
    args: ['-cp', env('PERP_AGENT_JAR'), 'io.perpnet.sdk.mcp.McpCommand', '--node', env('PERP_NODE_URL'),
      '--token', tokenFile],
    stderr: 'inherit',
  }));
  return c;
}

const text = (r) => r.content.map((c) => c.text).join('\n');
const call = async (c, name, args = {}) => c.callTool({ name, arguments: args });
const ok = async (c, name, args) => {
  const r = await call(c, name, args);
  assert.equal(r.isError, false, `${name}: ${text(r)}`);
  return JSON.parse(text(r));
};
const refused = async (c, name, args, pattern) => {
  const r = await call(c, name, args);
  assert.equal(r.isError, true, `${name} refused: ${text(r)}`);
  assert.match(text(r), pattern, text(r));
};

/** Resolves once the client is told that `uri` changed (notifications/resources/updated). */
function changeOf(c, uri) {
  return new Promise((resolve) => {
    c.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
      if (n.params.uri === uri) {
        resolve(uri);
      }
    });
  });
}

const TOOLS = ['list_markets', 'get_price', 'get_balance', 'get_portfolio', 'open_position', 'confirm_open',
  'list_intents', 'cancel_intent', 'list_positions', 'position_health', 'close_position', 'set_stop_loss',
  'set_take_profit', 'list_fills', 'get_risk', 'deadman', 'withdraw'];

/** Opens 0.001 BTC long, reads it three ways, closes it at mark. */
async function openReadClose(c, reason) {
  const markets = await ok(c, 'list_markets');
  assert.ok(markets.markets.some((m) => m.symbol === 'BTC-PERP'), JSON.stringify(markets));
  const opened = await ok(c, 'open_position', { market: 'BTC-PERP', side: 'long', size: '0.001', leverage: 5,
    reason });
  assert.equal(opened.intent.status, 'filled', JSON.stringify(opened));
  assert.equal(opened.intent.reason, reason);
  const id = opened.position.id;
  assert.equal(opened.position.side, 'long');
  assert.equal(opened.position.size, '0.001');
  assert.ok((await ok(c, 'list_positions')).some((p) => p.id === id), 'listed');
  const read = await c.readResource({ uri: 'perp://positions' });
  assert.ok(JSON.parse(read.contents[0].text).some((p) => p.id === id), read.contents[0].text);
  const health = await ok(c, 'position_health', { id });
  assert.ok(Number(health.marginRatioBps) > 0, JSON.stringify(health));
  const closed = await ok(c, 'close_position', { id, type: 'mark' });
  assert.equal(closed.status, 'closed', JSON.stringify(closed));
  assert.ok(!(await ok(c, 'list_positions')).some((p) => p.id === id), 'no longer listed');
}

test('over streamable HTTP a client lists the tools, opens a position, reads it, is told of it, closes it',
  { timeout: 120000 }, async () => {
    const c = await overHttp(env('PERP_FULL_TOKEN_FILE'));
    try {
      const { tools } = await c.listTools();
      assert.deepEqual(tools.map((t) => t.name).sort(), [...TOOLS].sort());
      for (const t of tools) {
        assert.equal(t.inputSchema.type, 'object', t.name);
        assert.ok(t.description.length > 20, t.name);
      }
      const open = tools.find((t) => t.name === 'open_position').inputSchema;
      assert.deepEqual(open.required.sort(), ['market', 'side']);
      assert.equal(open.properties.size.type, 'string', 'amounts are decimal strings');
      const { resources } = await c.listResources();
      assert.deepEqual(resources.map((r) => r.uri).sort(), ['perp://fills', 'perp://markets', 'perp://positions']);
      const told = changeOf(c, 'perp://positions');
      await c.subscribeResource({ uri: 'perp://positions' });
      await openReadClose(c, 'mcp over http');
      await told; // on the session's stream (GET /mcp), from the node's own events
    } finally {
      await c.close();
    }
  });

test('over stdio (perp mcp) the same tools answer, and a subscribed resource is told of a change',
  { timeout: 120000 }, async () => {
    const c = await overStdio(env('PERP_FULL_TOKEN_FILE'));
    try {
      assert.deepEqual((await c.listTools()).tools.map((t) => t.name).sort(), [...TOOLS].sort());
      const told = changeOf(c, 'perp://markets');
      await c.subscribeResource({ uri: 'perp://markets' });
      const markets = await ok(c, 'list_markets');
      assert.ok(markets.prices.some((p) => p.market === 'BTC-PERP'), JSON.stringify(markets));
      const read = await c.readResource({ uri: 'perp://positions' });
      assert.ok(Array.isArray(JSON.parse(read.contents[0].text)), read.contents[0].text);
      await refused(c, 'position_health', { id: 'ff'.repeat(32) }, /^NOT_FOUND: /);
      await told; // the oracles post a price at least every few seconds: its event changes the markets
    } finally {
      await c.close();
    }
  });

test('a bad argument is a tool error that names the field', { timeout: 60000 }, async () => {
  const c = await overHttp(env('PERP_FULL_TOKEN_FILE'));
  try {
    await refused(c, 'open_position', { market: 'BTC-PERP', side: 'long', size: '0.000000001' },
      /^VALIDATION: .*\(field: size\)/);
    await refused(c, 'open_position', { market: 'BTC-PERP', side: 'long', sizee: '1' },
      /^VALIDATION: sizee: unknown argument .*\(field: sizee\)/);
    await refused(c, 'open_position', { market: 'BTC-PERP', side: 'up', size: '0.001' },
      /^VALIDATION: .*\(field: side\)/);
    await refused(c, 'open_position', { market: 'BTC-PERP', side: 'long', size: 0.001 },
      /^VALIDATION: size: must be a string/);
    await refused(c, 'position_health', {}, /^VALIDATION: .*\(field: id\)/);
    await refused(c, 'open_position', { market: 'DOGE-PERP', side: 'long', size: '1' }, /^UNKNOWN_MARKET: /);
  } finally {
    await c.close();
  }
});

test('a trading-scoped token trades but cannot withdraw, over either transport', { timeout: 60000 }, async () => {
  for (const connect of [overHttp, overStdio]) {
    const c = await connect(env('PERP_TRADE_TOKEN_FILE'));
    try {
      assert.ok((await ok(c, 'get_balance')).free !== undefined);
      await refused(c, 'withdraw', { amount: '1', to: '11111111111111111111111111111111' }, /^FORBIDDEN: /);
    } finally {
      await c.close();
    }
  }
});

test('a session keeps its budget, and in confirmation mode an open is a proposal', { timeout: 60000 }, async () => {
  const budget = await overHttp(env('PERP_TRADE_TOKEN_FILE'), '?budgetUsdc=1');
  try {
    await refused(budget, 'open_position', { market: 'BTC-PERP', side: 'long', size: '0.001' },
      /^BUDGET: .*past its budget of 1 USDC/);
    assert.equal((await ok(budget, 'get_risk')).session.budgetUsdc, '1');
  } finally {
    await budget.close();
  }
  const confirm = await overHttp(env('PERP_TRADE_TOKEN_FILE'), '?confirm=true');
  try {
    const p = await ok(confirm, 'open_position', { market: 'BTC-PERP', side: 'short', size: '0.001' });
    assert.match(p.proposalId, /^proposal-/);
    assert.ok(Number(p.notionalUsdc) > 0, JSON.stringify(p));
    assert.equal(p.arguments.side, 'short');
    await refused(confirm, 'confirm_open', { proposalId: 'proposal-999' }, /\(field: proposalId\)/);
  } finally {
    await confirm.close();
  }
});
