package io.perpnet.p2p.discovery;

import io.netty.channel.EventLoop;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.host.Host;
import io.perpnet.p2p.multiaddr.Multiaddr;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the node connected: bootstrap peers are always redialled after a loss, and while fewer
 * than {@code targetPeers} are connected, peers learnt from Identify (the address book) are dialled
 * too. Failed dials back off exponentially per peer, from 1 s to 5 minutes. (No mDNS, no Kademlia.)
 */
public final class Discovery implements AutoCloseable {
  static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
  private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);

  private record Backoff(long notBefore, long delayMillis) {}

  private final Host host;
  private final List<Multiaddr> bootstrap;
  private final int targetPeers;
  private final EventLoop loop;
  private final Map<PeerId, Backoff> backoff = new HashMap<>();
  private final Map<Multiaddr, Backoff> bootstrapBackoff = new HashMap<>();
  private final Set<Object> dialling = new java.util.HashSet<>();
  private final ScheduledFuture<?> task;

  public Discovery(final Host host, final List<Multiaddr> bootstrap, final int targetPeers, final Duration interval) {
    this.host = host;
    this.bootstrap = List.copyOf(bootstrap);
    this.targetPeers = targetPeers;
    this.loop = host.nextEventLoop();
    this.task = loop.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tick() {
    final long now = System.currentTimeMillis();
    final List<PeerId> connected = host.connectedPeers();
    for (final Multiaddr a : bootstrap) {
      final PeerId id = a.peerId().orElse(null);
      if ((id != null && connected.contains(id)) || dialling.contains(a) || !due(bootstrapBackoff.get(a), now)) {
        continue;
      }
      dialling.add(a);
      host.dial(a).whenComplete((c, e) -> loop.execute(() -> {
        dialling.remove(a);
        final boolean firstFailure = e != null && bootstrapBackoff.get(a) == null;
        bootstrapBackoff.compute(a, (k, b) -> e == null ? null : next(b, now));
        if (firstFailure) {
          LOG.warn("bootstrap peer {} cannot be reached ({}); retrying with backoff", a, e.toString());
        } else if (e != null) {
          LOG.debug("bootstrap {} failed: {}", a, e.toString());
        }
      }));
    }
    int wanted = targetPeers - connected.size();
    for (final PeerId peer : host.addressBook().peers()) {
      if (wanted <= 0) {
        break;
      }
      if (peer.equals(host.peerId()) || connected.contains(peer) || dialling.contains(peer)
          || !due(backoff.get(peer), now) || host.addressBook().addresses(peer).isEmpty()) {
        continue;
      }
      wanted--;
      dialling.add(peer);
      host.connect(peer).whenComplete((c, e) -> loop.execute(() -> {
        dialling.remove(peer);
        backoff.compute(peer, (k, b) -> e == null ? null : next(b, now));
      }));
    }
  }

  private static boolean due(final Backoff b, final long now) {
    return b == null || now >= b.notBefore();
  }

  private static Backoff next(final Backoff b, final long now) {
    final long delay = b == null ? MIN_BACKOFF.toMillis() : Math.min(MAX_BACKOFF.toMillis(), b.delayMillis() * 2);
    return new Backoff(now + delay, delay);
  }

  @Override
  public void close() {
    task.cancel(false);
  }
}
