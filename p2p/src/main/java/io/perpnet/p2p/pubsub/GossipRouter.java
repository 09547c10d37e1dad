package io.perpnet.p2p.pubsub;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlIHave;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlMessage;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlPrune;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlGraft;
import io.perpnet.p2p.pubsub.pb.RpcProtos.Message;
import io.perpnet.p2p.pubsub.pb.RpcProtos.RPC;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The GossipSub v1.1 router (spec: pubsub/gossipsub/gossipsub-v1.0.md and -v1.1.md). Pure state
 * machine: the network glue feeds it peers and RPCs and gives it a {@link Sender}; it must be used
 * from one thread. It handles our subscriptions, publishing, and each inbound message (seen cache,
 * signature policy, validation, delivery, forwarding), and composes the rest:
 * {@link PeerTable} (peers, per-peer limits, the outbox), {@link Mesh} (mesh, fanout, GRAFT, PRUNE,
 * backoff), {@link Gossip} (IHAVE, IWANT, promises), {@link ValidationPipeline} (verdicts in each
 * peer's order) and a {@link GossipScore} fed with what peers do.
 */
public final class GossipRouter {
  public static final String MESHSUB_1_1 = "/meshsub/1.1.0";
  public static final String MESHSUB_1_0 = "/meshsub/1.0.0";
  /**
   * How long scoring remembers who delivered a message: long past the mesh-delivery window (P3)
   * and normal propagation, and short enough that the records stay small at high message rates.
   */
  static final long DELIVERY_RECORD_MILLIS = 10_000;

  /** Where the router's RPCs go. */
  public interface Sender {
    void send(PeerId peer, RPC rpc);

    /** Asks the glue to drop every connection to a graylisted peer. */
    default void disconnect(PeerId peer) {}

    /** Runs {@code task} on the router's thread; validators' verdicts come back this way. */
    default void runOnRouter(final Runnable task) {
      task.run();
    }
  }

  private record Subscription(AsyncTopicValidator validator, Consumer<PubsubMessage> handler) {}

  /** Counters for operators and tests. */
  public static final class Stats {
    public long delivered;
    public long duplicates;
    public long rejected;
    public long ignored;
    public long rateLimited;
    public long graylisted;
    /** Messages dropped because too many of the peer's (or everyone's) were waiting for a verdict. */
    public long throttled;
  }

  /** The outcome of a publish. */
  public record Published(MessageId id, int peers) {}

  private final Ed25519KeyPair identity;
  private final PeerId self;
  private final GossipParams params;
  private final ScoreParams scoreParams;
  private final SignaturePolicy policy;
  private final Sender sender;
  private final LongSupplier clock;
  private final GossipScore score;
  private final PeerTable peers;
  private final Mesh mesh;
  private final Gossip gossip;
  private final Map<String, Subscription> subscriptions = new HashMap<>();
  private final MessageCache cache;
  private final SeenCache seen;
  private final ValidationPipeline validation;
  private final Stats stats = new Stats();
  private long seqno;
  private long ticks;

  public GossipRouter(final Ed25519KeyPair identity, final GossipParams params, final ScoreParams scoreParams,
      final SignaturePolicy policy, final Sender sender, final LongSupplier clock, final Random random,
      final ToDoubleFunction<PeerId> appScore) {
    this.identity = identity;
    this.self = PeerId.of(identity.publicKey());
    this.params = params;
    this.scoreParams = scoreParams;
    this.policy = policy;
    this.sender = sender;
    this.clock = clock;
    this.score = new PeerScore(scoreParams, appScore);
    this.peers = new PeerTable(params, sender);
    this.cache = new MessageCache(params.mcacheLength(), params.mcacheGossip());
    this.seen = new SeenCache(params.seenTtl().toMillis());
    this.mesh = new Mesh(params, scoreParams.thresholds(), score, peers, clock, random, subscriptions::containsKey);
    this.gossip = new Gossip(params, scoreParams.thresholds(), score, peers, cache, seen, clock, random,
        subscriptions::containsKey);
    this.validation = new ValidationPipeline(sender::runOnRouter, this::verdict, params.maxValidatingPerPeer(),
        params.maxValidating());
    this.seqno = System.currentTimeMillis() * 1_000_000L;
  }

  public SignaturePolicy policy() {
    return policy;
  }

  /** Topic-peer backoff entries held (for the tests: PRUNE storms must not grow them). */
  int backoffEntries() {
    return mesh.backoffEntries();
  }

  public Stats stats() {
    return stats;
  }

  public double score(final PeerId peer) {
    return score.score(peer, clock.getAsLong());
  }

  public Set<PeerId> meshPeers(final String topic) {
    return Set.copyOf(mesh.peers(topic));
  }

  public Set<PeerId> peersOf(final String topic) {
    return peers.subscribedTo(topic);
  }

  /** Messages waiting for a verdict. */
  public int validating() {
    return validation.waiting();
  }

  /** For tests and the CLI: message ids still in the cache. */
  int cachedMessages() {
    return cache.size();
  }

  // ---- peers -----------------------------------------------------------------------------------

  /**
   * A peer that speaks gossip: called when the first of its streams (ours to it, or its to us) is
   * ready, so RPCs that arrive before our own stream opened are not lost. Idempotent.
   */
  public void addPeer(final PeerId peer, final String protocol, final boolean outbound, final String ip) {
    if (peers.add(peer, protocol, outbound, clock.getAsLong())) {
      score.addPeer(peer, ip);
    }
  }

  /** Our stream to {@code peer} is ready: tell it what we are subscribed to. */
  public void greet(final PeerId peer) {
    if (peers.contains(peer) && !subscriptions.isEmpty()) {
      final RPC.Builder hello = RPC.newBuilder();
      for (final String t : subscriptions.keySet()) {
        hello.addSubscriptions(RPC.SubOpts.newBuilder().setSubscribe(true).setTopicid(t));
      }
      sender.send(peer, hello.build());
    }
  }

  public void removePeer(final PeerId peer) {
    if (!peers.remove(peer)) {
      return;
    }
    mesh.peerGone(peer);
    score.removePeer(peer, clock.getAsLong());
  }

  /** Misbehaviour outside the RPC content (an oversized or unparsable frame). */
  public void penalise(final PeerId peer) {
    score.addPenalty(peer, 1);
  }

  public boolean hasPeer(final PeerId peer) {
    return peers.contains(peer);
  }

  // ---- our subscriptions and messages ----------------------------------------------------------

  /** Subscribes with a validator that runs on the router thread. */
  public void subscribe(final String topic, final TopicValidator validator, final Consumer<PubsubMessage> handler) {
    subscribeAsync(topic, AsyncTopicValidator.inline(validator), handler);
  }

  /**
   * Subscribes; {@code validator}'s verdicts may complete on any thread, and are applied here in
   * each peer's order. {@code handler} receives every accepted message on the router thread.
   */
  public void subscribeAsync(final String topic, final AsyncTopicValidator validator,
      final Consumer<PubsubMessage> handler) {
    if (subscriptions.put(topic, new Subscription(validator, handler)) != null) {
      return;
    }
    announce(topic, true);
    mesh.join(topic);
    peers.flushControl();
  }

  public void unsubscribe(final String topic) {
    if (subscriptions.remove(topic) == null) {
      return;
    }
    announce(topic, false);
    mesh.leave(topic);
    peers.flushControl();
  }

  public boolean isSubscribed(final String topic) {
    return subscriptions.containsKey(topic);
  }

  private void announce(final String topic, final boolean subscribe) {
    final RPC rpc = RPC.newBuilder()
        .addSubscriptions(RPC.SubOpts.newBuilder().setSubscribe(subscribe).setTopicid(topic)).build();
    for (final PeerId p : peers.ids()) {
      sender.send(p, rpc);
    }
  }

  /**
   * Publishes {@code data} on {@code topic}: to every subscribed peer above the publish threshold
   * (flood publishing), or to the mesh or fanout when flood publishing is off.
   *
   * @return the message id, and how many peers it was sent to
   */
  public Published publish(final String topic, final byte[] data) {
    final Message m = policy.author(identity, topic, data, ++seqno);
    final MessageId id = policy.messageId(m);
    final long now = clock.getAsLong();
    seen.add(id, now);
    cache.put(id, m);
    final Set<PeerId> targets = new HashSet<>();
    if (params.floodPublish()) {
      peers.forEach((p, s) -> {
        if (s.topics.contains(topic) && score(p) >= scoreParams.thresholds().publish()) {
          targets.add(p);
        }
      });
    } else {
      targets.addAll(mesh.publishTargets(topic, now));
    }
    final RPC rpc = RPC.newBuilder().addPublish(m).build();
    for (final PeerId p : targets) {
      sender.send(p, rpc);
    }
    return new Published(id, targets.size());
  }

  // ---- inbound ---------------------------------------------------------------------------------

  /** Handles one RPC from {@code from}: cheapest checks first (known peer, rate, graylist). */
  public void handleRpc(final PeerId from, final RPC rpc) {
    final PeerTable.Peer state = peers.get(from);
    if (state == null) {
      return;
    }
    final long now = clock.getAsLong();
    if (!peers.takeToken(state, now)) {
      stats.rateLimited++;
      score.addPenalty(from, 1);
      return;
    }
    if (score.score(from, now) < scoreParams.thresholds().graylist()) {
      stats.graylisted++;
      return;
    }
    for (final RPC.SubOpts sub : rpc.getSubscriptionsList()) {
      if (!sub.getTopicid().isEmpty() && peers.onSubscription(state, sub)) {
        mesh.peerLeft(from, sub.getTopicid());
      }
    }
    for (final Message m : rpc.getPublishList()) {
      onMessage(from, m, now);
    }
    if (rpc.hasControl()) {
      onControl(from, rpc.getControl(), now);
    }
    peers.flushControl();
  }

  private void onMessage(final PeerId from, final Message m, final long now) {
    final Subscription sub = subscriptions.get(m.getTopic());
    if (sub == null) {
      return; // not our topic: neither delivered nor forwarded
    }
    final MessageId id = policy.messageId(m);
    if (seen.contains(id)) {
      // before any signature check: a replayed message costs a lookup, not a verification
      gossip.arrived(id);
      stats.duplicates++;
      score.duplicate(from, id, m.getTopic(), now);
      return;
    }
    if (!validation.hasRoom(from)) {
      stats.throttled++; // before the signature check: a flood costs a lookup
      return;
    }
    final PeerId author;
    try {
      author = policy.check(m);
    } catch (SignaturePolicy.InvalidMessageException e) {
      stats.rejected++;
      score.rejected(from, null, m.getTopic(), now);
      return;
    }
    gossip.arrived(id);
    seen.add(id, now);
    if (self.equals(author)) {
      return; // our own message came back
    }
    final PubsubMessage message = new PubsubMessage(m.getTopic(), m.getData().toByteArray(),
        Optional.ofNullable(author), from, id);
    CompletableFuture<ValidationResult> verdict;
    try {
      verdict = sub.validator().validate(message);
    } catch (RuntimeException e) {
      verdict = CompletableFuture.completedFuture(ValidationResult.REJECT);
    }
    if (!verdict.isDone()) {
      score.validating(from, id, now);
    }
    validation.submit(new ValidationPipeline.Pending(from, m, message, author, verdict));
  }

  /** A validator's verdict, on the router thread, in the order the sending peer's messages arrived. */
  private void verdict(final ValidationPipeline.Pending p, final ValidationResult result) {
    final long now = clock.getAsLong();
    final Message m = p.raw();
    final MessageId id = p.message().id();
    score.verdict(p.from(), id, m.getTopic(), result, now);
    switch (result) {
      case REJECT -> stats.rejected++;
      case IGNORE -> stats.ignored++;
      case ACCEPT -> {
        final Subscription sub = subscriptions.get(m.getTopic());
        if (sub == null) {
          return; // we left the topic while the message was validating
        }
        stats.delivered++;
        cache.put(id, m);
        sub.handler().accept(p.message());
        forward(m, p.from(), p.author());
      }
      default -> throw new IllegalStateException();
    }
  }

  private void forward(final Message m, final PeerId from, final PeerId author) {
    final Set<PeerId> targets = mesh.peers(m.getTopic());
    if (targets.isEmpty()) {
      return;
    }
    final RPC rpc = RPC.newBuilder().addPublish(m).build();
    for (final PeerId p : targets) {
      if (!p.equals(from) && !p.equals(author)) {
        sender.send(p, rpc);
      }
    }
  }

  private void onControl(final PeerId from, final ControlMessage c, final long now) {
    final double s = score.score(from, now);
    for (final ControlIHave ihave : c.getIhaveList()) {
      gossip.onIHave(from, ihave, s);
    }
    final List<Message> answers = gossip.onIWant(from, c.getIwantList());
    for (final ControlGraft graft : c.getGraftList()) {
      mesh.onGraft(from, graft.getTopicID(), s, now);
    }
    for (final ControlPrune prune : c.getPruneList()) {
      mesh.onPrune(from, prune);
    }
    if (!answers.isEmpty()) {
      sender.send(from, RPC.newBuilder().addAllPublish(answers).build());
    }
  }

  // ---- heartbeat -------------------------------------------------------------------------------

  /** One heartbeat: mesh upkeep, fanout upkeep, gossip, cache shift, expiry, score decay. */
  public void heartbeat() {
    final long now = clock.getAsLong();
    ticks++;
    final Map<PeerId, Double> scores = new HashMap<>();
    final ToDoubleFunction<PeerId> scoreOf = p -> scores.computeIfAbsent(p, q -> score.score(q, now));
    mesh.heartbeat(scoreOf, now, ticks);
    gossip.emit(mesh.meshAndFanout(), scoreOf);
    gossip.brokenPromises(now);
    peers.newBeat();
    cache.shift();
    seen.expire(now);
    mesh.expireBackoff(now);
    final long decayTicks = Math.max(1, scoreParams.decayInterval().toMillis() / params.heartbeat().toMillis());
    if (ticks % decayTicks == 0) {
      score.decay(now, Math.min(params.seenTtl().toMillis(), DELIVERY_RECORD_MILLIS));
    }
    for (final PeerId p : List.copyOf(peers.ids())) {
      if (scoreOf.applyAsDouble(p) < scoreParams.thresholds().graylist()) {
        sender.disconnect(p);
      }
    }
    peers.flushControl();
  }
}
