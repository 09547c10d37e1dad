package io.perpnet.node;

import io.perpnet.consensus.identity.Ed25519KeyPair;
import io.perpnet.consensus.identity.PeerId;
import io.perpnet.node.config.NodeConfig;
import io.perpnet.node.service.NetworkService;
import io.perpnet.node.service.Services;
import io.perpnet.node.service.StoreService;
import io.perpnet.node.store.Store;
import io.perpnet.p2p.P2pNetwork;
import io.perpnet.p2p.multiaddr.Multiaddr;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's node: composes its services (the store first, so a second node on the same data
 * directory is refused before anything else starts; then the network) and stops them in reverse.
 * The facade the agent API and the tests drive.
 */
public final class Node implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);
  private final NodeConfig config;
  private final StoreService store;
  private final NetworkService network;
  private final Services services;

  private Node(final NodeConfig config, final StoreService store, final NetworkService network, final Services s) {
    this.config = config;
    this.store = store;
    this.network = network;
    this.services = s;
  }

  public static Node start(final NodeConfig config, final Ed25519KeyPair identity) throws Exception {
    final StoreService store = new StoreService(config.dataDir());
    final NetworkService network = new NetworkService(config, identity);
    final Node node = new Node(config, store, network, Services.start(List.of(store, network)));
    LOG.info("node started: peer {}, data {}, listening on {}", node.peerId(), config.dataDir(),
        node.listenAddresses());
    return node;
  }

  public PeerId peerId() {
    return network.network().peerId();
  }

  public List<Multiaddr> listenAddresses() {
    return network.network().listenAddresses();
  }

  public Store store() {
    return store.store();
  }

  public P2pNetwork network() {
    return network.network();
  }

  public NodeConfig config() {
    return config;
  }

  @Override
  public void close() {
    services.close();
    LOG.info("node stopped");
  }
}
