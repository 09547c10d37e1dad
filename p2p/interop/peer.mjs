// Builds a js-libp2p node configured the way the Java implementation expects: TCP, Noise, Yamux,
// Identify, Ping and GossipSub with the go/jvm message-id convention.
import './node20-polyfill.mjs'
import { createHash } from 'node:crypto'
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { gossipsub } from '@libp2p/gossipsub'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'

/** Message id: from || seqno under StrictSign (go, rust, jvm and our Java), SHA-256(data) unsigned. */
export function messageId (msg) {
  if (msg.type === 'signed') {
    const from = msg.from.toMultihash().bytes
    const seq = new Uint8Array(8)
    new DataView(seq.buffer).setBigUint64(0, msg.sequenceNumber)
    const id = new Uint8Array(from.length + 8)
    id.set(from, 0)
    id.set(seq, from.length)
    return id
  }
  return new Uint8Array(createHash('sha256').update(msg.data).digest())
}

export async function createPeer ({ seed, listen = ['/ip4/127.0.0.1/tcp/0'], nosign = false, coloWhitelist = true }) {
  const privateKey = await generateKeyPairFromSeed('Ed25519', seed)
  return createLibp2p({
    privateKey,
    addresses: { listen },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: {
      identify: identify(),
      ping: ping(),
      pubsub: gossipsub({
        globalSignaturePolicy: nosign ? 'StrictNoSign' : 'StrictSign',
        msgIdFn: messageId,
        allowPublishToZeroTopicPeers: true,
        emitSelf: false,
        scoreParams: coloWhitelist ? { IPColocationFactorWhitelist: new Set(['127.0.0.1']) } : {}
      })
    }
  })
}

export function hex (bytes) {
  return Buffer.from(bytes).toString('hex')
}
