package io.perpnet.p2p.pubsub;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlGraft;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlIHave;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlIWant;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlMessage;
import io.perpnet.p2p.pubsub.pb.RpcProtos.ControlPrune;
import io.perpnet.p2p.pubsub.pb.RpcProtos.Message;
import io.perpnet.p2p.pubsub.pb.RpcProtos.RPC;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The GossipSub v1.1 router (spec: pubsub/gossipsub/gossipsub-v1.0.md and -v1.1.md): mesh,
 * fanout, gossip, backoff, scoring. Pure state machine: the network glue feeds it peers and RPCs
 * and gives it a {@link Sender}; it must be used from one thread.
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

  private static final class PeerState {
    final String protocol;
    final boolean outbound;
    final Set<String> topics = new HashSet<>();
    double tokens;
    long lastRefill;
    int ihavesThisBeat;
    int askedThisBeat;
    /** Messages sent in answer to this peer's IWANTs since the last heartbeat. */
    int servedThisBeat;

    PeerState(final String protocol, final boolean outbound) {
      this.protocol = protocol;
      this.outbound = outbound;
    }
  }

  private record Subscription(AsyncTopicValidator validator, Consumer<PubsubMessage> handler) {}

  private final Ed25519KeyPair identity;
  private final PeerId self;
  private final GossipParams params;
  private final ScoreParams scoreParams;
  private final SignaturePolicy policy;
  private final Sender sender;
  private final LongSupplier clock;
  private final Random random;
  private final PeerScore score;
  private final Map<PeerId, PeerState> peers = new HashMap<>();
  private final Map<String, Subscription> subscriptions = new HashMap<>();
  private final Map<String, Set<PeerId>> mesh = new HashMap<>();
  private final Map<String, Set<PeerId>> fanout = new HashMap<>();
  private final Map<String, Long> fanoutLastPublish = new HashMap<>();
  private final Map<String, Map<PeerId, Long>> backoff = new HashMap<>();
  private final Map<MessageId, PeerId> promises = new LinkedHashMap<>();
  private final Map<MessageId, Long> promiseDeadlines = new HashMap<>();
  private final MessageCache cache;
  private final SeenCache seen;
  private final Map<PeerId, ControlMessage.Builder> pendingControl = new HashMap<>();
  private final Stats stats = new Stats();
  private final ValidationPipeline validation;
  private long seqno;
  private long ticks;

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
    this.random = random;
    this.score = new PeerScore(scoreParams, appScore);
    this.cache = new MessageCache(params.mcacheLength(), params.mcacheGossip());
    this.seen = new SeenCache(params.seenTtl().toMillis());
    this.validation = new ValidationPipeline(sender::runOnRouter, this::verdict, params.maxValidatingPerPeer(),
        params.maxValidating());
    this.seqno = System.currentTimeMillis() * 1_000_000L;
  }

  public SignaturePolicy policy() {
    return policy;
  }

  /** Topic-peer backoff entries held (for the tests: PRUNE storms must not grow them). */
  int backoffEntries() {
    return backoff.values().stream().mapToInt(Map::size).sum();
  }

  public Stats stats() {
    return stats;
  }

  public double score(final PeerId peer) {
    return score.score(peer, clock.getAsLong());
  }

  public Set<PeerId> meshPeers(final String topic) {
    return Set.copyOf(mesh.getOrDefault(topic, Set.of()));
  }

  public Set<PeerId> peersOf(final String topic) {
    final Set<PeerId> out = new HashSet<>();
    peers.forEach((p, s) -> {
      if (s.topics.contains(topic)) {
        out.add(p);
      }
    });
    return out;
  }

  // ---- peers -----------------------------------------------------------------------------------

  /**
   * A peer that speaks gossip: called when the first of its streams (ours to it, or its to us) is
   * ready, so RPCs that arrive before our own stream opened are not lost. Idempotent.
   */
  public void addPeer(final PeerId peer, final String protocol, final boolean outbound, final String ip) {
    if (peers.containsKey(peer)) {
      return;
    }
    final PeerState s = new PeerState(protocol, outbound);
    s.tokens = params.maxRpcsPerSecond();
    s.lastRefill = clock.getAsLong();
    peers.put(peer, s);
    score.addPeer(peer, ip);
  }

  /** Our stream to {@code peer} is ready: tell it what we are subscribed to. */
  public void greet(final PeerId peer) {
    if (peers.containsKey(peer) && !subscriptions.isEmpty()) {
      final RPC.Builder hello = RPC.newBuilder();
      for (final String t : subscriptions.keySet()) {
        hello.addSubscriptions(RPC.SubOpts.newBuilder().setSubscribe(true).setTopicid(t));
      }
      sender.send(peer, hello.build());
    }
  }

  public void removePeer(final PeerId peer) {
    if (peers.remove(peer) == null) {
      return;
    }
    for (final Map.Entry<String, Set<PeerId>> e : mesh.entrySet()) {
      if (e.getValue().remove(peer)) {
        score.prune(peer, e.getKey());
      }
    }
    fanout.values().forEach(f -> f.remove(peer));
    pendingControl.remove(peer);
    score.removePeer(peer, clock.getAsLong());
  }

  /** Misbehaviour outside the RPC content (an oversized or unparsable frame). */
  public void penalise(final PeerId peer) {
    score.addPenalty(peer, 1);
  }

  public boolean hasPeer(final PeerId peer) {
    return peers.containsKey(peer);
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
    final boolean fresh = subscriptions.put(topic, new Subscription(validator, handler)) == null;
    if (!fresh) {
      return;
    }
    announce(topic, true);
    final Set<PeerId> m = new HashSet<>();
    final Set<PeerId> f = fanout.remove(topic);
    fanoutLastPublish.remove(topic);
    if (f != null) {
      for (final PeerId p : f) {
        if (m.size() < params.d() && score(p) >= 0) {
          m.add(p);
        }
      }
    }
    for (final PeerId p : candidates(topic, params.d() - m.size(), m, false)) {
      m.add(p);
    }
    mesh.put(topic, m);
    for (final PeerId p : m) {
      score.graft(p, topic, clock.getAsLong());
      control(p).addGraft(ControlGraft.newBuilder().setTopicID(topic));
    }
    flushControl();
  }

  public void unsubscribe(final String topic) {
    if (subscriptions.remove(topic) == null) {
      return;
    }
    announce(topic, false);
    final Set<PeerId> m = mesh.remove(topic);
    if (m != null) {
      for (final PeerId p : m) {
        score.prune(p, topic);
        addBackoff(p, topic, params.unsubscribeBackoff().toMillis());
        control(p).addPrune(prune(p, topic, params.unsubscribeBackoff().toSeconds()));
      }
    }
    flushControl();
  }

  public boolean isSubscribed(final String topic) {
    return subscriptions.containsKey(topic);
  }

  private void announce(final String topic, final boolean subscribe) {
    final RPC rpc = RPC.newBuilder()
        .addSubscriptions(RPC.SubOpts.newBuilder().setSubscribe(subscribe).setTopicid(topic)).build();
    for (final PeerId p : peers.keySet()) {
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
    } else if (mesh.containsKey(topic)) {
      targets.addAll(mesh.get(topic));
    } else {
      final Set<PeerId> f = fanout.computeIfAbsent(topic,
          t -> new HashSet<>(candidates(t, params.d(), Set.of(), true)));
      fanoutLastPublish.put(topic, now);
      targets.addAll(f);
    }
    final RPC rpc = RPC.newBuilder().addPublish(m).build();
    for (final PeerId p : targets) {
      sender.send(p, rpc);
    }
    return new Published(id, targets.size());
  }

  /** The outcome of a publish. */
  public record Published(MessageId id, int peers) {}

  // ---- inbound ---------------------------------------------------------------------------------

  /** Handles one RPC from {@code from}. */
  public void handleRpc(final PeerId from, final RPC rpc) {
    final PeerState state = peers.get(from);
    if (state == null) {
      return;
    }
    final long now = clock.getAsLong();
    if (!takeToken(state, now)) {
      stats.rateLimited++;
      score.addPenalty(from, 1);
      return;
    }
    if (score.score(from, now) < scoreParams.thresholds().graylist()) {
      stats.graylisted++;
      return;
    }
    for (final RPC.SubOpts sub : rpc.getSubscriptionsList()) {
      onSubscription(from, state, sub);
    }
    for (final Message m : rpc.getPublishList()) {
      onMessage(from, m, now);
    }
    if (rpc.hasControl()) {
      onControl(from, rpc.getControl(), now);
    }
    flushControl();
  }

  private boolean takeToken(final PeerState s, final long now) {
    final long elapsed = now - s.lastRefill;
    if (elapsed > 0) {
      s.tokens = Math.min(params.maxRpcsPerSecond(), s.tokens + elapsed * params.maxRpcsPerSecond() / 1000.0);
      s.lastRefill = now;
    }
    if (s.tokens < 1) {
      return false;
    }
    s.tokens -= 1;
    return true;
  }

  private void onSubscription(final PeerId from, final PeerState state, final RPC.SubOpts sub) {
    final String topic = sub.getTopicid();
    if (topic.isEmpty()) {
      return;
    }
    if (sub.getSubscribe()) {
      if (state.topics.size() < params.maxTopicsPerPeer()) {
        state.topics.add(topic);
      }
    } else if (state.topics.remove(topic)) {
      final Set<PeerId> m = mesh.get(topic);
      if (m != null && m.remove(from)) {
        score.prune(from, topic);
      }
      final Set<PeerId> f = fanout.get(topic);
      if (f != null) {
        f.remove(from);
      }
    }
  }

  private void onMessage(final PeerId from, final Message m, final long now) {
    final Subscription sub = subscriptions.get(m.getTopic());
    if (sub == null) {
      return; // not our topic: neither delivered nor forwarded
    }
    final MessageId id = policy.messageId(m);
    if (seen.contains(id)) {
      // before any signature check: a replayed message costs a lookup, not a verification
      promiseDeadlines.remove(id);
      promises.remove(id);
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
    promiseDeadlines.remove(id);
    promises.remove(id);
    seen.add(id, now);
    if (self.equals(author)) {
      return; // our own message came back
    }
    final PubsubMessage message = new PubsubMessage(m.getTopic(), m.getData().toByteArray(),
        Optional.ofNullable(author), from, id);
    java.util.concurrent.CompletableFuture<ValidationResult> verdict;
    try {
      verdict = sub.validator().validate(message);
    } catch (RuntimeException e) {
      verdict = java.util.concurrent.CompletableFuture.completedFuture(ValidationResult.REJECT);
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

  /** Messages waiting for a verdict. */
  public int validating() {
    return validation.waiting();
  }

  private void forward(final Message m, final PeerId from, final PeerId author) {
    final Set<PeerId> m2 = mesh.get(m.getTopic());
    if (m2 == null) {
      return;
    }
    final RPC rpc = RPC.newBuilder().addPublish(m).build();
    for (final PeerId p : m2) {
      if (!p.equals(from) && !p.equals(author)) {
        sender.send(p, rpc);
      }
    }
  }

  private void onControl(final PeerId from, final ControlMessage c, final long now) {
    final double s = score.score(from, now);
    final List<Message> answers = new ArrayList<>();
    for (final ControlIHave ihave : c.getIhaveList()) {
      onIHave(from, ihave, s);
    }
    // IWANT answers per peer and heartbeat are capped as IHAVE asks are (maxIHaveLength): a peer
    // cannot pull the whole message cache in one RPC
    final PeerState state = peers.get(from);
    for (final ControlIWant iwant : c.getIwantList()) {
      for (final com.google.protobuf.ByteString raw : iwant.getMessageIDsList()) {
        if (state.servedThisBeat >= params.maxIHaveLength()) {
          break;
        }
        final Message m = cache.forRequest(new MessageId(raw), from);
        if (m != null) {
          answers.add(m);
          state.servedThisBeat++;
        }
      }
    }
    for (final ControlGraft graft : c.getGraftList()) {
      onGraft(from, graft.getTopicID(), s, now);
    }
    for (final ControlPrune prune : c.getPruneList()) {
      onPrune(from, prune, now);
    }
    if (!answers.isEmpty()) {
      sender.send(from, RPC.newBuilder().addAllPublish(answers).build());
    }
  }

  private void onIHave(final PeerId from, final ControlIHave ihave, final double s) {
    final PeerState state = peers.get(from);
    if (s < scoreParams.thresholds().gossip() || !subscriptions.containsKey(ihave.getTopicID())
        || ++state.ihavesThisBeat > params.maxIHaveMessages() || state.askedThisBeat >= params.maxIHaveLength()) {
      return;
    }
    final List<com.google.protobuf.ByteString> want = new ArrayList<>();
    for (final com.google.protobuf.ByteString raw : ihave.getMessageIDsList()) {
      final MessageId id = new MessageId(raw);
      if (!seen.contains(id) && !promises.containsKey(id) && state.askedThisBeat < params.maxIHaveLength()) {
        want.add(raw);
        state.askedThisBeat++;
      }
    }
    if (want.isEmpty()) {
      return;
    }
    // one random id becomes a promise: if it does not arrive in time the advertiser is penalised
    final MessageId promised = new MessageId(want.get(random.nextInt(want.size())));
    promises.put(promised, from);
    promiseDeadlines.put(promised, clock.getAsLong() + params.iwantFollowupTime().toMillis());
    control(from).addIwant(ControlIWant.newBuilder().addAllMessageIDs(want));
  }

  private void onGraft(final PeerId from, final String topic, final double s, final long now) {
    if (!subscriptions.containsKey(topic)) {
      return; // unknown topic: ignore, do not answer (v1.1 spam protection)
    }
    final Set<PeerId> m = mesh.computeIfAbsent(topic, t -> new HashSet<>());
    if (m.contains(from)) {
      return;
    }
    final Long until = backoff.getOrDefault(topic, Map.of()).get(from);
    if (until != null && now < until) {
      score.addPenalty(from, 1);
      final long prunedAt = until - params.pruneBackoff().toMillis();
      if (now < prunedAt + params.graftFloodThreshold().toMillis()) {
        score.addPenalty(from, 1);
      }
      refuseGraft(from, topic);
      return;
    }
    if (s < 0 || (m.size() >= params.dHi() && !peers.get(from).outbound)) {
      refuseGraft(from, topic);
      return;
    }
    m.add(from);
    score.graft(from, topic, now);
  }

  private void refuseGraft(final PeerId peer, final String topic) {
    addBackoff(peer, topic, params.pruneBackoff().toMillis());
    control(peer).addPrune(prune(peer, topic, params.pruneBackoff().toSeconds()));
  }

  private void onPrune(final PeerId from, final ControlPrune prune, final long now) {
    final String topic = prune.getTopicID();
    if (!subscriptions.containsKey(topic)) {
      return; // a topic we never joined: no mesh to leave, and no backoff to keep for it
    }
    final Set<PeerId> m = mesh.get(topic);
    if (m != null && m.remove(from)) {
      score.prune(from, topic);
    }
    final long seconds = prune.hasBackoff() ? prune.getBackoff() : params.pruneBackoff().toSeconds();
    addBackoff(from, topic, Math.min(seconds, 3600) * 1000);
    // PX: peer exchange needs signed peer records to learn addresses; we neither send nor use it
  }

  private ControlPrune prune(final PeerId peer, final String topic, final long backoffSeconds) {
    final ControlPrune.Builder b = ControlPrune.newBuilder().setTopicID(topic);
    final PeerState s = peers.get(peer);
    if (s != null && !MESHSUB_1_0.equals(s.protocol)) {
      b.setBackoff(backoffSeconds);
    }
    return b.build();
  }

  private void addBackoff(final PeerId peer, final String topic, final long millis) {
    final long until = clock.getAsLong() + millis;
    backoff.computeIfAbsent(topic, t -> new HashMap<>()).merge(peer, until, Math::max);
  }

  private boolean backingOff(final PeerId peer, final String topic, final long now) {
    final Long until = backoff.getOrDefault(topic, Map.of()).get(peer);
    // one heartbeat of slack, so clock skew does not make us graft a moment too early
    return until != null && now < until + params.heartbeat().toMillis();
  }

  // ---- heartbeat -------------------------------------------------------------------------------

  /** One heartbeat: mesh upkeep, fanout upkeep, gossip, cache shift, expiry, score decay. */
  public void heartbeat() {
    final long now = clock.getAsLong();
    ticks++;
    final Map<PeerId, Double> scores = new HashMap<>();
    final ToDoubleFunction<PeerId> scoreOf = p -> scores.computeIfAbsent(p, q -> score.score(q, now));
    for (final Map.Entry<String, Set<PeerId>> e : mesh.entrySet()) {
      maintainMesh(e.getKey(), e.getValue(), scoreOf, now);
    }
    maintainFanout(scoreOf, now);
    emitGossip(scoreOf);
    brokenPromises(now);
    for (final PeerState s : peers.values()) {
      s.ihavesThisBeat = 0;
      s.askedThisBeat = 0;
      s.servedThisBeat = 0;
    }
    cache.shift();
    seen.expire(now);
    backoff.values().forEach(b -> b.values().removeIf(until -> until + params.heartbeat().toMillis() < now));
    final long decayTicks = Math.max(1, scoreParams.decayInterval().toMillis() / params.heartbeat().toMillis());
    if (ticks % decayTicks == 0) {
      score.decay(now, Math.min(params.seenTtl().toMillis(), DELIVERY_RECORD_MILLIS));
    }
    for (final PeerId p : List.copyOf(peers.keySet())) {
      if (scoreOf.applyAsDouble(p) < scoreParams.thresholds().graylist()) {
        sender.disconnect(p);
      }
    }
    flushControl();
  }

  private void maintainMesh(final String topic, final Set<PeerId> m, final ToDoubleFunction<PeerId> scoreOf,
      final long now) {
    for (final PeerId p : List.copyOf(m)) {
      if (scoreOf.applyAsDouble(p) < 0) {
        removeFromMesh(p, topic, m);
      }
    }
    if (m.size() < params.dLo()) {
      for (final PeerId p : candidates(topic, params.d() - m.size(), m, false)) {
        addToMesh(p, topic, m, now);
      }
    }
    if (m.size() > params.dHi()) {
      final List<PeerId> byScore = new ArrayList<>(m);
      Collections.shuffle(byScore, random);
      byScore.sort(Comparator.comparingDouble(scoreOf).reversed());
      final List<PeerId> keep = new ArrayList<>(byScore.subList(0, params.dScore()));
      final List<PeerId> rest = new ArrayList<>(byScore.subList(params.dScore(), byScore.size()));
      Collections.shuffle(rest, random);
      for (final PeerId p : rest) {
        if (keep.size() >= params.d()) {
          break;
        }
        keep.add(p);
      }
      long outbound = keep.stream().filter(p -> peers.get(p).outbound).count();
      for (final PeerId p : rest) {
        if (outbound >= params.dOut()) {
          break;
        }
        if (!keep.contains(p) && peers.get(p).outbound) {
          keep.add(p);
          outbound++;
        }
      }
      for (final PeerId p : byScore) {
        if (!keep.contains(p)) {
          removeFromMesh(p, topic, m);
        }
      }
    }
    if (m.size() >= params.dLo()) {
      final long outbound = m.stream().filter(p -> peers.get(p).outbound).count();
      if (outbound < params.dOut()) {
        for (final PeerId p : candidates(topic, (int) (params.dOut() - outbound), m, false)) {
          if (peers.get(p).outbound) {
            addToMesh(p, topic, m, now);
          }
        }
      }
    }
    if (ticks % params.opportunisticGraftTicks() == 0 && m.size() > 1) {
      final List<Double> sorted = m.stream().map(scoreOf::applyAsDouble).sorted().toList();
      final double median = sorted.get(sorted.size() / 2);
      if (median < scoreParams.thresholds().opportunisticGraft()) {
        int added = 0;
        for (final PeerId p : candidates(topic, Integer.MAX_VALUE, m, false)) {
          if (added < 2 && scoreOf.applyAsDouble(p) > median) {
            addToMesh(p, topic, m, now);
            added++;
          }
        }
      }
    }
  }

  private void addToMesh(final PeerId p, final String topic, final Set<PeerId> m, final long now) {
    m.add(p);
    score.graft(p, topic, now);
    control(p).addGraft(ControlGraft.newBuilder().setTopicID(topic));
  }

  private void removeFromMesh(final PeerId p, final String topic, final Set<PeerId> m) {
    m.remove(p);
    score.prune(p, topic);
    addBackoff(p, topic, params.pruneBackoff().toMillis());
    control(p).addPrune(prune(p, topic, params.pruneBackoff().toSeconds()));
  }

  private void maintainFanout(final ToDoubleFunction<PeerId> scoreOf, final long now) {
    final Iterator<Map.Entry<String, Set<PeerId>>> it = fanout.entrySet().iterator();
    while (it.hasNext()) {
      final Map.Entry<String, Set<PeerId>> e = it.next();
      final String topic = e.getKey();
      if (fanoutLastPublish.getOrDefault(topic, 0L) + params.fanoutTtl().toMillis() < now) {
        it.remove();
        fanoutLastPublish.remove(topic);
        continue;
      }
      e.getValue().removeIf(p -> !peers.containsKey(p) || !peers.get(p).topics.contains(topic)
          || scoreOf.applyAsDouble(p) < scoreParams.thresholds().publish());
      if (e.getValue().size() < params.d()) {
        e.getValue().addAll(candidates(topic, params.d() - e.getValue().size(), e.getValue(), true));
      }
    }
  }

  private void emitGossip(final ToDoubleFunction<PeerId> scoreOf) {
    final Map<String, Set<PeerId>> topics = new HashMap<>(mesh);
    topics.putAll(fanout);
    for (final Map.Entry<String, Set<PeerId>> e : topics.entrySet()) {
      final List<PeerId> eligible = new ArrayList<>();
      peers.forEach((p, s) -> {
        if (s.topics.contains(e.getKey()) && !e.getValue().contains(p)
            && scoreOf.applyAsDouble(p) >= scoreParams.thresholds().gossip()) {
          eligible.add(p);
        }
      });
      if (eligible.isEmpty()) {
        continue; // everyone who wants the topic is in the mesh: nothing to advertise
      }
      final List<MessageId> ids = cache.gossipIds(e.getKey());
      if (ids.isEmpty()) {
        continue;
      }
      final int n = Math.max(params.dLazy(), (int) (params.gossipFactor() * eligible.size()));
      Collections.shuffle(eligible, random);
      final List<MessageId> advertised = ids.size() > params.maxIHaveLength()
          ? ids.subList(ids.size() - params.maxIHaveLength(), ids.size()) : ids;
      final ControlIHave ihave = ControlIHave.newBuilder().setTopicID(e.getKey())
          .addAllMessageIDs(advertised.stream().map(MessageId::bytes).toList()).build();
      for (final PeerId p : eligible.subList(0, Math.min(n, eligible.size()))) {
        control(p).addIhave(ihave);
      }
    }
  }

  private void brokenPromises(final long now) {
    final Iterator<Map.Entry<MessageId, Long>> it = promiseDeadlines.entrySet().iterator();
    while (it.hasNext()) {
      final Map.Entry<MessageId, Long> e = it.next();
      if (e.getValue() < now) {
        final PeerId p = promises.remove(e.getKey());
        if (p != null) {
          score.addPenalty(p, 1);
        }
        it.remove();
      }
    }
  }

  /** Up to {@code n} random topic peers not in {@code exclude}, not backing off, with a non-negative score. */
  private List<PeerId> candidates(final String topic, final int n, final Collection<PeerId> exclude,
      final boolean forPublish) {
    final long now = clock.getAsLong();
    final List<PeerId> out = new ArrayList<>();
    peers.forEach((p, s) -> {
      if (!s.topics.contains(topic) || exclude.contains(p)) {
        return;
      }
      final double sc = score.score(p, now);
      if (forPublish ? sc >= scoreParams.thresholds().publish() : sc >= 0 && !backingOff(p, topic, now)) {
        out.add(p);
      }
    });
    Collections.shuffle(out, random);
    return out.size() > n ? out.subList(0, n) : out;
  }

  private ControlMessage.Builder control(final PeerId peer) {
    return pendingControl.computeIfAbsent(peer, p -> ControlMessage.newBuilder());
  }

  private void flushControl() {
    if (pendingControl.isEmpty()) {
      return;
    }
    final Map<PeerId, ControlMessage.Builder> batch = new HashMap<>(pendingControl);
    pendingControl.clear();
    batch.forEach((p, c) -> {
      if (peers.containsKey(p)) {
        sender.send(p, RPC.newBuilder().setControl(c).build());
      }
    });
  }

  /** For tests and the CLI: our messages' ids still in the cache. */
  int cachedMessages() {
    return cache.size();
  }
}
