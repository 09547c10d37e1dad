'use strict';
// JSON-RPC over HTTP POST on 127.0.0.1, plus GET /health, as agave's RPC service serves them.
const http = require('node:http');
const { handle } = require('./jsonrpc');
const { stringify } = require('./json');

const MAX_BODY = 50 * 1024 * 1024;

function startHttp(methods, { host, port }) {
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/health') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors()).end();
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { 'content-type': 'text/plain' }).end('Used HTTP Method is not allowed. POST or OPTIONS is required');
      return;
    }
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) {
        res.writeHead(413).end();
        req.destroy();
      } else {
        chunks.push(c);
      }
    });
    req.on('end', async () => {
      if (res.writableEnded) return;
      const answer = await handle(methods, Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json', ...cors() }).end(stringify(answer));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

const cors = () => ({ 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type',
  'access-control-allow-methods': 'POST, GET, OPTIONS' });

module.exports = { startHttp };
