package io.perpnet.p2p.host;

import io.perpnet.consensus.identity.PeerId;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Peers refused at the handshake until a time: a peer the gossip router graylisted is banned for
 * a while instead of being readmitted and cut off again at every heartbeat. Checked once the
 * Noise handshake has proved the remote's identity, before any stream opens. Bounded: at most
 * {@link #MAX_BANNED} peers; past that, expired bans are dropped first, then new bans are not
 * recorded (the peer is still disconnected, and its retained score still counts against it).
 * Thread-safe: the host's event loops consult it.
 */
public final class ConnectionGater {
  public static final int MAX_BANNED = 10_000;

  private final LongSupplier clock;
  private final Map<PeerId, Long> bannedUntil = new ConcurrentHashMap<>();

  public ConnectionGater(final LongSupplier clockMillis) {
    this.clock = clockMillis;
  }

  /** Refuses {@code peer}'s connections for {@code duration} from now (a longer ban already there stays). */
  public void ban(final PeerId peer, final Duration duration) {
    final long now = clock.getAsLong();
    if (bannedUntil.size() >= MAX_BANNED) {
      bannedUntil.values().removeIf(until -> until <= now);
      if (bannedUntil.size() >= MAX_BANNED) {
        return;
      }
    }
    bannedUntil.merge(peer, now + duration.toMillis(), Math::max);
  }

  /** Lifts a ban (an operator's decision, or a test's). */
  public void lift(final PeerId peer) {
    bannedUntil.remove(peer);
  }

  /** Whether a connection from or to {@code peer} is refused now; an expired ban is forgotten. */
  public boolean refuses(final PeerId peer) {
    final Long until = bannedUntil.get(peer);
    if (until == null) {
      return false;
    }
    if (until <= clock.getAsLong()) {
      bannedUntil.remove(peer, until);
      return false;
    }
    return true;
  }

  public int banned() {
    return bannedUntil.size();
  }
}
