// A js-libp2p peer with the same command-line contract as `./perp p2p`, for interop tests.
// Usage: node jspeer.mjs --seed <64 hex> --listen <multiaddr> [--dial <multiaddr>]... --topic <t> [--nosign]
// stdout: LISTEN <addr>/p2p/<id> | MSG <topic> <from|-> <hex> | CONNECTED <id> | DISCONNECTED <id>
//         IDENTIFY <id> <json> | SUBSCRIBED <id> <topic> | PONG <id> <ms> | PEERS <ids> | MESH <topic> <ids> | ERR <text>
// stdin: a line is published to the topic; "!ping <id|multiaddr>", "!peers", "!mesh [<id>...]" are commands
//        ("!mesh" with ids answers once the mesh holds all of them, checked at every heartbeat).
import './node20-polyfill.mjs'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { multiaddr } from '@multiformats/multiaddr'
import { peerIdFromString } from '@libp2p/peer-id'
import { createPeer, hex } from './peer.mjs'

const { values: opts } = parseArgs({
  options: {
    seed: { type: 'string' },
    listen: { type: 'string', default: '/ip4/127.0.0.1/tcp/0' },
    dial: { type: 'string', multiple: true, default: [] },
    topic: { type: 'string' },
    nosign: { type: 'boolean', default: false }
  }
})
if (opts.seed == null || !/^[0-9a-f]{64}$/i.test(opts.seed) || opts.topic == null) {
  console.error('usage: node jspeer.mjs --seed <64 hex> --listen <multiaddr> [--dial <multiaddr>]... --topic <t> [--nosign]')
  process.exit(2)
}

const out = (line) => process.stdout.write(line + '\n')
const node = await createPeer({ seed: Buffer.from(opts.seed, 'hex'), listen: [opts.listen], nosign: opts.nosign })
const pubsub = node.services.pubsub

node.addEventListener('peer:connect', (e) => out(`CONNECTED ${e.detail}`))
node.addEventListener('peer:disconnect', (e) => out(`DISCONNECTED ${e.detail}`))
node.addEventListener('peer:identify', (e) => {
  const r = e.detail
  out(`IDENTIFY ${r.peerId} ${JSON.stringify({
    protocols: r.protocols,
    listenAddrs: r.listenAddrs.map(String),
    agentVersion: r.agentVersion,
    protocolVersion: r.protocolVersion
  })}`)
})
pubsub.addEventListener('subscription-change', (e) => {
  for (const s of e.detail.subscriptions) {
    if (s.subscribe) out(`SUBSCRIBED ${e.detail.peerId} ${s.topic}`)
  }
})
pubsub.addEventListener('message', (e) => {
  const m = e.detail
  out(`MSG ${m.topic} ${m.type === 'signed' ? m.from.toString() : '-'} ${hex(m.data)}`)
})
pubsub.subscribe(opts.topic)

const listening = node.getMultiaddrs().find((a) => a.toString().includes('/tcp/'))
out(`LISTEN ${listening}`)

for (const target of opts.dial) {
  let lastError
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await node.dial(multiaddr(target))
      lastError = undefined
      break
    } catch (err) {
      lastError = err
      await new Promise((resolve) => setTimeout(resolve, 200 * (attempt + 1)))
    }
  }
  if (lastError) out(`ERR dial ${target} ${lastError.message}`)
}

// Answers "MESH <topic> <ids>" as soon as the topic mesh holds every peer of `wanted`.
function answerMesh (wanted) {
  const holds = () => {
    const mesh = pubsub.getMeshPeers(opts.topic).map(String)
    if (!wanted.every((id) => mesh.includes(id))) return false
    out(`MESH ${opts.topic} ${mesh.join(' ')}`)
    return true
  }
  if (holds()) return
  const check = () => { if (holds()) pubsub.removeEventListener('gossipsub:heartbeat', check) }
  pubsub.addEventListener('gossipsub:heartbeat', check)
}

async function command (line) {
  const [cmd, arg, ...rest] = line.split(/\s+/)
  if (cmd === '!peers') {
    out(`PEERS ${node.getPeers().map(String).join(' ')}`)
  } else if (cmd === '!mesh') {
    answerMesh([arg, ...rest].filter((id) => id != null && id !== ''))
  } else if (cmd === '!ping') {
    const target = arg.startsWith('/') ? multiaddr(arg) : peerIdFromString(arg)
    const rtt = await node.services.ping.ping(target)
    out(`PONG ${arg.startsWith('/') ? arg.split('/p2p/')[1] : arg} ${rtt}`)
  } else {
    out(`ERR unknown command ${cmd}`)
  }
}

let stopping = false
async function stop () {
  if (stopping) return
  stopping = true
  await node.stop()
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)

const lines = createInterface({ input: process.stdin })
lines.on('line', (line) => {
  const task = line.startsWith('!')
    ? command(line)
    : pubsub.publish(opts.topic, new TextEncoder().encode(line))
  task.catch((err) => out(`ERR ${line.startsWith('!') ? line : 'publish'} ${err.message}`))
})
lines.on('close', stop)
