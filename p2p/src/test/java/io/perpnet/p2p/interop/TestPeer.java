package io.perpnet.p2p.interop;

import io.perpnet.p2p.multiaddr.Multiaddr;
import java.time.Duration;
import java.util.Set;

/** A peer of either implementation, as the interop tests drive it. */
interface TestPeer extends AutoCloseable {
  Duration TIMEOUT = Duration.ofSeconds(20);

  String peerId();

  /** Listen address with {@code /p2p/<id>}. */
  Multiaddr address();

  void publish(String text) throws Exception;

  /** Waits until a message with this text arrived; returns its author ("-" when unsigned). */
  String awaitMessage(String text) throws Exception;

  /** Waits until the topic mesh contains every peer of {@code peers}. */
  void awaitMesh(Set<String> peers) throws Exception;

  @Override
  void close();
}
