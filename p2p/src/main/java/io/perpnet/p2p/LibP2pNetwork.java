package io.perpnet.p2p;

import io.perpnet.consensus.identity.PeerId;
import io.perpnet.p2p.discovery.Discovery;
import io.perpnet.p2p.host.Connection;
import io.perpnet.p2p.host.Host;
import io.perpnet.p2p.host.PeerListener;
import io.perpnet.p2p.identify.Identify;
import io.perpnet.p2p.multiaddr.Multiaddr;
import io.perpnet.p2p.ping.Ping;
import io.perpnet.p2p.pubsub.AsyncTopicValidator;
import io.perpnet.p2p.pubsub.GossipRouter;
import io.perpnet.p2p.pubsub.GossipSub;
import io.perpnet.p2p.pubsub.PubsubMessage;
import io.perpnet.p2p.pubsub.TopicValidator;
import io.perpnet.p2p.reqresp.RequestResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@link P2pNetwork} on libp2p: a {@link Host} with Identify, Ping, GossipSub, request/response and
 * discovery. {@link #host()} and {@link #gossip()} are there for tests and tools that need more than
 * the node's surface.
 */
public final class LibP2pNetwork implements P2pNetwork {
  private final Host host;
  private final Ping ping;
  private final GossipSub gossip;
  private final RequestResponse requests;
  private final Discovery discovery;
  private final List<Multiaddr> listening;

  private LibP2pNetwork(final Config config) throws Exception {
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
  public static LibP2pNetwork start(final Config config) throws Exception {
    return new LibP2pNetwork(config);
  }

  @Override
  public PeerId peerId() {
    return host.peerId();
  }

  @Override
  public List<Multiaddr> listenAddresses() {
    return listening;
  }

  @Override
  public CompletableFuture<GossipRouter.Published> publish(final String topic, final byte[] data) {
    return gossip.publish(topic, data);
  }

  @Override
  public void subscribe(final String topic, final TopicValidator validator, final Consumer<PubsubMessage> handler) {
    gossip.subscribeAsync(topic, gossip.offLoop(validator), handler);
  }

  @Override
  public void subscribeAsync(final String topic, final AsyncTopicValidator validator,
      final Consumer<PubsubMessage> handler) {
    gossip.subscribeAsync(topic, validator, handler);
  }

  @Override
  public void unsubscribe(final String topic) {
    gossip.unsubscribe(topic);
  }

  @Override
  public CompletableFuture<byte[]> request(final PeerId peer, final String protocol, final byte[] request) {
    return requests.request(peer, protocol, request);
  }

  @Override
  public void addAddresses(final PeerId peer, final List<Multiaddr> addresses) {
    host.addressBook().addAddresses(peer, addresses);
  }

  @Override
  public void serve(final String protocol, final RequestResponse.Responder responder) {
    requests.serve(protocol, responder);
  }

  @Override
  public void addPeerListener(final PeerEvents listener) {
    host.addListener(new PeerListener() {
      @Override
      public void connected(final PeerId peer, final Connection connection) {
        listener.connected(peer);
      }

      @Override
      public void disconnected(final PeerId peer) {
        listener.disconnected(peer);
      }
    });
  }

  @Override
  public List<PeerId> connectedPeers() {
    return host.connectedPeers();
  }

  @Override
  public CompletableFuture<Double> score(final PeerId peer) {
    return gossip.score(peer);
  }

  @Override
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
