package io.perpnet.p2p.host;

import io.perpnet.consensus.identity.PeerId;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Who may hold a connection, decided twice: at TCP accept or dial (by IP, before any work) and
 * once the Noise handshake proved the peer's identity (by peer). Inbound and outbound connections
 * have separate budgets, so peers flooding us cannot take the slots of the peers we dial; the last
 * {@link Limits#reservedInbound()} inbound slots are kept for peers the {@code trusted} predicate
 * vouches for (a good gossip score). Half-open connections are counted and limited apart from
 * established ones. Every admitted connection holds a {@link Ticket} that is released when its
 * channel closes.
 *
 * <p>Thread-safe (every method is synchronized; the state is a handful of counters).
 */
public final class Admission {
  /**
   * @param maxInbound established connections a peer opened to us
   * @param maxOutbound established connections we opened (dialled peers never compete with inbound ones)
   * @param maxPending inbound connections whose handshake has not finished (our own dials are
   *     bounded by {@code maxOutbound} instead, so a flood of half-open connections cannot stop us
   *     dialling)
   * @param maxPerIp inbound connections (pending and established) from one IP address
   * @param maxPerPeer connections to one peer, both directions
   * @param reservedInbound of {@code maxInbound}, slots only trusted peers may take
   */
  public record Limits(int maxInbound, int maxOutbound, int maxPending, int maxPerIp, int maxPerPeer,
      int reservedInbound) {
    public Limits {
      if (maxInbound < 1 || maxOutbound < 1 || maxPending < 1 || maxPerIp < 1 || maxPerPeer < 1
          || reservedInbound < 0 || reservedInbound >= maxInbound) {
        throw new IllegalArgumentException("admission limits must be positive, the reserve below maxInbound");
      }
    }

    /** 192 in, 64 out, 64 pending, 8 per IP, 2 per peer, 32 inbound slots reserved. */
    public static Limits defaults() {
      return new Limits(192, 64, 64, 8, 2, 32);
    }

    public Limits withMaxInbound(final int max, final int reserved) {
      return new Limits(max, maxOutbound, maxPending, maxPerIp, maxPerPeer, reserved);
    }

    public Limits withMaxPending(final int max) {
      return new Limits(maxInbound, maxOutbound, max, maxPerIp, maxPerPeer, reservedInbound);
    }

    public Limits withMaxPerIp(final int max) {
      return new Limits(maxInbound, maxOutbound, maxPending, max, maxPerPeer, reservedInbound);
    }
  }

  /** One connection's claim; {@link #release(Ticket)} gives it back exactly once. */
  public static final class Ticket {
    final boolean inbound;
    final InetAddress ip;
    PeerId peer;
    boolean established;
    boolean released;

    Ticket(final boolean inbound, final InetAddress ip) {
      this.inbound = inbound;
      this.ip = ip;
    }
  }

  private final Limits limits;
  private final Map<InetAddress, Integer> perIp = new HashMap<>();
  private final Map<PeerId, Integer> perPeer = new HashMap<>();
  private int pending;
  private int dialling;
  private int inbound;
  private int outbound;
  private Predicate<PeerId> trusted = p -> false;

  public Admission(final Limits limits) {
    this.limits = limits;
  }

  public Limits limits() {
    return limits;
  }

  /** Peers allowed into the reserved inbound slots. */
  public synchronized void trust(final Predicate<PeerId> predicate) {
    this.trusted = predicate;
  }

  /** At TCP accept or dial: a ticket, or the reason there is none. */
  public synchronized Decision<Ticket> open(final boolean isInbound, final InetAddress ip) {
    if (isInbound && pending >= limits.maxPending()) {
      return Decision.refused(pending + " inbound handshakes pending");
    }
    if (isInbound && perIp.getOrDefault(ip, 0) >= limits.maxPerIp()) {
      return Decision.refused(limits.maxPerIp() + " connections from " + ip.getHostAddress() + " already");
    }
    if (isInbound && inbound >= limits.maxInbound()) {
      return Decision.refused(inbound + " inbound connections already");
    }
    if (!isInbound && outbound + dialling >= limits.maxOutbound()) {
      return Decision.refused(outbound + dialling + " outbound connections already");
    }
    if (isInbound) {
      pending++;
      perIp.merge(ip, 1, Integer::sum);
    } else {
      dialling++;
    }
    return Decision.admitted(new Ticket(isInbound, ip));
  }

  /** True once more than half the inbound pending slots are taken: handshakes then get the short timeout. */
  public synchronized boolean loaded() {
    return pending * 2 > limits.maxPending();
  }

  /** After the handshake proved {@code peer}: the connection becomes established, or is refused. */
  public synchronized Decision<Ticket> establish(final Ticket ticket, final PeerId peer) {
    if (ticket.released || ticket.established) {
      return Decision.refused("connection already closed");
    }
    if (perPeer.getOrDefault(peer, 0) >= limits.maxPerPeer()) {
      return Decision.refused(limits.maxPerPeer() + " connections to " + peer + " already");
    }
    if (ticket.inbound) {
      if (inbound >= limits.maxInbound()) {
        return Decision.refused(inbound + " inbound connections already");
      }
      if (inbound >= limits.maxInbound() - limits.reservedInbound() && !trusted.test(peer)) {
        return Decision.refused("the last " + limits.reservedInbound() + " inbound slots are kept for trusted peers");
      }
      inbound++;
      pending--;
    } else {
      dialling--;
      outbound++;
    }
    ticket.established = true;
    ticket.peer = peer;
    perPeer.merge(peer, 1, Integer::sum);
    return Decision.admitted(ticket);
  }

  public synchronized void release(final Ticket ticket) {
    if (ticket.released) {
      return;
    }
    ticket.released = true;
    if (ticket.established) {
      if (ticket.inbound) {
        inbound--;
      } else {
        outbound--;
      }
      perPeer.computeIfPresent(ticket.peer, (p, n) -> n == 1 ? null : n - 1);
    } else if (ticket.inbound) {
      pending--;
    } else {
      dialling--;
    }
    if (ticket.inbound) {
      perIp.computeIfPresent(ticket.ip, (a, n) -> n == 1 ? null : n - 1);
    }
  }

  /** Counts, for metrics and tests. */
  public synchronized Counts counts() {
    return new Counts(pending, inbound, outbound, perIp.size(), perPeer.size());
  }

  /** {@code ips}: addresses holding inbound connections; {@code peers}: peers with an established one. */
  public record Counts(int pending, int inbound, int outbound, int ips, int peers) {}

  /** Admitted with a value, or refused with a reason. */
  public record Decision<T>(T value, String refusal) {
    static <T> Decision<T> admitted(final T value) {
      return new Decision<>(value, null);
    }

    static <T> Decision<T> refused(final String reason) {
      return new Decision<>(null, reason);
    }

    public boolean isAdmitted() {
      return refusal == null;
    }
  }
}
