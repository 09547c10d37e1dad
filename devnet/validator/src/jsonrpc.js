'use strict';
// JSON-RPC 2.0 dispatch shared by HTTP and WebSocket: one request or a batch, each answered
// with a result or an error object; a handler's exception never escapes as a crash.
const { RPC, RpcError } = require('./errors');

async function dispatch(methods, request) {
  const id = request && Object.prototype.hasOwnProperty.call(request, 'id') ? request.id : null;
  if (!request || typeof request !== 'object' || request.jsonrpc !== '2.0' || typeof request.method !== 'string') {
    return { jsonrpc: '2.0', id, error: new RpcError(RPC.INVALID_REQUEST, 'Invalid request').toJSON() };
  }
  const handler = Object.prototype.hasOwnProperty.call(methods, request.method) ? methods[request.method] : null;
  if (!handler) return { jsonrpc: '2.0', id, error: new RpcError(RPC.METHOD_NOT_FOUND, 'Method not found').toJSON() };
  if (request.params !== undefined && !Array.isArray(request.params)) {
    return { jsonrpc: '2.0', id, error: new RpcError(RPC.INVALID_PARAMS, 'Invalid params: expected an array').toJSON() };
  }
  try {
    return { jsonrpc: '2.0', id, result: await handler(request.params || []) };
  } catch (e) {
    const error = e instanceof RpcError ? e : new RpcError(RPC.INTERNAL_ERROR, `Internal error: ${e.message}`);
    return { jsonrpc: '2.0', id, error: error.toJSON() };
  }
}

async function handle(methods, text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { jsonrpc: '2.0', id: null, error: new RpcError(RPC.PARSE_ERROR, 'Parse error').toJSON() };
  }
  if (Array.isArray(parsed)) {
    if (parsed.length === 0) return { jsonrpc: '2.0', id: null, error: new RpcError(RPC.INVALID_REQUEST, 'Invalid request').toJSON() };
    return Promise.all(parsed.map((r) => dispatch(methods, r)));
  }
  return dispatch(methods, parsed);
}

module.exports = { handle, dispatch };
