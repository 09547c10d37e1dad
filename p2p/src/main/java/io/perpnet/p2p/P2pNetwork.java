package io.perpnet.p2p;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.discovery.Discovery;
import io.perpnet.p2p.host.Host;
import io.perpnet.p2p.host.HostConfig;
import io.perpnet.p2p.host.PeerListener;
import io.perpnet.p2p.identify.Identify;
import io.perpnet.p2p.multiaddr.Multiaddr;
import io.perpnet.p2p.ping.Ping;
import io.perpnet.p2p.pubsub.GossipParams;
import io.perpnet.p2p.pubsub.GossipRouter;
import io.perpnet.p2p.pubsub.GossipSub;
import io.perpnet.p2p.pubsub.PubsubMessage;
import io.perpnet.p2p.pubsub.ScoreParams;
import io.perpnet.p2p.pubsub.SignaturePolicy;
import io.perpnet.p2p.pubsub.TopicValidator;
import io.perpnet.p2p.reqresp.RequestResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The network as the node sees it: a libp2p host with Identify, Ping, GossipSub, request/response
 * and discovery, behind a small surface (publish, subscribe, request, peer events).
 */
public final class P2pNetwork implements AutoCloseable {
  /**
   * @param listen TCP multiaddrs to listen on
   * @param bootstrap peers (with {@code /p2p/<id>}) to stay connected to
   * @param targetPeers how many peers discovery keeps us connected to
   */
  public record Config(Ed25519KeyPair identity, List<Multiaddr> listen, List<Multiaddr> bootstrap,
      SignaturePolicy policy, HostConfig host, GossipParams gossip, ScoreParams score, int targetPeers) {
    public Config {
      listen = List.copyOf(listen);
      bootstrap = List.copyOf(bootstrap);
    }

    public static Config defaults(final Ed25519KeyPair identity, final List<Multiaddr> listen,
        final List<Multiaddr> bootstrap, final SignaturePolicy policy) {
      return new Config(identity, listen, bootstrap, policy, HostConfig.defaults(), GossipParams.defaults(),
          ScoreParams.defaults(), 8);
    }
  }

  private final Host host;
  private final Ping ping;
  private final GossipSub gossip;
  private final RequestResponse requests;
  private final Discovery discovery;
  private final List<Multiaddr> listening;

  private P2pNetwork(final Config config) throws Exception {
    this.host = new Host(config.identity(), config.host());
    try {
      Identify.install(host);
      this.ping = Ping.install(host);
      this.gossip = GossipSub.install(host, config.identity(), config.policy(), config.gossip(), config.score());
      this.requests = new RequestResponse(host, config.host().maxMessageSize(), Duration.ofSeconds(10));
      final List<Multiaddr> bound = new ArrayList<>();
      for (final Multiaddr a : config.listen()) {
        bound.add(host.listen(a).get(10, TimeUnit.SECONDS));
      }
      this.listening = List.copyOf(bound);
      this.discovery = new Discovery(host, config.bootstrap(), config.targetPeers(), Duration.ofSeconds(2));
    } catch (Exception e) {
      host.close();
      throw e;
    }
  }

  /** Starts listening and dialling; fails if a listen address cannot be bound. */
  public static P2pNetwork start(final Config config) throws Exception {
    return new P2pNetwork(config);
  }

  public PeerId peerId() {
    return host.peerId();
  }

  /** Where we listen, each ending in {@code /p2p/<our id>}. */
  public List<Multiaddr> listenAddresses() {
    return listening;
  }

  public CompletableFuture<GossipRouter.Published> publish(final String topic, final byte[] data) {
    return gossip.publish(topic, data);
  }

  public void subscribe(final String topic, final TopicValidator validator, final Consumer<PubsubMessage> handler) {
    gossip.subscribe(topic, validator, handler);
  }

  public CompletableFuture<byte[]> request(final PeerId peer, final String protocol, final byte[] request) {
    return requests.request(peer, protocol, request);
  }

  public void serve(final String protocol, final RequestResponse.Responder responder) {
    requests.serve(protocol, responder);
  }

  public void addPeerListener(final PeerListener listener) {
    host.addListener(listener);
  }

  public CompletableFuture<Duration> ping(final PeerId peer) {
    return ping.ping(peer);
  }

  public Host host() {
    return host;
  }

  public GossipSub gossip() {
    return gossip;
  }

  @Override
  public void close() {
    discovery.close();
    gossip.close();
    host.close();
  }
}
