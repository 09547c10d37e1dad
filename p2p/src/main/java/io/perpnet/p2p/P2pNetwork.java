package io.perpnet.p2p;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.host.HostConfig;
import io.perpnet.p2p.multiaddr.Multiaddr;
import io.perpnet.p2p.pubsub.AsyncTopicValidator;
import io.perpnet.p2p.pubsub.GossipParams;
import io.perpnet.p2p.pubsub.GossipRouter;
import io.perpnet.p2p.pubsub.PubsubMessage;
import io.perpnet.p2p.pubsub.ScoreParams;
import io.perpnet.p2p.pubsub.SignaturePolicy;
import io.perpnet.p2p.pubsub.TopicValidator;
import io.perpnet.p2p.reqresp.RequestResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The network as the node sees it: publish and subscribe with validation, one request and one
 * response per stream, peer events. No Netty type appears here: {@link LibP2pNetwork} is the real
 * one, and the test-jar's {@code testing.InMemoryNetwork} lets the node's tests run without sockets.
 */
public interface P2pNetwork extends AutoCloseable {
  /** Peers connecting and leaving (the first connection and the last). Keep the calls short. */
  interface PeerEvents {
    default void connected(PeerId peer) {}

    default void disconnected(PeerId peer) {}
  }

  PeerId peerId();

  /** Where we listen, each ending in {@code /p2p/<our id>}. */
  List<Multiaddr> listenAddresses();

  /** Publishes; completes with the message id and the number of peers it went to. */
  CompletableFuture<GossipRouter.Published> publish(String topic, byte[] data);

  /**
   * Subscribes; {@code validator} runs on the validation threads, off the network's event loops
   * and concurrently (it must be thread-safe), and {@code handler} receives every accepted message,
   * in each sending peer's order.
   */
  void subscribe(String topic, TopicValidator validator, Consumer<PubsubMessage> handler);

  /** Subscribes with an asynchronous validator; verdicts are applied in each sending peer's order. */
  void subscribeAsync(String topic, AsyncTopicValidator validator, Consumer<PubsubMessage> handler);

  void unsubscribe(String topic);

  /**
   * Sends one request and completes with the response; dials {@code peer} if need be, at an
   * address learnt from Identify or given to {@link #addAddresses}.
   */
  CompletableFuture<byte[]> request(PeerId peer, String protocol, byte[] request);

  /** Where {@code peer} may be dialled (say, the addresses in its gossip envelope). */
  void addAddresses(PeerId peer, List<Multiaddr> addresses);

  void serve(String protocol, RequestResponse.Responder responder);

  void addPeerListener(PeerEvents listener);

  List<PeerId> connectedPeers();

  /** The peer's GossipSub score as this node computes it (v1.1 peer scoring; 0 where there is no scoring). */
  default CompletableFuture<Double> score(final PeerId peer) {
    return CompletableFuture.completedFuture(0.0);
  }

  CompletableFuture<Duration> ping(PeerId peer);

  @Override
  void close();

  /** Starts a libp2p network; fails if a listen address cannot be bound. */
  static LibP2pNetwork start(final Config config) throws Exception {
    return LibP2pNetwork.start(config);
  }

  /**
   * @param listen TCP multiaddrs to listen on
   * @param bootstrap peers (with {@code /p2p/<id>}) to stay connected to
   * @param targetPeers how many peers discovery keeps us connected to
   */
  record Config(Ed25519KeyPair identity, List<Multiaddr> listen, List<Multiaddr> bootstrap,
      SignaturePolicy policy, HostConfig host, GossipParams gossip, ScoreParams score, int targetPeers) {
    public Config {
      listen = List.copyOf(listen);
      bootstrap = List.copyOf(bootstrap);
    }

    public static Config defaults(final Ed25519KeyPair identity, final List<Multiaddr> listen,
        final List<Multiaddr> bootstrap, final SignaturePolicy policy) {
      return builder(identity).listen(listen).bootstrap(bootstrap).policy(policy).build();
    }

    public static Builder builder(final Ed25519KeyPair identity) {
      return new Builder(identity);
    }

    public Builder toBuilder() {
      return builder(identity).listen(listen).bootstrap(bootstrap).policy(policy).host(host).gossip(gossip)
          .score(score).targetPeers(targetPeers);
    }
  }

  /** Named settings: no listen address, no bootstrap peers, StrictNoSign, default limits, 8 peers. */
  final class Builder {
    private final Ed25519KeyPair identity;
    private List<Multiaddr> listen = List.of();
    private List<Multiaddr> bootstrap = List.of();
    private SignaturePolicy policy = SignaturePolicy.STRICT_NO_SIGN;
    private HostConfig host = HostConfig.defaults();
    private GossipParams gossip = GossipParams.defaults();
    private ScoreParams score = ScoreParams.defaults();
    private int targetPeers = 8;

    private Builder(final Ed25519KeyPair identity) {
      this.identity = identity;
    }

    public Builder listen(final List<Multiaddr> v) {
      listen = v;
      return this;
    }

    public Builder bootstrap(final List<Multiaddr> v) {
      bootstrap = v;
      return this;
    }

    public Builder policy(final SignaturePolicy v) {
      policy = v;
      return this;
    }

    public Builder host(final HostConfig v) {
      host = v;
      return this;
    }

    public Builder gossip(final GossipParams v) {
      gossip = v;
      return this;
    }

    public Builder score(final ScoreParams v) {
      score = v;
      return this;
    }

    public Builder targetPeers(final int v) {
      targetPeers = v;
      return this;
    }

    public Config build() {
      return new Config(identity, listen, bootstrap, policy, host, gossip, score, targetPeers);
    }
  }
}
