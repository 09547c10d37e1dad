// js-libp2p 3.x calls Promise.withResolvers (Node >= 22). Node 20 lacks it; this module adds it and
// must be imported before anything from libp2p.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers () {
    let resolve
    let reject
    const promise = new Promise((res, rej) => { resolve = res; reject = rej })
    return { promise, resolve, reject }
  }
}
