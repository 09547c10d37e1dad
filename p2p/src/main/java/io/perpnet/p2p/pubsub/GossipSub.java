package io.perpnet.p2p.pubsub;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.ChannelOption;
import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.host.Connection;
import io.perpnet.p2p.host.Host;
import io.perpnet.p2p.host.PeerListener;
import io.perpnet.p2p.multiaddr.Protocol;
import io.perpnet.p2p.pubsub.pb.RpcProtos.RPC;
import io.perpnet.p2p.wire.VarintFrameDecoder;
import io.perpnet.p2p.wire.VarintFrameEncoder;
import io.perpnet.p2p.yamux.YamuxStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GossipSub on a {@link Host}: for each connected peer we open one outbound stream
 * ({@code /meshsub/1.1.0}, falling back to {@code /meshsub/1.0.0}) that we only write to, and read
 * the stream the peer opens to us (a newer one replaces an older one, as js does). Every RPC is a
 * length-prefixed {@code RPC} protobuf of at most {@link GossipParams#maxRpcSize()} bytes; a bigger
 * or unparsable one resets the stream and counts against the peer.
 *
 * <p>The router runs on one event loop of the host; the public methods may be called from any thread.
 */
public final class GossipSub implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GossipSub.class);
  private static final List<String> PROTOCOLS = List.of(GossipRouter.MESHSUB_1_1, GossipRouter.MESHSUB_1_0);
  /** A peer's outbound stream may hold this much unsent data before we drop messages for it. */
  static final int MAX_QUEUED_BYTES = 2 * 1024 * 1024;
  /** A peer whose outbound stream stays full for this many heartbeats in a row is disconnected. */
  static final int STALLED_HEARTBEATS = 3;
  /** Peers with a positive score, kept for the host's reserved inbound slots (bounded). */
  private static final int MAX_TRUSTED = 10_000;
  /** How long a peer disconnected for its score is refused at the handshake. */
  public static final java.time.Duration GRAYLIST_BAN = java.time.Duration.ofMinutes(5);

  private final Host host;
  private final GossipParams params;
  private final EventLoop loop;
  private final GossipRouter router;
  private final Map<PeerId, YamuxStream> outbound = new HashMap<>();
  private final Map<PeerId, YamuxStream> inbound = new HashMap<>();
  private final Map<PeerId, Connection> connections = new HashMap<>();
  /** Reopened outbound streams per peer, capped so a peer resetting every stream cannot loop us. */
  private final Map<PeerId, Integer> reopened = new HashMap<>();
  private static final int MAX_REOPENS = 8;
  private final io.netty.util.concurrent.ScheduledFuture<?> heartbeat;
  /** Callers of {@link #awaitMesh}, checked after every heartbeat (the mesh changes at heartbeats). */
  private final List<MeshWait> meshWaits = new ArrayList<>();
  private long dropped;
  private final Map<PeerId, Integer> stalled = new HashMap<>();
  /** Where {@link #offLoop} validators run: one thread per core, never the network's event loops. */
  private final java.util.concurrent.ExecutorService validators = java.util.concurrent.Executors.newFixedThreadPool(
      Runtime.getRuntime().availableProcessors(), Thread.ofPlatform().daemon().name("gossip-validate-", 0).factory());
  private final Set<PeerId> trusted = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private record MeshWait(String topic, Set<PeerId> peers, CompletableFuture<Set<PeerId>> done) {}

  private GossipSub(final Host host, final Ed25519KeyPair identity, final GossipParams params,
      final ScoreParams score, final SignaturePolicy policy, final ToDoubleFunction<PeerId> appScore,
      final Random random) {
    this.host = host;
    this.params = params;
    this.loop = host.nextEventLoop();
    this.router = new GossipRouter(identity, params, score, policy, new NetworkSender(),
        System::currentTimeMillis, random, appScore);
    this.heartbeat = loop.scheduleAtFixedRate(this::heartbeat, 100, params.heartbeat().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void heartbeat() {
    router.heartbeat();
    meshWaits.removeIf(this::meshHolds);
    dropStalledPeers();
    for (final PeerId p : outbound.keySet()) {
      if (router.score(p) > 0) {
        if (trusted.size() < MAX_TRUSTED) {
          trusted.add(p);
        }
      } else {
        trusted.remove(p);
      }
    }
  }

  /**
   * A peer that has not read what we sent for {@link #STALLED_HEARTBEATS} heartbeats is cut off and
   * penalised: its messages are dropped meanwhile, never buffered without bound.
   */
  private void dropStalledPeers() {
    for (final Map.Entry<PeerId, YamuxStream> e : outbound.entrySet()) {
      final PeerId peer = e.getKey();
      if (e.getValue().isWritable()) {
        stalled.remove(peer);
      } else if (stalled.merge(peer, 1, Integer::sum) >= STALLED_HEARTBEATS) {
        stalled.remove(peer);
        LOG.info("disconnecting {}: it has not read our gossip for {} heartbeats", peer, STALLED_HEARTBEATS);
        router.penalise(peer);
        final Connection c = connections.get(peer);
        if (c != null) {
          c.close();
        }
      }
    }
  }

  private boolean meshHolds(final MeshWait wait) {
    final Set<PeerId> mesh = router.meshPeers(wait.topic());
    return wait.done().isDone() || mesh.containsAll(wait.peers()) && wait.done().complete(mesh);
  }

  /** Installs GossipSub on {@code host}; {@code identity} must be the host's. */
  public static GossipSub install(final Host host, final Ed25519KeyPair identity, final SignaturePolicy policy,
      final GossipParams params, final ScoreParams score) {
    if (!PeerId.of(identity.publicKey()).equals(host.peerId())) {
      throw new IllegalArgumentException("the identity is not the host's");
    }
    final GossipSub g = new GossipSub(host, identity, params, score, policy, p -> 0, new SecureRandom());
    for (final String protocol : PROTOCOLS) {
      host.handle(protocol, g::acceptInbound);
    }
    host.admission().trust(g.trusted::contains);
    host.addListener(new PeerListener() {
      @Override
      public void connected(final PeerId peer, final Connection connection) {
        g.loop.execute(() -> g.openOutbound(peer, connection));
      }

      @Override
      public void disconnected(final PeerId peer) {
        g.loop.execute(() -> g.peerGone(peer));
      }
    });
    return g;
  }

  public static GossipSub install(final Host host, final Ed25519KeyPair identity, final SignaturePolicy policy) {
    return install(host, identity, policy, GossipParams.defaults(), ScoreParams.defaults());
  }

  // ---- the public surface ----------------------------------------------------------------------

  /**
   * Subscribes with a validator that runs on the router thread (it must be quick: a lookup, not a
   * signature check); {@code handler} receives every accepted message (on the router thread).
   */
  public void subscribe(final String topic, final TopicValidator validator, final Consumer<PubsubMessage> handler) {
    loop.execute(() -> router.subscribe(topic, validator, handler));
  }

  /** Subscribes with an asynchronous validator; verdicts are applied in each peer's order. */
  public void subscribeAsync(final String topic, final AsyncTopicValidator validator,
      final Consumer<PubsubMessage> handler) {
    loop.execute(() -> router.subscribeAsync(topic, validator, handler));
  }

  /**
   * {@code validator} run on the validation threads (one per core), off the network's event loops:
   * for validators that verify signatures. It must be thread-safe.
   */
  public AsyncTopicValidator offLoop(final TopicValidator validator) {
    return m -> CompletableFuture.supplyAsync(() -> validator.validate(m), validators);
  }

  public void unsubscribe(final String topic) {
    loop.execute(() -> router.unsubscribe(topic));
  }

  /** Publishes; completes with the message id and the number of peers it went to. */
  public CompletableFuture<GossipRouter.Published> publish(final String topic, final byte[] data) {
    return onLoop(() -> router.publish(topic, data));
  }

  public CompletableFuture<Set<PeerId>> meshPeers(final String topic) {
    return onLoop(() -> router.meshPeers(topic));
  }

  /**
   * Completes with the topic's mesh once it holds every peer of {@code peers} (at once if it does
   * already; otherwise after the heartbeat that grafts the last of them). Cancel it to stop waiting.
   */
  public CompletableFuture<Set<PeerId>> awaitMesh(final String topic, final Set<PeerId> peers) {
    final MeshWait wait = new MeshWait(topic, Set.copyOf(peers), new CompletableFuture<>());
    loop.execute(() -> {
      if (!meshHolds(wait)) {
        meshWaits.add(wait);
      }
    });
    return wait.done();
  }

  public CompletableFuture<Set<PeerId>> topicPeers(final String topic) {
    return onLoop(() -> router.peersOf(topic));
  }

  public CompletableFuture<Double> score(final PeerId peer) {
    return onLoop(() -> router.score(peer));
  }

  public GossipParams params() {
    return params;
  }

  /** PRUNE backoff entries held, all topics together (for tests and metrics). */
  public CompletableFuture<Integer> backoffEntries() {
    return onLoop(router::backoffEntries);
  }

  public CompletableFuture<GossipRouter.Stats> stats() {
    return onLoop(router::stats);
  }

  private <T> CompletableFuture<T> onLoop(final java.util.function.Supplier<T> task) {
    final CompletableFuture<T> f = new CompletableFuture<>();
    loop.execute(() -> {
      try {
        f.complete(task.get());
      } catch (RuntimeException e) {
        f.completeExceptionally(e);
      }
    });
    return f;
  }

  @Override
  public void close() {
    heartbeat.cancel(false);
    validators.shutdownNow();
  }

  // ---- streams ---------------------------------------------------------------------------------

  private void openOutbound(final PeerId peer, final Connection connection) {
    connections.put(peer, connection);
    host.newStream(connection, PROTOCOLS, (stream, conn, protocol) -> {
      stream.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
          new WriteBufferWaterMark(MAX_QUEUED_BYTES / 2, MAX_QUEUED_BYTES));
      stream.pipeline().addLast(VarintFrameEncoder.INSTANCE);
      stream.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final ByteBuf msg) {
          // the outbound stream is write-only; a peer writing on it is ignored
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
          ctx.close();
        }
      });
      loop.execute(() -> {
        if (!connection.isOpen()) {
          return;
        }
        outbound.put(peer, stream);
        stream.closeFuture().addListener(f -> loop.execute(() -> outboundClosed(peer, stream)));
        router.addPeer(peer, protocol, connection.direction() == Connection.Direction.OUTBOUND, ip(connection));
        router.greet(peer);
      });
    }).exceptionally(e -> {
      LOG.debug("no gossip stream to {}: {}", peer, e.toString());
      return null;
    });
  }

  /**
   * Our stream to a peer closed. If the peer is still connected (over another connection, or the
   * peer only reset the stream) we open a new one, so it does not silently stop hearing from us.
   */
  private void outboundClosed(final PeerId peer, final YamuxStream stream) {
    if (!outbound.remove(peer, stream) || !router.hasPeer(peer)) {
      return;
    }
    host.connection(peer).filter(Connection::isOpen).ifPresent(c -> {
      if (reopened.merge(peer, 1, Integer::sum) <= MAX_REOPENS) {
        openOutbound(peer, c);
      }
    });
  }

  private void acceptInbound(final YamuxStream stream, final Connection connection, final String protocol) {
    final PeerId peer = connection.remotePeer();
    stream.pipeline().addLast(new VarintFrameDecoder(params.maxRpcSize()));
    stream.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
      @Override
      protected void channelRead0(final ChannelHandlerContext ctx, final ByteBuf msg) {
        final RPC rpc;
        try {
          rpc = RPC.parseFrom(ByteBufUtil.getBytes(msg));
        } catch (InvalidProtocolBufferException e) {
          LOG.debug("unparsable RPC from {}: {}", peer, e.getMessage());
          loop.execute(() -> router.penalise(peer));
          ((YamuxStream) ctx.channel()).reset();
          return;
        }
        loop.execute(() -> router.handleRpc(peer, rpc));
      }

      @Override
      public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
        LOG.debug("gossip stream from {}: {}", peer, cause.toString());
        loop.execute(() -> router.penalise(peer));
        ((YamuxStream) ctx.channel()).reset();
      }
    });
    loop.execute(() -> {
      router.addPeer(peer, protocol, connection.direction() == Connection.Direction.OUTBOUND, ip(connection));
      final YamuxStream old = inbound.put(peer, stream);
      if (old != null && old != stream) {
        old.close();
      }
      stream.closeFuture().addListener(f -> loop.execute(() -> inbound.remove(peer, stream)));
    });
  }

  private void peerGone(final PeerId peer) {
    connections.remove(peer);
    stalled.remove(peer);
    reopened.remove(peer);
    final YamuxStream out = outbound.remove(peer);
    if (out != null) {
      out.close();
    }
    inbound.remove(peer);
    router.removePeer(peer);
  }

  private static String ip(final Connection c) {
    return c.remoteAddress().valueOf(Protocol.IP4).or(() -> c.remoteAddress().valueOf(Protocol.IP6)).orElse(null);
  }

  /** Messages dropped because a peer's stream could not keep up. */
  public long dropped() {
    return dropped;
  }

  /**
   * Coalesces everything the router sends to one peer during a burst of work into one RPC: the
   * flush runs after the tasks already queued on the router's loop, so under load many messages
   * share a frame, and when idle a message leaves right after the task that produced it.
   */
  private final class NetworkSender implements GossipRouter.Sender {
    private static final int FLUSH_BYTES = 256 * 1024;
    private final Map<PeerId, RPC.Builder> pending = new HashMap<>();
    private final Map<PeerId, Integer> pendingBytes = new HashMap<>();
    private boolean flushScheduled;

    @Override
    public void send(final PeerId peer, final RPC rpc) {
      if (!outbound.containsKey(peer)) {
        return;
      }
      pending.computeIfAbsent(peer, p -> RPC.newBuilder()).mergeFrom(rpc);
      if (pendingBytes.merge(peer, rpc.getSerializedSize(), Integer::sum) >= FLUSH_BYTES) {
        write(peer, pending.remove(peer).build());
        pendingBytes.remove(peer);
      }
      if (!flushScheduled) {
        flushScheduled = true;
        loop.execute(this::flush);
      }
    }

    private void flush() {
      flushScheduled = false;
      pending.forEach((peer, rpc) -> write(peer, rpc.build()));
      pending.clear();
      pendingBytes.clear();
    }

    private void write(final PeerId peer, final RPC rpc) {
      final YamuxStream s = outbound.get(peer);
      if (s == null) {
        return;
      }
      if (!s.isWritable()) {
        dropped += rpc.getPublishCount();
        return;
      }
      s.writeAndFlush(Unpooled.wrappedBuffer(rpc.toByteArray()));
    }

    @Override
    public void runOnRouter(final Runnable task) {
      loop.execute(task);
    }

    @Override
    public void disconnect(final PeerId peer) {
      // refused at the handshake for a while, rather than readmitted and cut off again every heartbeat
      host.gater().ban(peer, GRAYLIST_BAN);
      final Connection c = connections.get(peer);
      if (c != null) {
        LOG.info("disconnecting {}: score below the graylist threshold; refused for {}", peer, GRAYLIST_BAN);
        c.close();
      }
    }
  }
}
