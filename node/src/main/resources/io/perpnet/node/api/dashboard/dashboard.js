// The node's read-only dashboard: reads the agent API with a token kept in this tab's session
// storage, and follows the WebSocket so it updates without reloading. Amounts stay the API's
// decimal strings; sums (the result curve) are exact in 6-decimal fixed point (BigInt) and only the
// chart's points become floating point, for drawing.
'use strict';
(() => {
  const TOKEN_KEY = 'perp.token';
  const LIVE_CHANNELS = ['price', 'fill', 'position_opened', 'position_closed', 'liquidation', 'alert', 'match'];
  const PRICE_POINTS = 2000; // per market, the newest
  const HISTORY_EVENTS = 20000; // how far back the price chart starts, in events
  const $ = (id) => document.getElementById(id);
  const state = { token: sessionStorage.getItem(TOKEN_KEY), markets: [], prices: {}, positions: [], health: {},
    fills: [], matches: {}, reasons: {}, series: {}, chartMarket: null, charts: {} };

  // ---- the API ----
  class ApiError extends Error {
    constructor(status, body) {
      super(`${body.code || status}: ${body.message || 'HTTP ' + status}`);
      this.status = status;
      this.code = body.code;
    }
  }

  async function api(path) {
    for (let attempt = 0; ; attempt++) {
      const r = await fetch(path, { headers: { Authorization: 'Bearer ' + state.token } });
      const body = await r.json().catch(() => ({}));
      if (r.status === 429 && attempt < 3) { // rate limited: wait as told, then again
        await new Promise((ok) => setTimeout(ok, 1000 * Number(r.headers.get('Retry-After') || 1)));
        continue;
      }
      if (!r.ok) {
        throw new ApiError(r.status, body);
      }
      return body;
    }
  }

  /** A route that answers ROLE_MISSING on a node without the role: null there. */
  const optional = (path) => api(path).catch((e) => (e.code === 'ROLE_MISSING' ? null : Promise.reject(e)));

  // ---- fixed point ----
  const SCALE = 1000000n;
  function units(s) {
    if (s === null || s === undefined || s === '') {
      return 0n;
    }
    const neg = s.startsWith('-');
    const [whole, frac = ''] = (neg ? s.slice(1) : s).split('.');
    const v = BigInt(whole || '0') * SCALE + BigInt((frac + '000000').slice(0, 6));
    return neg ? -v : v;
  }
  function decimal(v) {
    const neg = v < 0n;
    const a = neg ? -v : v;
    const frac = (a % SCALE).toString().padStart(6, '0').replace(/0+$/, '');
    return (neg ? '-' : '') + (a / SCALE).toString() + (frac ? '.' + frac : '');
  }
  const toNumber = (v) => Number(v) / 1e6;

  // ---- rendering helpers ----
  function cell(text, cls) {
    const td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '-' : String(text);
    if (cls) {
      td.className = cls;
    }
    return td;
  }
  function row(cells, attrs = {}) {
    const tr = document.createElement('tr');
    for (const [k, v] of Object.entries(attrs)) {
      tr.setAttribute(k, v);
    }
    cells.forEach((c) => tr.appendChild(c));
    return tr;
  }
  function fill(tbody, rows) {
    const body = document.querySelector(tbody);
    body.replaceChildren(...rows);
  }
  function pair(dl, term, value) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    dl.append(dt, dd);
  }
  const signed = (s) => (units(s) < 0n ? 'down' : 'up');
  const short = (a) => (a && a.length > 12 ? a.slice(0, 6) + '…' + a.slice(-4) : a);
  const time = (ms) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

  // ---- what the page shows ----
  async function loadAgent() {
    const [agent, peers, risk, alerts] = await Promise.all([api('/v1/agent'), api('/v1/peers'), api('/v1/risk'),
      api('/v1/alerts')]);
    $('agent-address').textContent = agent.address;
    const dl = $('agent');
    dl.replaceChildren();
    pair(dl, 'address', agent.address);
    pair(dl, 'peer id', agent.peerId);
    pair(dl, 'roles', (agent.roles || []).join(', '));
    pair(dl, 'peers', String(peers.length));
    $('peers').replaceChildren(...peers.map((p) => {
      const li = document.createElement('li');
      li.textContent = `${short(p.peerId)}  score ${Number(p.score).toFixed(3)}`;
      return li;
    }));
    const r = $('risk');
    r.replaceChildren();
    pair(r, 'kill switch', risk.killSwitch ? 'ON' : 'off');
    pair(r, 'halted', risk.halted || 'no');
    pair(r, 'dead-man switch', risk.deadman && risk.deadman.armed ? `armed until ${time(risk.deadman.deadlineMs)}`
      : 'disarmed');
    const shown = (k, v) => (v === null || v === undefined ? '-' : typeof v === 'object' ? JSON.stringify(v)
      : k.endsWith('Ms') && v > 1e12 ? time(v) : String(v));
    for (const [group, prefix] of [['limits', ''], ['usage', 'used: '], ['breakers', 'breaker: ']]) {
      for (const [k, v] of Object.entries(risk[group] || {})) {
        pair(r, prefix + k, shown(k, v));
      }
    }
    $('alerts').replaceChildren(...[...alerts].sort((a, b) => b.seq - a.seq).slice(0, 20).map((a) => {
      const li = document.createElement('li');
      const data = a.data && Object.keys(a.data).length ? ' ' + JSON.stringify(a.data) : '';
      li.textContent = `#${a.seq} ${a.kind}${data}`;
      li.className = a.acked ? '' : 'warn';
      return li;
    }));
  }

  async function loadMarkets() {
    const [markets, prices] = await Promise.all([api('/v1/markets'), api('/v1/prices')]);
    state.markets = markets;
    for (const p of prices) {
      state.prices[p.market] = p;
    }
    const select = $('chart-market');
    if (!select.options.length) {
      select.replaceChildren(...markets.map((m) => new Option(m.symbol, m.symbol)));
      state.chartMarket = markets.length ? markets[0].symbol : null;
      select.addEventListener('change', () => {
        state.chartMarket = select.value;
        drawPrices();
      });
    }
    renderMarkets();
  }

  function renderMarkets() {
    const now = Date.now();
    fill('#markets tbody', state.markets.map((m) => {
      const p = state.prices[m.symbol] || {};
      const age = p.publishTimeMs ? Math.max(0, Math.round((now - p.publishTimeMs) / 1000)) + ' s' : '-';
      const oi = m.openInterest === undefined ? '-' : m.openInterest;
      return row([cell(m.symbol), cell(p.price, 'price'), cell(age), cell(oi, 'interest'),
        cell(m.paused ? 'paused' : p.stale ? 'stale price' : 'trading', p.stale || m.paused ? 'warn' : '')],
      { 'data-market': m.symbol });
    }));
  }

  async function loadTrading() {
    const [portfolio, positions, fills, matches, intents] = await Promise.all([api('/v1/portfolio'),
      api('/v1/positions'), api('/v1/fills?limit=1000'), api('/v1/matches'), api('/v1/intents')]);
    state.positions = positions;
    state.fills = fills;
    for (const m of matches) {
      state.matches[m.id] = m;
    }
    for (const i of intents) {
      if (i.reason) {
        state.reasons[i.id] = i.reason;
      }
    }
    $('equity').textContent = portfolio.equity;
    $('realized').textContent = portfolio.realizedPnl;
    $('realized').className = signed(portfolio.realizedPnl);
    $('unrealized').textContent = portfolio.unrealizedPnl;
    $('unrealized').className = signed(portfolio.unrealizedPnl);
    $('fees').textContent = portfolio.fees;
    $('funding').textContent = `${portfolio.fundingPaid} / ${portfolio.fundingReceived}`;
    $('collateral').textContent = `${portfolio.free} / ${portfolio.locked}`;
    await loadHealth();
    renderFills();
    drawEquity(portfolio);
  }

  async function loadHealth() {
    const health = await Promise.all(state.positions.map((p) => api(`/v1/positions/${p.id}/health`)
      .catch(() => null)));
    state.positions.forEach((p, i) => {
      state.health[p.id] = health[i];
    });
    renderPositions();
  }

  const reasonOf = (matchId) => {
    const m = state.matches[matchId];
    return m ? state.reasons[m.intentId] || '' : '';
  };
  const counterpartyOf = (matchId) => {
    const m = state.matches[matchId];
    return m ? (m.role === 'maker' ? m.trader : m.maker) : null;
  };

  function renderPositions() {
    fill('#positions tbody', state.positions.map((p) => {
      const h = state.health[p.id] || {};
      const ratio = h.marginRatioBps === undefined ? null : (h.marginRatioBps / 100).toFixed(2) + ' %';
      const healthText = h.liquidatable ? 'LIQUIDATABLE' : h.equity === undefined ? null : 'ok';
      return row([cell(p.market), cell(p.side, p.side), cell(p.size), cell(p.entryPrice), cell(h.mark, 'mark'),
        cell(p.margin), cell(ratio), cell(h.liquidationPrice), cell(healthText, h.liquidatable ? 'down' : 'up'),
        cell(short(p.counterparty), 'mono'), cell(reasonOf(p.id), 'text')], { 'data-position': p.id });
    }));
  }

  function renderFills() {
    fill('#fills tbody', state.fills.map((f) => row([cell(time(f.atMs)), cell(f.market), cell(f.kind,
      f.kind === 'liquidated' ? 'down' : ''), cell(f.side, f.side), cell(f.size), cell(f.price), cell(f.fee),
    cell(f.funding), cell(f.realized === undefined ? null : f.realized, f.realized ? signed(f.realized) : ''),
    cell(short(counterpartyOf(f.matchId)), 'mono'), cell(reasonOf(f.matchId), 'text')],
    { 'data-fill': `${f.matchId}-${f.kind}` })));
  }

  // ---- charts (uPlot) ----
  function chart(id, label, data) {
    const el = $(id);
    if (typeof uPlot === 'undefined') {
      el.textContent = 'the charting library did not load';
      return;
    }
    const width = Math.max(300, el.clientWidth - 10);
    if (state.charts[id]) {
      state.charts[id].setData(data);
      return;
    }
    const around = (u, min, max) => { // the data's own range, padded: a flat price is not drawn from 0
      const pad = Math.max((max - min) * 0.1, Math.abs(max) * 0.001, 0.01);
      return [min - pad, max + pad];
    };
    state.charts[id] = new uPlot({ width, height: 220, scales: { x: { time: true }, y: { range: around } },
      axes: [{ stroke: '#8b98a5' }, { stroke: '#8b98a5', size: 80 }],
      series: [{}, { label, stroke: '#4aa3ff', width: 2 }] }, data, el);
  }

  /** The result after each fill (closes' realised, minus opens' fees), then now with the open positions at mark. */
  function drawEquity(portfolio) {
    const byTime = [...state.fills].sort((a, b) => a.atMs - b.atMs);
    let total = 0n;
    const xs = [];
    const ys = [];
    for (const f of byTime) {
      total += f.kind === 'open' ? -units(f.fee) : units(f.realized);
      xs.push(f.atMs / 1000);
      ys.push(toNumber(total));
    }
    xs.push(Date.now() / 1000);
    ys.push(toNumber(total + units(portfolio.unrealizedPnl)));
    chart('equity-chart', 'result, USDC', [xs, ys]);
  }

  function addPrice(market, price, atMs) {
    const s = state.series[market] || (state.series[market] = { xs: [], ys: [] });
    if (s.xs.length && atMs / 1000 < s.xs[s.xs.length - 1]) {
      return; // replayed before the live stream caught up: keep time order
    }
    s.xs.push(atMs / 1000);
    s.ys.push(toNumber(units(price)));
    if (s.xs.length > PRICE_POINTS) {
      s.xs.shift();
      s.ys.shift();
    }
  }

  function drawPrices() {
    const s = state.series[state.chartMarket] || { xs: [], ys: [] };
    chart('price-chart', `${state.chartMarket || ''} oracle price`, [s.xs, s.ys]);
  }

  // ---- live ----
  const debounced = (fn, ms) => {
    let timer = null;
    return () => {
      clearTimeout(timer);
      timer = setTimeout(() => fn().catch(report), ms);
    };
  };
  const refreshTrading = debounced(() => Promise.all([loadTrading(), loadMarkets()]), 250);
  const refreshAgent = debounced(loadAgent, 250);
  let healthDue = 0;

  async function follow() {
    const { latest } = await api('/v1/events?limit=1');
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/v1/ws`,
      ['perp.v1', 'bearer.' + state.token]);
    ws.onopen = () => ws.send(JSON.stringify({ op: 'subscribe', channels: LIVE_CHANNELS,
      after: Math.max(0, latest - HISTORY_EVENTS) }));
    ws.onmessage = (m) => {
      const msg = JSON.parse(m.data);
      if (msg.op === 'subscribed') {
        $('live').textContent = 'live';
        $('live').className = 'badge on';
        return;
      }
      if (msg.op || !msg.channel) {
        return;
      }
      onEvent(msg);
    };
    ws.onclose = () => {
      $('live').textContent = 'reconnecting';
      $('live').className = 'badge off';
      setTimeout(() => follow().catch(report), 2000);
    };
  }

  function onEvent(msg) {
    const d = msg.data || {};
    switch (msg.channel) {
      case 'price': {
        addPrice(d.market, d.price, d.publishTimeMs);
        const known = state.prices[d.market];
        if (!known || !known.publishTimeMs || d.publishTimeMs >= known.publishTimeMs) {
          state.prices[d.market] = { ...known, market: d.market, price: d.price, publishTimeMs: d.publishTimeMs,
            stale: false };
          renderMarkets();
          if (d.market === state.chartMarket) {
            drawPrices();
          }
          if (state.positions.some((p) => p.market === d.market) && Date.now() >= healthDue) {
            healthDue = Date.now() + 2000; // at most every 2 s: each position is one request
            loadHealth().catch(report);
          }
        }
        break;
      }
      case 'alert':
        refreshAgent();
        break;
      default:
        refreshTrading();
    }
  }

  function report(e) {
    console.error(e);
    if (e instanceof ApiError && e.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      showLogin('the node refused this token: ' + e.message);
    }
  }

  function showLogin(error) {
    $('board').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = error || '';
  }

  async function start() {
    try {
      await loadAgent();
    } catch (e) {
      showLogin(e.message);
      return;
    }
    $('login').hidden = true;
    $('board').hidden = false;
    await loadMarkets();
    await loadTrading();
    await follow();
    setInterval(() => Promise.all([loadAgent(), loadMarkets()]).catch(report), 10000); // peers, open interest
    setInterval(renderMarkets, 1000); // the prices' age
  }

  $('login').addEventListener('submit', (e) => {
    e.preventDefault();
    state.token = $('token').value.trim();
    sessionStorage.setItem(TOKEN_KEY, state.token);
    start().catch(report);
  });
  if (state.token) {
    start().catch(report);
  } else {
    showLogin();
  }
})();
