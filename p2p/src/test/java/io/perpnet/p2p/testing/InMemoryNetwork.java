package io.perpnet.p2p.testing;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.P2pNetwork;
import io.perpnet.p2p.multiaddr.Multiaddr;
import io.perpnet.p2p.pubsub.AsyncTopicValidator;
import io.perpnet.p2p.pubsub.GossipRouter;
import io.perpnet.p2p.pubsub.MessageId;
import io.perpnet.p2p.pubsub.PubsubMessage;
import io.perpnet.p2p.pubsub.TopicValidator;
import io.perpnet.p2p.pubsub.ValidationResult;
import io.perpnet.p2p.reqresp.RequestResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * {@link P2pNetwork} without sockets, for the node's tests. Every node of one {@link Hub} is
 * connected to every other. A publish reaches every other node subscribed to the topic, through
 * that node's validator, in the publisher's order; a message id is SHA-256 of the data (as under
 * StrictNoSign), and a node sees each id once. Requests go straight to the peer's responder. All
 * deliveries and peer events run on the hub's one thread, so a test sees them in a fixed order.
 */
public final class InMemoryNetwork implements P2pNetwork {
  /** The shared medium; close it after the nodes. */
  public static final class Hub implements AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
        Thread.ofPlatform().daemon().name("in-memory-network").factory());
    private final Map<PeerId, InMemoryNetwork> nodes = new ConcurrentHashMap<>();

    /** A node that is connected to every node already in the hub. */
    public InMemoryNetwork join(final Ed25519KeyPair identity) {
      final InMemoryNetwork n = new InMemoryNetwork(this, identity);
      thread.execute(() -> {
        final List<InMemoryNetwork> others = List.copyOf(nodes.values());
        nodes.put(n.peerId, n);
        for (final InMemoryNetwork other : others) {
          other.events.forEach(e -> e.connected(n.peerId));
          n.events.forEach(e -> e.connected(other.peerId));
        }
      });
      return n;
    }

    void leave(final InMemoryNetwork n) {
      thread.execute(() -> {
        if (nodes.remove(n.peerId) != null) {
          for (final InMemoryNetwork other : nodes.values()) {
            other.events.forEach(e -> e.disconnected(n.peerId));
          }
        }
      });
    }

    @Override
    public void close() {
      thread.shutdownNow();
    }
  }

  private record Subscription(AsyncTopicValidator validator, Consumer<PubsubMessage> handler) {}

  private final Hub hub;
  private final PeerId peerId;
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final Map<String, RequestResponse.Responder> responders = new ConcurrentHashMap<>();
  private final List<PeerEvents> events = new CopyOnWriteArrayList<>();
  /** Hub thread only: ids seen, and per sender the tail of its messages' validations. */
  private final Set<MessageId> seen = new HashSet<>();
  private final Map<PeerId, CompletableFuture<Void>> tails = new HashMap<>();

  private InMemoryNetwork(final Hub hub, final Ed25519KeyPair identity) {
    this.hub = hub;
    this.peerId = PeerId.of(identity.publicKey());
  }

  @Override
  public PeerId peerId() {
    return peerId;
  }

  /** None: peers of a hub reach each other by id only. */
  @Override
  public List<Multiaddr> listenAddresses() {
    return List.of();
  }

  @Override
  public CompletableFuture<GossipRouter.Published> publish(final String topic, final byte[] data) {
    final byte[] copy = data.clone();
    final MessageId id = MessageId.of(sha256(copy));
    return CompletableFuture.supplyAsync(() -> {
      seen.add(id);
      int peers = 0;
      for (final InMemoryNetwork other : hub.nodes.values()) {
        if (other != this && other.receive(peerId, new PubsubMessage(topic, copy, Optional.empty(), peerId, id))) {
          peers++;
        }
      }
      return new GossipRouter.Published(id, peers);
    }, hub.thread);
  }

  /** On the hub thread: validates in the sender's order, then delivers on the hub thread. */
  private boolean receive(final PeerId from, final PubsubMessage m) {
    final Subscription sub = subscriptions.get(m.topic());
    if (sub == null || !seen.add(m.id())) {
      return sub != null;
    }
    final CompletableFuture<Void> tail = tails.getOrDefault(from, CompletableFuture.completedFuture(null));
    tails.put(from, tail.thenCompose(v -> verdict(sub, m)).thenAcceptAsync(verdict -> {
      if (verdict == ValidationResult.ACCEPT) {
        sub.handler().accept(m);
      }
    }, hub.thread));
    return true;
  }

  private static CompletableFuture<ValidationResult> verdict(final Subscription sub, final PubsubMessage m) {
    try {
      return sub.validator().validate(m).exceptionally(e -> ValidationResult.REJECT);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(ValidationResult.REJECT);
    }
  }

  @Override
  public void subscribe(final String topic, final TopicValidator validator, final Consumer<PubsubMessage> handler) {
    subscribeAsync(topic, m -> CompletableFuture.supplyAsync(() -> validator.validate(m)), handler);
  }

  @Override
  public void subscribeAsync(final String topic, final AsyncTopicValidator validator,
      final Consumer<PubsubMessage> handler) {
    subscriptions.put(topic, new Subscription(validator, handler));
  }

  @Override
  public void unsubscribe(final String topic) {
    subscriptions.remove(topic);
  }

  @Override
  public CompletableFuture<byte[]> request(final PeerId peer, final String protocol, final byte[] request) {
    final InMemoryNetwork other = hub.nodes.get(peer);
    final RequestResponse.Responder r = other == null ? null : other.responders.get(protocol);
    if (r == null) {
      return CompletableFuture.failedFuture(new IllegalStateException(
          other == null ? "not connected to " + peer : peer + " does not serve " + protocol));
    }
    return CompletableFuture.supplyAsync(() -> r.respond(peerId, request.clone()), hub.thread)
        .thenCompose(f -> f);
  }

  /** Nothing to do: every node of the hub reaches every other by id. */
  @Override
  public void addAddresses(final PeerId peer, final List<Multiaddr> addresses) {}

  @Override
  public void serve(final String protocol, final RequestResponse.Responder responder) {
    responders.put(protocol, responder);
  }

  @Override
  public void addPeerListener(final PeerEvents listener) {
    events.add(listener);
  }

  @Override
  public List<PeerId> connectedPeers() {
    return hub.nodes.keySet().stream().filter(p -> !p.equals(peerId)).toList();
  }

  @Override
  public CompletableFuture<Duration> ping(final PeerId peer) {
    return hub.nodes.containsKey(peer) ? CompletableFuture.completedFuture(Duration.ZERO)
        : CompletableFuture.failedFuture(new IllegalStateException("not connected to " + peer));
  }

  @Override
  public void close() {
    hub.leave(this);
  }

  private static byte[] sha256(final byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
