// A real MCP client (the official TypeScript SDK) launching `perp mcp` against a devnet node:
// lists the tools, opens a position, reads it, closes it; a bad argument is a tool error naming
// the field; a trading-scoped token cannot withdraw. Run by devnet's SdkOnDevnetTest, which
// passes PERP_JAVA, PERP_AGENT_JAR, PERP_NODE_URL, PERP_FULL_TOKEN_FILE and PERP_TRADE_TOKEN_FILE.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

const env = (name) => {
  const v = process.env[name];
  assert.ok(v, `${name} is set`);
  return v;
};

async function connect(tokenFile) {
  const transport = new StdioClientTransport({
    command: env('PERP_JAVA'),
    args: ['-cp', env('PERP_AGENT_JAR'), 'io.perpnet.sdk.mcp.McpCommand', '--node', env('PERP_NODE_URL'),
      '--token', tokenFile],
    stderr: 'inherit',
  });
  const client = new Client({ name: 'perpnet-devnet-test', version: '0.1.0' });
  await client.connect(transport);
  return client;
}

const text = (r) => r.content.map((c) => c.text).join('\n');
const call = async (c, name, args = {}) => c.callTool({ name, arguments: args });
const ok = async (c, name, args) => {
  const r = await call(c, name, args);
  assert.equal(r.isError, false, `${name}: ${text(r)}`);
  return JSON.parse(text(r));
};

test('an MCP client lists the tools, opens a position, reads it and closes it', { timeout: 120000 }, async () => {
  const c = await connect(env('PERP_FULL_TOKEN_FILE'));
  try {
    const { tools } = await c.listTools();
    const names = tools.map((t) => t.name);
    for (const n of ['list_markets', 'get_balance', 'get_portfolio', 'open_position', 'list_positions',
      'position_health', 'close_position', 'set_stop_loss', 'set_take_profit', 'cancel_intent', 'get_risk',
      'deadman', 'withdraw']) {
      assert.ok(names.includes(n), `${n} among ${names}`);
    }
    for (const t of tools) {
      assert.equal(t.inputSchema.type, 'object', t.name);
      assert.ok(t.description.length > 20, t.name);
    }
    const updated = [];
    let wake = () => {};
    c.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
      updated.push(n.params.uri);
      wake();
    });
    const changeOf = (uri) => new Promise((resolve) => {
      const check = () => (updated.includes(uri) ? resolve(uri) : (wake = check));
      check();
    });
    const { resources } = await c.listResources();
    assert.deepEqual(resources.map((r) => r.uri).sort(), ['perp://fills', 'perp://markets', 'perp://positions']);
    await c.subscribeResource({ uri: 'perp://positions' });
    const markets = await ok(c, 'list_markets');
    assert.ok(markets.markets.some((m) => m.symbol === 'BTC-PERP'), JSON.stringify(markets));

    const opened = await ok(c, 'open_position', { market: 'BTC-PERP', side: 'long', size: '0.001', leverage: 5,
      reason: 'mcp devnet test' });
    assert.equal(opened.intent.status, 'filled', JSON.stringify(opened));
    assert.equal(opened.intent.reason, 'mcp devnet test');
    const id = opened.position.id;
    assert.equal(opened.position.side, 'long');
    assert.equal(opened.position.size, '0.001');
    assert.ok((await ok(c, 'list_positions')).some((p) => p.id === id), 'listed');
    const read = await c.readResource({ uri: 'perp://positions' });
    assert.ok(JSON.parse(read.contents[0].text).some((p) => p.id === id), read.contents[0].text);
    await changeOf('perp://positions'); // the open, from the node's event stream
    const health = await ok(c, 'position_health', { id });
    assert.ok(Number(health.marginRatioBps) > 0, JSON.stringify(health));
    const closed = await ok(c, 'close_position', { id });
    assert.equal(closed.status, 'closed');
    assert.ok(!(await ok(c, 'list_positions')).some((p) => p.id === id), 'no longer listed');
  } finally {
    await c.close();
  }
});

test('a bad argument is a tool error that names the field', { timeout: 60000 }, async () => {
  const c = await connect(env('PERP_FULL_TOKEN_FILE'));
  try {
    const places = await call(c, 'open_position', { market: 'BTC-PERP', side: 'long', size: '0.000000001' });
    assert.equal(places.isError, true);
    assert.match(text(places), /^VALIDATION: .*\(field: size\)/, text(places));
    const unknown = await call(c, 'open_position', { market: 'BTC-PERP', side: 'long', sizee: '1' });
    assert.equal(unknown.isError, true);
    // the SDK checks arguments against the tool's schema first and names the property
    assert.match(text(unknown), /'sizee'/, text(unknown));
    const side = await call(c, 'open_position', { market: 'BTC-PERP', side: 'up', size: '0.001' });
    assert.equal(side.isError, true);
    assert.match(text(side), /side/, text(side));
    const missing = await call(c, 'position_health', {});
    assert.equal(missing.isError, true);
    assert.match(text(missing), /id/, text(missing));
  } finally {
    await c.close();
  }
});

test('a trading-scoped token trades but cannot withdraw', { timeout: 60000 }, async () => {
  const c = await connect(env('PERP_TRADE_TOKEN_FILE'));
  try {
    assert.ok((await ok(c, 'get_balance')).free !== undefined);
    const w = await call(c, 'withdraw', { amount: '1', to: '11111111111111111111111111111111' });
    assert.equal(w.isError, true);
    assert.match(text(w), /^FORBIDDEN: /, text(w));
  } finally {
    await c.close();
  }
});
