// The js-libp2p side of the gossip benchmark, in one process. Same topology and method as the Java
// side (io.perpnet.p2p.bench.GossipBench): StrictNoSign, message id SHA-256(data), 127.0.0.1.
//  (a) throughput: 4 fully connected nodes; node 0 publishes N messages of SIZE bytes, keeping at
//      most WINDOW of them not yet delivered everywhere; deliveries per second at the 3 others.
//  (b) latency: a chain A - B - C; A publishes M messages at RATE per second, each carrying its
//      send time; B gives one-hop latency, C two-hop. Prints one JSON line.
// Usage: node jsbench.mjs [--messages N] [--size 256] [--rate 1000] [--latency-messages M]
import './node20-polyfill.mjs'
import { parseArgs } from 'node:util'
import { randomBytes } from 'node:crypto'
import { createPeer } from './peer.mjs'

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '20000' },
    size: { type: 'string', default: '256' },
    rate: { type: 'string', default: '1000' },
    'latency-messages': { type: 'string', default: '3000' },
    window: { type: 'string', default: '1000' }
  }
})
const N = Number(values.messages)
const SIZE = Number(values.size)
const RATE = Number(values.rate)
const M = Number(values['latency-messages'])
const WINDOW = Number(values.window)
const TOPIC = 'bench'

const now = () => process.hrtime.bigint()
const tick = () => new Promise((resolve) => setImmediate(resolve))

async function nodes (count) {
  const out = []
  for (let i = 0; i < count; i++) out.push(await createPeer({ seed: randomBytes(32), nosign: true }))
  return out
}

async function meshed (node, want) {
  const deadline = Date.now() + 30000
  while (node.services.pubsub.getMeshPeers(TOPIC).length < want) {
    if (Date.now() > deadline) throw new Error('mesh did not form')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

function payload (counter, sentAt) {
  const data = new Uint8Array(SIZE)
  const view = new DataView(data.buffer)
  view.setBigUint64(0, BigInt(counter))
  view.setBigUint64(8, sentAt)
  return data
}

async function throughput () {
  const ns = await nodes(4)
  for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) await ns[i].dial(ns[j].getMultiaddrs()[0])
  const counts = [0, 0, 0]
  ns.forEach((n, i) => {
    n.services.pubsub.subscribe(TOPIC)
    if (i > 0) n.services.pubsub.addEventListener('message', () => { counts[i - 1]++ })
  })
  for (const n of ns) await meshed(n, 3)
  const start = now()
  const deadline = Date.now() + 120000
  let sent = 0
  while (Math.min(...counts) < N && Date.now() < deadline) {
    while (sent < N && sent - Math.min(...counts) < WINDOW) {
      ns[0].services.pubsub.publish(TOPIC, payload(sent, now())).catch(() => {})
      sent++
    }
    await tick()
  }
  const seconds = Number(now() - start) / 1e9
  const delivered = counts.reduce((a, b) => a + b, 0)
  await Promise.all(ns.map((n) => n.stop()))
  return { delivered, seconds, throughput: delivered / seconds, publishRate: Math.min(...counts) / seconds }
}

function percentile (sorted, p) {
  if (sorted.length === 0) return null
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
}

async function latency () {
  const [a, b, c] = await nodes(3)
  await a.dial(b.getMultiaddrs()[0])
  await b.dial(c.getMultiaddrs()[0])
  const hop1 = []
  const hop2 = []
  const record = (into) => (e) => {
    const sentAt = new DataView(e.detail.data.buffer, e.detail.data.byteOffset).getBigUint64(8)
    into.push(Number(now() - sentAt) / 1e6)
  }
  for (const n of [a, b, c]) n.services.pubsub.subscribe(TOPIC)
  b.services.pubsub.addEventListener('message', record(hop1))
  c.services.pubsub.addEventListener('message', record(hop2))
  await meshed(a, 1)
  await meshed(b, 2)
  await meshed(c, 1)
  const interval = 1e9 / RATE
  const start = now()
  for (let i = 0; i < M; i++) {
    const due = start + BigInt(Math.round(i * interval))
    while (now() < due) await tick()
    a.services.pubsub.publish(TOPIC, payload(i, now())).catch(() => {})
  }
  const deadline = Date.now() + 10000
  while ((hop1.length < M || hop2.length < M) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
  await Promise.all([a, b, c].map((n) => n.stop()))
  hop1.sort((x, y) => x - y)
  hop2.sort((x, y) => x - y)
  return { hop1, hop2 }
}

const t = await throughput()
const l = await latency()
const ms = (v) => (v == null ? null : Number(v.toFixed(3)))
console.log(JSON.stringify({
  impl: 'js-libp2p',
  nodes: 4,
  size: SIZE,
  messages: N,
  throughput_msgs_per_s: Math.round(t.throughput),
  publish_rate: Math.round(t.publishRate),
  seconds: Number(t.seconds.toFixed(3)),
  latency_rate: RATE,
  one_hop_p50_ms: ms(percentile(l.hop1, 0.5)),
  one_hop_p99_ms: ms(percentile(l.hop1, 0.99)),
  two_hop_p50_ms: ms(percentile(l.hop2, 0.5)),
  two_hop_p99_ms: ms(percentile(l.hop2, 0.99)),
  latency_delivered_one_hop: l.hop1.length,
  latency_delivered_two_hop: l.hop2.length
}))
process.exit(0)
