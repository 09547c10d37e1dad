package io.perpnet.node.service;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.node.config.NodeConfig;
import io.perpnet.p2p.P2pNetwork;
import io.perpnet.p2p.pubsub.SignaturePolicy;

/** The libp2p network: listens, dials the bootstrap peers, StrictNoSign gossip (messages carry their own signatures). */
public final class NetworkService implements Service {
  private final NodeConfig config;
  private final Ed25519KeyPair identity;
  private P2pNetwork network;

  public NetworkService(final NodeConfig config, final Ed25519KeyPair identity) {
    this.config = config;
    this.identity = identity;
  }

  @Override
  public String name() {
    return "network";
  }

  @Override
  public void start() throws Exception {
    network = P2pNetwork.start(P2pNetwork.Config.builder(identity).listen(config.listen())
        .bootstrap(config.bootstrap()).policy(SignaturePolicy.STRICT_NO_SIGN).build());
  }

  public P2pNetwork network() {
    return network;
  }

  @Override
  public void stop() {
    network.close();
  }
}
